"""Every stable error code this package can meet raises its own class, with
the core's code, message, path and id; the classes behave as exceptions."""

from __future__ import annotations

import copy
import json
import pickle
from decimal import Decimal
from typing import Any, Callable, Dict, Optional, Type

import pytest

import ducha
from ducha import _native

BIG = "1000000000"


def one_rule_rubric(penalty: Dict[str, Any], total: str = "10", trigger: str = "count") -> Dict[str, Any]:
    return {
        "id": "mine",
        "title": "某局细则",
        "total": total,
        "indicators": [
            {
                "id": "G1",
                "name": "领导重视",
                "points": total,
                "items": [
                    {
                        "id": "1",
                        "serial": "1",
                        "points": total,
                        "requirement": "明确联络员",
                        "rules": [
                            {
                                "id": "1a",
                                "label": "未明确日常联络员",
                                "text": "未明确日常联络员的扣分",
                                "trigger": {"kind": trigger},
                                "penalty": penalty,
                            }
                        ],
                    }
                ],
            }
        ],
    }


def deep_rubric(levels: int) -> Dict[str, Any]:
    """A rubric of `levels` + 1 indicators each inside the one before: 2 *
    `levels` + 4 levels of JSON (the innermost holds an empty item list)."""
    indicator: Dict[str, Any] = {"id": f"x{levels}", "name": "n", "points": "1", "items": []}
    for level in reversed(range(levels)):
        indicator = {"id": f"x{level}", "name": "n", "points": "1", "indicators": [indicator]}
    return {"id": "r", "title": "t", "total": "1", "indicators": [indicator]}


def raised(call: Callable[[], Any]) -> ducha.DuchaError:
    with pytest.raises(ducha.DuchaError) as info:
        call()
    return info.value


def check(
    error: ducha.DuchaError,
    cls: Type[ducha.DuchaError],
    message: str,
    path: Optional[str] = None,
    id: Optional[str] = None,  # noqa: A002
) -> None:
    assert type(error) is cls, repr(error)
    assert error.code == cls.CODE
    assert (error.message, error.path, error.id) == (message, path, id), repr(error)
    assert isinstance(error, ducha.DuchaError) and isinstance(error, Exception)
    # The JSON document is the core's, and says the same.
    doc = json.loads(error.to_json())
    assert doc == {
        "error": {
            k: v
            for k, v in [("code", cls.CODE), ("message", message), ("path", path), ("id", id)]
            if v is not None
        }
    }


def test_every_code_of_the_core_has_its_class() -> None:
    assert ducha.ERROR_CODES == _native.ERROR_CODES
    assert list(ducha.ERROR_CLASSES) == list(ducha.ERROR_CODES), "one class per code, in the core's order"
    for code, cls in ducha.ERROR_CLASSES.items():
        assert cls.CODE == code and issubclass(cls, ducha.DuchaError) and cls is not ducha.DuchaError
        assert ducha.error_class(code) is cls
        assert cls.__doc__ and cls.__doc__.startswith(f"``{code}``"), cls
        assert getattr(ducha, cls.__name__) is cls, f"{cls.__name__} is exported"
    assert len(set(ducha.ERROR_CLASSES.values())) == len(ducha.ERROR_CODES)
    assert ducha.error_class("a-code-from-the-future") is ducha.DuchaError


def test_syntax(seed: ducha.Engine) -> None:
    check(
        raised(lambda: seed.evaluate('{"facts": ')),
        ducha.JsonSyntaxError,
        "EOF while parsing a value at line 1 column 10",
    )
    check(
        raised(lambda: ducha.Engine("{'id': 'mine'}")),
        ducha.JsonSyntaxError,
        "key must be a string at line 1 column 2",
    )


def test_utf8_from_bytes_in_another_encoding(seed: ducha.Engine) -> None:
    gbk = '{"facts": {"8a": [{"note": "校外培训机构"}]}}'.encode("gbk")
    # 校 in GBK (d0 a3) happens to be valid UTF-8 (У); 外 (cd e2) is not.
    check(
        raised(lambda: seed.evaluate(gbk)),
        ducha.Utf8Error,
        "`inspection` is not UTF-8: invalid byte at offset 30",
    )
    check(
        raised(lambda: ducha.Engine(b"\xff")),
        ducha.Utf8Error,
        "`rubric` is not UTF-8: invalid byte at offset 0",
    )
    check(
        raised(lambda: seed.add_calendar_year(bytearray(b'{"year": "\xb6"}'))),
        ducha.Utf8Error,
        "`year` is not UTF-8: invalid byte at offset 10",
    )


def test_utf8_from_a_str_with_a_lone_surrogate(seed: ducha.Engine) -> None:
    # What `bytes.decode(errors="surrogateescape")` makes of GBK bytes.
    text = b'{"facts": {"8a": [{"note": "\xb6\xbd"}]}}'.decode("utf-8", errors="surrogateescape")
    check(
        raised(lambda: seed.evaluate(text)),
        ducha.Utf8Error,
        "`inspection` cannot be encoded as UTF-8: a lone surrogate at index 28",
    )
    # In a dict: the index is in the compact JSON the encoder writes.
    check(
        raised(lambda: seed.evaluate({"facts": {"8a": [{"note": "\udcb6"}]}})),
        ducha.Utf8Error,
        "`inspection` cannot be encoded as UTF-8: a lone surrogate at index 25",
    )


