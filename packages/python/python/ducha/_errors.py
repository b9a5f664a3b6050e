"""The exceptions: `DuchaError` and one subclass per stable error code."""

from __future__ import annotations

import json
from typing import Any, Callable, ClassVar, Dict, Optional, Tuple, Type


class DuchaError(Exception):
    """A failure reported by ducha: a stable code, a message, and where.

    Branch on the class (or on `code`); `message` is meant for people.

    Attributes:
        code: the stable machine code, such as ``"unknown-rule"``.
        message: what went wrong, for people.
        path: where in the input JSON, such as ``"facts.7a[0].start"``, for
            input that does not fit the contract; otherwise ``None``.
        id: the rule, node or rubric concerned, otherwise ``None``.

    ``str(error)`` is ``"path: message"`` when there is a path, else the
    message, as the Rust ``Display`` of the error. ``error.to_json()`` is the
    error document ``{"error": {"code", "message", "path"?, "id"?}}``, the
    bytes every other host gets.
    """

    #: The code of this class; ``None`` for `DuchaError` itself, which then
    #: needs the code given.
    CODE: ClassVar[Optional[str]] = None

    code: str
    message: str
    path: Optional[str]
    id: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        path: Optional[str] = None,
        id: Optional[str] = None,  # noqa: A002 - the name of the field in the JSON
    ) -> None:
        code = code if code is not None else type(self).CODE
        if code is None:
            raise TypeError("DuchaError needs a `code`")
        if type(self).CODE is not None and code != type(self).CODE:
            raise ValueError(f"{type(self).__name__} has code `{type(self).CODE}`, not `{code}`")
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = path
        self.id = id
        self._json: Optional[str] = None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message

    def __repr__(self) -> str:
        fields = [f"{self.message!r}", f"code={self.code!r}"]
        if self.path is not None:
            fields.append(f"path={self.path!r}")
        if self.id is not None:
            fields.append(f"id={self.id!r}")
        return f"{type(self).__name__}({', '.join(fields)})"

    def __reduce__(self) -> Tuple[Callable[..., DuchaError], Tuple[Any, ...]]:
        # Keyword-only fields: the default reduction (`args`) would lose them,
        # and pickling is how errors cross `multiprocessing`.
        return (_rebuild, (type(self), self.message, self.code, self.path, self.id, self._json))

    def to_json(self) -> str:
        """The error as JSON: ``{"error": {"code", "message", "path"?, "id"?}}``.

        For an error raised by the core, these are the core's own bytes.
        """
        if self._json is not None:
            return self._json
        error: Dict[str, str] = {"code": self.code, "message": self.message}
        if self.path is not None:
            error["path"] = self.path
        if self.id is not None:
            error["id"] = self.id
        return json.dumps({"error": error}, ensure_ascii=False, separators=(",", ":"))


def _rebuild(
    cls: Type[DuchaError],
    message: str,
    code: str,
    path: Optional[str],
    id: Optional[str],  # noqa: A002
    raw: Optional[str],
) -> DuchaError:
    error = cls(message, code=code, path=path, id=id)
    error._json = raw
    return error


class JsonSyntaxError(DuchaError):
    """``syntax``: the input is not JSON (the message gives line and column)."""

    CODE = "syntax"


class Utf8Error(DuchaError):
    """``utf8``: the input is not UTF-8: ``bytes`` in another encoding (GBK
    from an older system; the message gives the byte offset), or a ``str``
    holding a lone surrogate."""

    CODE = "utf8"


class NullPointerError(DuchaError):
    """``null-pointer``: a required pointer was NULL. Reported by the C ABI
    only; this package never raises it."""

    CODE = "null-pointer"


class InternalError(DuchaError):
    """``internal``: a failure of the library itself. Never expected: the
    core does not panic."""

    CODE = "internal"


class LimitError(DuchaError):
    """``limit``: above an input limit: more than `MAX_INPUT_BYTES`, nested
    deeper than `MAX_NESTING`, more than `MAX_RULES` rules or `MAX_NODES`
    indicators and items."""

    CODE = "limit"


class InvalidInputError(DuchaError):
    """``invalid``: well-formed JSON that does not fit the contract: a wrong
    type, an unknown or missing field, an invalid value (see `path`)."""

    CODE = "invalid"


class InvalidRubricError(DuchaError):
    """``invalid-rubric``: a rubric that fails validation (see `id`): ids
    not unique, points that do not add up, a cap below zero…"""

    CODE = "invalid-rubric"


class RubricMismatchError(DuchaError):
    """``rubric-mismatch``: the inspection names another rubric (`id` is the
    one it names)."""

    CODE = "rubric-mismatch"


class UnknownRuleError(DuchaError):
    """``unknown-rule``: a fact for a rule the rubric does not have (`id`)."""

    CODE = "unknown-rule"


class WrongFactTypeError(DuchaError):
    """``wrong-fact-type``: a fact of a type its rule (`id`) does not read."""

    CODE = "wrong-fact-type"


class MissingContextError(DuchaError):
    """``missing-context``: a date rule (`id`) without the assessment
    period or date it needs."""

    CODE = "missing-context"


class CalendarError(DuchaError):
    """``calendar``: the working-day calendar cannot answer for rule `id`
    (a year it does not know: add it with `Engine.add_calendar_year`)."""

    CODE = "calendar"


class InvalidCaseError(DuchaError):
    """``invalid-case``: a malformed deadline case of rule `id` (neither
    ``start`` nor ``due``, done before it started…)."""

    CODE = "invalid-case"


class OutOfDomainError(DuchaError):
    """``out-of-domain``: a value outside what its rule (`id`) reads: a
    ratio of ``96``, a negative count."""

    CODE = "out-of-domain"


class PointsOverflowError(DuchaError):
    """``overflow``: a deduction of rule `id` too large to represent."""

    CODE = "overflow"


class InvalidFactError(DuchaError):
    """``invalid-fact``: a fact its rule (`id`) cannot price: a rating
    option the rule does not list (the message lists the valid ones), a
    measured value outside its range."""

    CODE = "invalid-fact"


class NotApplicableError(DuchaError):
    """``not-applicable``: the inspection marked a node or rule (`id`) not
    applicable where the rubric does not allow it, or gave no reason."""

    CODE = "not-applicable"


class VersionError(DuchaError):
    """``version``: no single version of the rubric is in force for the
    inspection (none, several, or no period or date to pick one by)."""

    CODE = "version"


#: The exception class of each stable code.
ERROR_CLASSES: Dict[str, Type[DuchaError]] = {
    cls.CODE: cls
    for cls in (
        JsonSyntaxError,
        Utf8Error,
        NullPointerError,
        InternalError,
        LimitError,
        InvalidInputError,
        InvalidRubricError,
        RubricMismatchError,
        UnknownRuleError,
        WrongFactTypeError,
        MissingContextError,
        CalendarError,
        InvalidCaseError,
        OutOfDomainError,
        PointsOverflowError,
        InvalidFactError,
        NotApplicableError,
        VersionError,
    )
    if cls.CODE is not None
}


def error_class(code: str) -> Type[DuchaError]:
    """The exception class of `code`; `DuchaError` for a code this version
    does not know."""
    return ERROR_CLASSES.get(code, DuchaError)


def _from_native(
    code: str,
    message: str,
    path: Optional[str],
    id: Optional[str],  # noqa: A002
    raw: str,
) -> DuchaError:
    """The exception for an error of the native module (called from Rust)."""
    error = error_class(code)(message, code=code, path=path, id=id)
    error._json = raw
    return error
