"""ducha: executable deduction-based scorecards (督查细则, 考核细则).

Load a rubric once, score many inspections against it, and get the whole
breakdown with the reason for every deduction, in the rubric's own language:

    >>> import ducha
    >>> engine = ducha.Engine.seed()
    >>> card = engine.evaluate({"facts": {"2b": True}})
    >>> card.score
    Decimal('97.5')
    >>> card.rule("2b").reason
    '未明确日常联络员，扣2.5分'

Every amount of points is a `decimal.Decimal`, never a float. The work is
done by the Rust crate ``ducha`` through its JSON surface, so
`Engine.evaluate_json` returns the same bytes as the Rust API, the C ABI and
the WebAssembly module. A failure raises the `DuchaError` subclass of its
stable code.
"""

from . import _native
from ._engine import Engine, validate, validate_json
from ._errors import (
    ERROR_CLASSES,
    CalendarError,
    DuchaError,
    InternalError,
    InvalidCaseError,
    InvalidFactError,
    InvalidInputError,
    InvalidRubricError,
    JsonSyntaxError,
    LimitError,
    MissingContextError,
    NotApplicableError,
    NullPointerError,
    OutOfDomainError,
    PointsOverflowError,
    RubricMismatchError,
    UnknownRuleError,
    Utf8Error,
    VersionError,
    WrongFactTypeError,
    error_class,
)
from ._model import (
    Bonus,
    BonusItem,
    Diagnostic,
    Indicator,
    Item,
    LimitedBy,
    LimitedByCap,
    LimitedByExclusive,
    LimitedByNode,
    Penalties,
    Rescaled,
    Rule,
    Scorecard,
    Veto,
)

#: The version of this package.
__version__: str = _native.PACKAGE_VERSION
#: The version of the ducha core it was built with.
CORE_VERSION: str = _native.CORE_VERSION
#: Every stable error code, in the core's order (each has a class in
#: `ERROR_CLASSES`).
ERROR_CODES: tuple[str, ...] = _native.ERROR_CODES
#: The largest input, in bytes (16 MiB).
MAX_INPUT_BYTES: int = _native.MAX_INPUT_BYTES
#: The deepest nesting of arrays and objects in an input.
MAX_NESTING: int = _native.MAX_NESTING
#: The most rules a rubric may have.
MAX_RULES: int = _native.MAX_RULES
#: The most indicators and items a rubric may have, together.
MAX_NODES: int = _native.MAX_NODES

__all__ = [
    "CORE_VERSION",
    "ERROR_CLASSES",
    "ERROR_CODES",
    "MAX_INPUT_BYTES",
    "MAX_NESTING",
    "MAX_NODES",
    "MAX_RULES",
    "Bonus",
    "BonusItem",
    "CalendarError",
    "Diagnostic",
    "DuchaError",
    "Engine",
    "Indicator",
    "InternalError",
    "InvalidCaseError",
    "InvalidFactError",
    "InvalidInputError",
    "InvalidRubricError",
    "Item",
    "JsonSyntaxError",
    "LimitError",
    "LimitedBy",
    "LimitedByCap",
    "LimitedByExclusive",
    "LimitedByNode",
    "MissingContextError",
    "NotApplicableError",
    "NullPointerError",
    "OutOfDomainError",
    "Penalties",
    "PointsOverflowError",
    "Rescaled",
    "Rule",
    "RubricMismatchError",
    "Scorecard",
    "UnknownRuleError",
    "Utf8Error",
    "Veto",
    "VersionError",
    "WrongFactTypeError",
    "__version__",
    "error_class",
    "validate",
    "validate_json",
]
