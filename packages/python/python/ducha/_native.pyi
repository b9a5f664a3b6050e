"""Type stubs of the native module `ducha._native` (Rust, PyO3).

Use the `ducha` package instead: it adds the typed results, dict inputs and
the exception classes. Every function here takes JSON text (`str` or UTF-8
`bytes`) and returns JSON text; a failure raises the `ducha.DuchaError`
subclass of its code.
"""

from typing import Final, final

__all__ = [
    "CORE_VERSION",
    "ERROR_CODES",
    "Engine",
    "MAX_INPUT_BYTES",
    "MAX_NESTING",
    "MAX_NODES",
    "MAX_RULES",
    "PACKAGE_VERSION",
    "validate",
]

CORE_VERSION: Final[str]
PACKAGE_VERSION: Final[str]
ERROR_CODES: Final[tuple[str, ...]]
MAX_INPUT_BYTES: Final[int]
MAX_NESTING: Final[int]
MAX_RULES: Final[int]
MAX_NODES: Final[int]

@final
class Engine:
    """A rubric parsed and validated once (immutable, shareable across threads)."""

    @staticmethod
    def load(rubric: str | bytes) -> Engine:
        """Loads a rubric from JSON text."""
    @staticmethod
    def seed() -> Engine:
        """The built-in seed rubric."""
    @property
    def rubric_id(self) -> str:
        """The rubric's id."""
    @property
    def title(self) -> str:
        """The rubric's title."""
    def evaluate(self, inspection: str | bytes) -> str:
        """Scores inspection JSON: the scorecard JSON text."""
    def with_calendar_year(self, year: str | bytes) -> Engine:
        """A copy with a year added to (or replaced in) the working-day calendar."""
    def with_version(self, rubric: str | bytes) -> Engine:
        """A copy with another version of the rubric."""
    def diagnostics(self) -> str:
        """The rubric's diagnostics JSON text."""
    def rubric_json(self) -> str:
        """The rubric as JSON text."""
    def inspection_schema(self) -> str:
        """The JSON Schema of the rubric's inspections, as JSON text."""
    def evaluate_batch(self, batch: str | bytes) -> str:
        """Scores batch JSON: the batch report JSON text."""

def validate(rubric: str | bytes) -> str:
    """Validates rubric JSON text: its diagnostics JSON text."""