def test_limit_on_size(seed: ducha.Engine) -> None:
    at = "{}" + " " * (ducha.MAX_INPUT_BYTES - 2)
    assert seed.evaluate_json(at).startswith('{"rubric":"yuxi-shuangsuiji"')
    over = at + " "
    message = f"input of {ducha.MAX_INPUT_BYTES + 1} bytes is larger than {ducha.MAX_INPUT_BYTES} bytes"
    for call in [
        lambda: seed.evaluate(over),
        lambda: seed.evaluate(over.encode()),
        lambda: ducha.Engine(over),
        lambda: ducha.validate(over),
        lambda: seed.with_calendar_year(over),
    ]:
        check(raised(call), ducha.LimitError, message)


def test_limit_on_nesting() -> None:
    # 2 * 62 + 4 = 128 levels of JSON: one too many.
    text = json.dumps(deep_rubric(62))
    check(
        raised(lambda: ducha.Engine(text)),
        ducha.LimitError,
        "nesting deeper than 127 arrays and objects at line 1 column 3631",
    )
    # As a dict, the encoder refuses it before the core sees it.
    error = raised(lambda: ducha.Engine(deep_rubric(62)))
    assert type(error) is ducha.LimitError
    assert error.message == "nested deeper than 127 levels (or a value that contains itself)"
    assert error.path is not None and error.path.startswith("indicators[0].indicators[0].indicators[0]")
    # 126 levels are read, and refused for their depth by validation.
    error = raised(lambda: ducha.Engine(deep_rubric(61)))
    assert (type(error), error.id) == (ducha.InvalidRubricError, "x16")
    # A dict that contains itself.
    loop: Dict[str, Any] = {}
    loop["facts"] = loop
    assert type(raised(lambda: ducha.Engine.seed().evaluate(loop))) is ducha.LimitError


def test_invalid(seed: ducha.Engine) -> None:
    check(
        raised(lambda: seed.evaluate({"facts": {"7a": [{"start": "2026-13-01"}]}})),
        ducha.InvalidInputError,
        "invalid date `2026-13-01`, expected `YYYY-MM-DD` at line 1 column 37",
        path="facts.7a[0].start",
    )
    error = raised(lambda: seed.add_calendar_year({"year": 2027, "dayz": []}))
    assert type(error) is ducha.InvalidInputError and error.path == "dayz"
    assert error.message.startswith("unknown field `dayz`, expected one of "), error.message
    # A float in a JSON text is read exactly; one that no decimal holds is refused.
    check(
        raised(lambda: seed.evaluate('{"facts": {"12a": 1e-40}}')),
        ducha.InvalidInputError,
        "number `1e-40` cannot be represented exactly: it needs more than 28 significant digits "
        "or decimal places at line 1 column 23",
        path="facts.12a",
    )


def test_invalid_rubric() -> None:
    rubric = one_rule_rubric({"kind": "flat", "points": "2.5"})
    rubric["indicators"][0]["items"][0]["id"] = "G1"
    check(
        raised(lambda: ducha.Engine(rubric)),
        ducha.InvalidRubricError,
        "id `G1` is used more than once",
        id="G1",
    )
    rubric = one_rule_rubric({"kind": "flat", "points": "2.5"})
    rubric["total"] = "11"
    check(
        raised(lambda: ducha.validate(rubric)),
        ducha.InvalidRubricError,
        "declared total `11` differs from the sum of the top-level indicators `10`",
    )


def test_rubric_mismatch(seed: ducha.Engine) -> None:
    check(
        raised(lambda: seed.evaluate({"rubric": "另一细则", "facts": {}})),
        ducha.RubricMismatchError,
        "inspection is for rubric `另一细则`, not `yuxi-shuangsuiji`",
        id="另一细则",
    )


def test_unknown_rule(seed: ducha.Engine) -> None:
    check(
        raised(lambda: seed.evaluate({"facts": {"7z": 1}})),
        ducha.UnknownRuleError,
        "unknown rule `7z`",
        id="7z",
    )


def test_wrong_fact_type(seed: ducha.Engine) -> None:
    check(
        raised(lambda: seed.evaluate({"facts": {"6a": True}})),
        ducha.WrongFactTypeError,
        "rule `6a` expects a count (a whole number or a list of findings), got a flag",
        id="6a",
    )


def test_missing_context(seed: ducha.Engine) -> None:
    check(
        raised(lambda: seed.evaluate({"facts": {"1a": ["2026-01-05"]}})),
        ducha.MissingContextError,
        "rule `1a` needs an assessment period (`period`)",
        id="1a",
    )


