"""Inputs to JSON text: a dict is written so that every decimal stays exact.

The core reads every JSON number from its literal digits, so the one thing a
dict must not do is pass through a binary float. This encoder writes:

- ``str`` as a JSON string, ``True``/``False``/``None`` as ``true``/``false``/
  ``null``, ``int`` as its digits;
- ``decimal.Decimal`` as a JSON number with its own digits (``str(d)``:
  ``Decimal("0.95")`` is ``0.95``, ``Decimal("1E-7")`` is ``1E-7``), which the
  core reads exactly; NaN and infinities are refused (``ValueError``);
- ``datetime.date`` as ``"YYYY-MM-DD"`` (a ``datetime.datetime`` is refused:
  its time of day would be dropped);
- a mapping with ``str`` keys as an object, in its order; a ``list`` or
  ``tuple`` as an array.

A ``float`` is refused with a ``TypeError`` naming where it is: ``0.1`` as a
float is 0.1000000000000000055511151231257827…, and a rounding the caller
never asked for is exactly what ducha exists to avoid. Write
``Decimal("0.95")`` or the string ``"0.95"`` (``json.loads(text,
parse_float=decimal.Decimal)`` reads a JSON file that way). Any other type is
refused with a ``TypeError`` too, and a value nested deeper than the core
reads (`MAX_NESTING`) with a `LimitError`, before anything reaches the core.
"""

from __future__ import annotations

import datetime
import decimal
import json
import os
from collections.abc import Mapping
from typing import Any, List, Union
from typing import Mapping as MappingOf

from . import _native
from ._errors import LimitError

#: JSON text or bytes, a dict to be written as JSON, or the path of a JSON
#: file (a `pathlib.Path`: a `str` is always JSON text).
Input = Union[str, bytes, bytearray, memoryview, MappingOf[str, Any], "os.PathLike[str]"]

_escape = json.encoder.encode_basestring


def to_json_input(value: Any, name: str) -> Union[str, bytes]:
    """`value` as the native module takes it: ``str`` and ``bytes`` as they
    are, other bytes-like objects copied to ``bytes``, a mapping written as
    JSON text (see the module's docs), a path read as bytes.

    Raises:
        OSError: a path that cannot be read.
    """
    if isinstance(value, (str, bytes)):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, os.PathLike):
        with open(value, "rb") as file:
            return file.read()
    if isinstance(value, Mapping):
        out: List[str] = []
        _write(value, "", 1, out)
        return "".join(out)
    raise TypeError(
        f"`{name}` must be JSON text (str or bytes), a dict or a pathlib.Path, not `{type(value).__name__}`"
    )


def _key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _write(value: Any, path: str, depth: int, out: List[str]) -> None:
    # Order matters: bool is an int, datetime is a date.
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_escape(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError(f"`{path or 'the input'}`: {value!r} is not a number JSON can hold")
        out.append(str(value))
    elif isinstance(value, float):
        raise TypeError(
            f"`{path or 'the input'}`: float {value!r} refused: a float cannot hold most "
            f"decimals exactly; write decimal.Decimal({str(value)!r}) or the string "
            f"{str(value)!r} (json.loads(text, parse_float=decimal.Decimal) reads JSON so)"
        )
    elif isinstance(value, datetime.datetime):
        raise TypeError(
            f"`{path or 'the input'}`: datetime {value.isoformat()!r} refused: ducha reads "
            f"dates (YYYY-MM-DD); pass a datetime.date"
        )
    elif isinstance(value, datetime.date):
        out.append(f'"{value.isoformat()}"')
    elif isinstance(value, Mapping):
        _check_depth(path, depth)
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise TypeError(f"`{path or 'the input'}`: key {key!r} refused: JSON object keys are str")
            if i:
                out.append(",")
            out.append(_escape(key))
            out.append(":")
            _write(item, _key_path(path, key), depth + 1, out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        _check_depth(path, depth)
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _write(item, f"{path}[{i}]", depth + 1, out)
        out.append("]")
    else:
        raise TypeError(
            f"`{path or 'the input'}`: a `{type(value).__name__}` cannot be written as JSON "
            f"(use str, int, decimal.Decimal, bool, None, datetime.date, dict, list or tuple)"
        )


def _check_depth(path: str, depth: int) -> None:
    if depth > _native.MAX_NESTING:
        raise LimitError(
            f"nested deeper than {_native.MAX_NESTING} levels (or a value that contains itself)",
            path=path or None,
        )
