"""The engine: a rubric loaded once, scoring many inspections."""

from __future__ import annotations

import json
from typing import Any, Dict, Tuple

from . import _native
from ._encode import Input, to_json_input
from ._model import Diagnostic, Scorecard

__all__ = ["Engine", "validate", "validate_json"]


class Engine:
    """A rubric parsed and validated once, ready to score inspections.

    ``Engine(rubric)`` loads a rubric from JSON text (``str`` or UTF-8
    ``bytes``), from a dict (written as JSON exactly: floats are refused, see
    the package's README) or from a JSON file's `pathlib.Path`;
    ``Engine.seed()`` is the built-in seed rubric. Every other method takes
    its input in the same forms.

    One engine can be used from any number of threads at once: the work runs
    without the GIL, and the engine never changes underneath a call
    (`add_calendar_year` swaps in an updated copy).

    Raises:
        DuchaError: the subclass of its code: `JsonSyntaxError`,
            `Utf8Error`, `LimitError`, `InvalidInputError` or
            `InvalidRubricError`.
        TypeError: `rubric` is not text, bytes, a dict or a path, or a dict
            holds a float or another value JSON cannot hold exactly.
        OSError: a path that cannot be read.
    """

    __slots__ = ("_native",)

    def __init__(self, rubric: Input) -> None:
        self._native = _native.Engine.load(to_json_input(rubric, "rubric"))

    @classmethod
    def seed(cls) -> Engine:
        """The built-in seed rubric: 玉溪市教育体育局机关“双随机、一公开”监管工作督查细则（试行）
        (id ``yuxi-shuangsuiji``, 24 rules, 100 points)."""
        engine = cls.__new__(cls)
        engine._native = _native.Engine.seed()
        return engine

    @property
    def rubric_id(self) -> str:
        """The rubric's id."""
        return self._native.rubric_id

    @property
    def title(self) -> str:
        """The rubric's title."""
        return self._native.title

    def evaluate(self, inspection: Input) -> Scorecard:
        """Scores an inspection (JSON text, bytes, a dict or a path): the typed
        scorecard.

        Raises:
            DuchaError: the subclass of its code: `JsonSyntaxError`,
                `Utf8Error`, `LimitError`, `InvalidInputError` for input that
                does not fit the contract, or `RubricMismatchError`,
                `UnknownRuleError`, `WrongFactTypeError`,
                `MissingContextError`, `CalendarError`, `InvalidCaseError`,
                `OutOfDomainError`, `PointsOverflowError`.
            TypeError: as for the constructor.
        """
        return Scorecard.from_json(self.evaluate_json(inspection))

    def evaluate_json(self, inspection: Input) -> str:
        """Scores an inspection: the scorecard JSON, exactly the text the
        Rust API returns (compact, fields in a fixed order; the same input
        gives the same text). ``.encode()`` gives its UTF-8 bytes.

        Raises:
            DuchaError: as `evaluate`.
            TypeError: as for the constructor.
        """
        return self._native.evaluate(to_json_input(inspection, "inspection"))

    def diagnostics(self) -> Tuple[Diagnostic, ...]:
        """What is valid but probably not meant in the rubric, each with a
        stable code (``duplicate-serial``, ``exceeds-points``…), the id
        concerned and a message."""
        return Diagnostic.list_from_json(self.diagnostics_json())

    def diagnostics_json(self) -> str:
        """The diagnostics as JSON: ``{"diagnostics": [{"code", "id",
        "message"}, …]}``."""
        return self._native.diagnostics()

    def rubric_json(self) -> str:
        """The rubric as JSON (amounts as decimal strings): a starting point
        for a rubric of one's own, and what `Engine` loads back."""
        return self._native.rubric_json()

    def inspection_schema(self) -> Dict[str, Any]:
        """The JSON Schema (draft 2020-12) of this rubric's inspections, as a
        dict: each rule id under ``facts`` with the forms its trigger reads,
        titled with the rule's label, for a form builder."""
        schema: Dict[str, Any] = json.loads(self.inspection_schema_json())
        return schema

    def inspection_schema_json(self) -> str:
        """The inspection schema as JSON text (the same bytes for the same
        rubric)."""
        return self._native.inspection_schema()

    def evaluate_batch(self, batch: Input) -> Dict[str, Any]:
        """Scores many assessees' inspections in one call (``{"assessees":
        [{"id", "name", "inspection"}, …]}`` as text, bytes, a dict or a
        path): the batch report as a dict (README, *Batches*): every entry's
        ``scorecard`` or ``error`` in input order, the ``ranking`` with
        shared places, ``incomplete``, ``failed`` and the ``summary``.
        `Scorecard.from_dict` reads an entry's scorecard typed.

        Raises:
            DuchaError: only for the batch document as a whole (not JSON,
                not the batch shape, a repeated id); one inspection that
                fails is its entry's ``error``.
        """
        report: Dict[str, Any] = json.loads(self.evaluate_batch_json(batch))
        return report

    def evaluate_batch_json(self, batch: Input) -> str:
        """Scores a batch: the batch report JSON text."""
        return self._native.evaluate_batch(to_json_input(batch, "batch"))

    def with_calendar_year(self, year: Input) -> Engine:
        """A copy of this engine with a year added to its working-day
        calendar, or replaced, from JSON in the holiday-cn shape (``year``,
        ``papers``, ``days``); this engine is unchanged.

        Raises:
            DuchaError: `JsonSyntaxError`, `Utf8Error`, `LimitError` or
                `InvalidInputError`.
            TypeError: as for the constructor.
        """
        engine = Engine.__new__(Engine)
        engine._native = self._native.with_calendar_year(to_json_input(year, "year"))
        return engine

    def add_calendar_year(self, year: Input) -> None:
        """Adds a year to the working-day calendar, or replaces it, from JSON
        in the holiday-cn shape (``year``, ``papers``, ``days``).

        The updated engine is swapped in whole: an evaluation already running
        on another thread finishes with the calendar it started with, the
        next one sees the new year. Two threads adding years to one engine at
        once may lose one of them; add years before sharing the engine, or
        from one thread.

        Raises:
            DuchaError: `JsonSyntaxError`, `Utf8Error`, `LimitError` or
                `InvalidInputError`.
            TypeError: as for the constructor.
        """
        self._native = self._native.with_calendar_year(to_json_input(year, "year"))

    def add_version(self, rubric: Input) -> None:
        """Adds another version of the rubric (the same id, another
        ``version``, each version with its ``in_force`` dates): each
        inspection is then scored against the version in force for its
        ``period`` (or on its ``as_of`` date), and its scorecard names the
        version. Swapped in whole, as `add_calendar_year` is.

        Raises:
            DuchaError: `JsonSyntaxError`, `Utf8Error`, `LimitError`,
                `InvalidInputError`, or `InvalidRubricError` (also for
                another id, a version name already held, a version without
                ``in_force`` dates).
            TypeError: as for the constructor.
        """
        self._native = self._native.with_version(to_json_input(rubric, "rubric"))

    def __repr__(self) -> str:
        return f"Engine(rubric_id={self.rubric_id!r})"


def validate(rubric: Input) -> Tuple[Diagnostic, ...]:
    """Validates a rubric (JSON text, bytes, a dict or a path) without keeping it:
    its diagnostics.

    Raises:
        DuchaError: `JsonSyntaxError`, `Utf8Error`, `LimitError`,
            `InvalidInputError` or `InvalidRubricError`.
        TypeError: as for `Engine`.
    """
    return Diagnostic.list_from_json(validate_json(rubric))


def validate_json(rubric: Input) -> str:
    """As `validate`, the diagnostics as JSON: ``{"diagnostics": [{"code",
    "id", "message"}, …]}``."""
    return _native.validate(to_json_input(rubric, "rubric"))