def test_calendar(seed: ducha.Engine) -> None:
    inspection = {"facts": {"7a": [{"start": "2026-12-20", "done": "2027-01-29"}]}}
    check(
        raised(lambda: seed.evaluate(inspection)),
        ducha.CalendarError,
        "rule `7a`: the calendar does not know the year `2027`",
        id="7a",
    )


def test_invalid_case(seed: ducha.Engine) -> None:
    check(
        raised(lambda: seed.evaluate({"facts": {"7a": [{"done": "2026-03-20"}]}})),
        ducha.InvalidCaseError,
        "rule `7a`, case 1: give `start` or `due`",
        id="7a",
    )


def test_out_of_domain(seed: ducha.Engine) -> None:
    check(
        raised(lambda: seed.evaluate({"facts": {"12a": 96}})),
        ducha.OutOfDomainError,
        "rule `12a` reads a ratio from 0 to 1 (or a percentage such as `96%`), got `96`",
        id="12a",
    )
    check(
        raised(lambda: seed.evaluate({"facts": {"6a": Decimal("-2")}})),
        ducha.OutOfDomainError,
        "rule `6a` reads a whole number from 0 to 18446744073709551615, got `-2`",
        id="6a",
    )


def test_overflow() -> None:
    engine = ducha.Engine(
        one_rule_rubric({"kind": "per_occurrence", "points": "999999999.999999"}, total=BIG)
    )
    check(
        raised(lambda: engine.evaluate({"facts": {"1a": 2**64 - 1}})),
        ducha.PointsOverflowError,
        "deduction of rule `1a` overflows: 18446744073709551615 breaches",
        id="1a",
    )
    # Just below it, the score is exact.
    assert engine.evaluate({"facts": {"1a": 1}}).deducted == Decimal("999999999.999999")


def test_the_codes_this_package_never_raises_have_classes() -> None:
    # `null-pointer` is the C ABI's; `internal` would be a caught panic,
    # which the core never has. Both exist for code that handles any host.
    for cls, code in [(ducha.NullPointerError, "null-pointer"), (ducha.InternalError, "internal")]:
        error = cls("detail")
        assert (error.code, str(error), error.to_json()) == (
            code,
            "detail",
            json.dumps({"error": {"code": code, "message": "detail"}}, separators=(",", ":")),
        )


def test_str_repr_and_json() -> None:
    error = ducha.InvalidInputError("invalid date `2026-13-01`", path="facts.7a[0].start")
    assert str(error) == "facts.7a[0].start: invalid date `2026-13-01`"
    assert (
        repr(error)
        == "InvalidInputError('invalid date `2026-13-01`', code='invalid', path='facts.7a[0].start')"
    )
    assert error.to_json() == (
        '{"error":{"code":"invalid","message":"invalid date `2026-13-01`","path":"facts.7a[0].start"}}'
    )
    base = ducha.DuchaError("未知", code="new-code", id="7a")
    assert (str(base), base.to_json()) == ("未知", '{"error":{"code":"new-code","message":"未知","id":"7a"}}')


def test_errors_built_here_write_the_bytes_the_core_writes(seed: ducha.Engine) -> None:
    # Control characters, quotes and Chinese in a message: the JSON built in
    # Python equals the core's.
    key = '甲\n"\\\u0001\u007f'
    error = raised(lambda: seed.evaluate({"facts": {}, key: 1}))
    assert (type(error), error.path) == (ducha.InvalidInputError, key)
    assert error.message.startswith(f"unknown field `{key}`, expected one of ")
    rebuilt = type(error)(error.message, path=error.path, id=error.id)
    assert rebuilt.to_json() == error.to_json()
    assert error.to_json().startswith(
        '{"error":{"code":"invalid","message":"unknown field `甲\\n\\"\\\\\\u0001\u007f`, expected one of '
    )


def test_code_is_checked() -> None:
    with pytest.raises(TypeError, match="needs a `code`"):
        ducha.DuchaError("no code")
    with pytest.raises(ValueError, match="UnknownRuleError has code `unknown-rule`, not `limit`"):
        ducha.UnknownRuleError("x", code="limit")


def test_errors_pickle_and_copy(seed: ducha.Engine) -> None:
    error = raised(lambda: seed.evaluate({"facts": {"7a": [{"start": "2026-13-01"}]}}))
    for back in [pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)]:
        assert type(back) is ducha.InvalidInputError
        assert (back.code, back.message, back.path, back.id, back.to_json(), str(back)) == (
            error.code,
            error.message,
            error.path,
            error.id,
            error.to_json(),
            str(error),
        )


def test_inputs_of_the_wrong_type() -> None:
    seed = ducha.Engine.seed()
    with pytest.raises(
        TypeError,
        match="`inspection` must be JSON text \\(str or bytes\\), a dict or a pathlib.Path, not `int`",
    ):
        seed.evaluate(7)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`rubric` must be JSON text"):
        ducha.Engine(["not", "a", "dict"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`rubric` must be str or bytes of JSON text, not `list`"):
        _native.Engine.load([])  # type: ignore[arg-type]
