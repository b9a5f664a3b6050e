"""The typed results: frozen dataclasses of a scorecard and of diagnostics.

Each mirrors the JSON the core writes (README, "The JSON contract"), field
for field and in the same order; every amount of points is a
``decimal.Decimal`` made from the JSON's decimal string, never a float.
``Scorecard.from_json(text).to_json() == text`` for every scorecard the core
writes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any, ClassVar, Dict, Iterator, List, Optional, Tuple, Union

__all__ = [
    "Bonus",
    "BonusItem",
    "Diagnostic",
    "Indicator",
    "Item",
    "LimitedBy",
    "LimitedByCap",
    "LimitedByExclusive",
    "LimitedByNode",
    "Penalties",
    "Rescaled",
    "Rule",
    "Scorecard",
    "Veto",
]

# A decimal as the core writes it: digits, an optional fraction, no exponent.
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")


class _Fields:
    """Reads one JSON object strictly: each field once, with its type, and
    no field left over; errors name the path."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, Mapping):
            raise ValueError(f"`{path}`: expected an object, got {_kind(value)}")
        self.obj: Mapping[str, Any] = value
        self.path = path
        self.seen: List[str] = []

    def at(self, key: str) -> str:
        return f"{self.path}.{key}"

    def value(self, key: str) -> Any:
        self.seen.append(key)
        if key not in self.obj:
            raise ValueError(f"`{self.path}`: missing field `{key}`")
        return self.obj[key]

    def has(self, key: str) -> bool:
        if key in self.obj:
            return True
        self.seen.append(key)
        return False

    def text(self, key: str) -> str:
        value = self.value(key)
        if not isinstance(value, str):
            raise ValueError(f"`{self.at(key)}`: expected a string, got {_kind(value)}")
        return value

    def amount(self, key: str) -> Decimal:
        value = self.value(key)
        if not isinstance(value, str) or not _DECIMAL.match(value):
            raise ValueError(f"`{self.at(key)}`: expected a decimal string, got {_kind(value)}")
        return Decimal(value)

    def flag(self, key: str) -> bool:
        value = self.value(key)
        if not isinstance(value, bool):
            raise ValueError(f"`{self.at(key)}`: expected true or false, got {_kind(value)}")
        return value

    def count(self, key: str) -> int:
        value = self.value(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"`{self.at(key)}`: expected a whole number, got {_kind(value)}")
        return value

    def opt_amount(self, key: str) -> Optional[Decimal]:
        return self.amount(key) if self.has(key) else None

    def opt_text(self, key: str) -> Optional[str]:
        return self.text(key) if self.has(key) else None

    def opt_flag(self, key: str) -> Optional[bool]:
        return self.flag(key) if self.has(key) else None

    def opt_count(self, key: str) -> Optional[int]:
        return self.count(key) if self.has(key) else None

    def array(self, key: str) -> List[Any]:
        value = self.value(key)
        if not isinstance(value, list):
            raise ValueError(f"`{self.at(key)}`: expected a list, got {_kind(value)}")
        return value

    def done(self) -> None:
        unknown = [key for key in self.obj if key not in self.seen]
        if unknown:
            raise ValueError(f"`{self.path}`: unknown field `{unknown[0]}`")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _amount(value: Decimal) -> str:
    # Plain digits, as the core writes them ("69.5", never "6.95E+1").
    return format(value, "f")


def _parse(text: Union[str, bytes, bytearray], what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as e:
        raise ValueError(f"{what} JSON: {e}") from None


def _dumps(value: Any) -> str:
    # Compact, non-ASCII as is: the bytes the core writes.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class LimitedByCap:
    """The rule's deduction was trimmed by its own cap
    (``{"kind": "cap", "cap": "5"}``)."""

    #: The cap.
    cap: Decimal

    #: ``"cap"``.
    kind: ClassVar[str] = "cap"

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings."""
        return {"kind": "cap", "cap": _amount(self.cap)}


@dataclass(frozen=True)
class LimitedByNode:
    """The rule got less than its deduction because a node's points ran out
    (``{"kind": "node", "id": "12", "points": "10"}``)."""

    #: The node's id (the rubric's id for the total).
    id: str
    #: The node's points.
    points: Decimal

    #: ``"node"``.
    kind: ClassVar[str] = "node"

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings."""
        return {"kind": "node", "id": self.id, "points": _amount(self.points)}


@dataclass(frozen=True)
class LimitedByExclusive:
    """Another rule of the rule's exclusive group deducted instead
    ("不重复扣分"; ``{"kind": "exclusive", "kept": "4a"}``)."""

    #: The rule that kept its deduction.
    kept: str

    #: ``"exclusive"``.
    kind: ClassVar[str] = "exclusive"

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape."""
        return {"kind": "exclusive", "kept": self.kept}


#: What trimmed a rule's deduction.
LimitedBy = Union[LimitedByCap, LimitedByNode, LimitedByExclusive]


def _period(value: Any, path: str) -> Tuple[str, str]:
    f = _Fields(value, path)
    period = (f.text("from"), f.text("to"))
    f.done()
    return period


def _put(out: Dict[str, Any], key: str, value: Any) -> None:
    # Optional fields are absent from the JSON when they are None.
    if value is not None:
        out[key] = _amount(value) if isinstance(value, Decimal) else value


def _limited_by(value: Any, path: str) -> Optional[LimitedBy]:
    if value is None:
        return None
    fields = _Fields(value, path)
    kind = fields.text("kind")
    limit: LimitedBy
    if kind == "cap":
        limit = LimitedByCap(cap=fields.amount("cap"))
    elif kind == "node":
        limit = LimitedByNode(id=fields.text("id"), points=fields.amount("points"))
    elif kind == "exclusive":
        limit = LimitedByExclusive(kept=fields.text("kept"))
    else:
        raise ValueError(f"`{path}.kind`: unknown limit `{kind}`")
    fields.done()
    return limit


@dataclass(frozen=True)
class Rule:
    """One rule's outcome: breaches, deduction, what limited it, and why."""

    #: The rule's id.
    id: str
    #: Whether the inspection recorded a fact for it (``False``: not
    #: assessed, deducting nothing).
    assessed: bool
    #: The breaches counted.
    breaches: int
    #: For a deadline rule, the cases not done and not yet due; ``None`` for
    #: other rules.
    pending: Optional[int]
    #: The deduction before any cap or bound (a credit, in a bonus section
    #: or an earning item).
    raw: Decimal
    #: The rule's share of the total deduction (or credit).
    deducted: Decimal
    #: What trimmed the deduction, if anything.
    limited_by: Optional[LimitedBy]
    #: The reason, in the rubric's language; empty when there was no breach.
    reason: str
    #: ``False`` when the inspection marked the rule (or its item) not
    #: applicable; ``None`` otherwise.
    applicable: Optional[bool] = None
    #: The findings or cases marked exempt, counted apart and deducting
    #: nothing; ``None`` when there are none.
    exempt: Optional[int] = None
    #: ``True`` when the rubric's declared rounding changed the rule's
    #: value (the reason says how); ``None`` otherwise.
    rounded: Optional[bool] = None

    @classmethod
    def _read(cls, value: Any, path: str) -> Rule:
        f = _Fields(value, path)
        rule = cls(
            id=f.text("id"),
            assessed=f.flag("assessed"),
            applicable=f.opt_flag("applicable"),
            breaches=f.count("breaches"),
            pending=f.opt_count("pending"),
            exempt=f.opt_count("exempt"),
            raw=f.amount("raw"),
            deducted=f.amount("deducted"),
            rounded=f.opt_flag("rounded"),
            limited_by=_limited_by(f.value("limited_by"), f.at("limited_by")),
            reason=f.text("reason"),
        )
        f.done()
        return rule

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings."""
        out: Dict[str, Any] = {
            "id": self.id,
            "assessed": self.assessed,
        }
        _put(out, "applicable", self.applicable)
        out["breaches"] = self.breaches
        _put(out, "pending", self.pending)
        _put(out, "exempt", self.exempt)
        out["raw"] = _amount(self.raw)
        out["deducted"] = _amount(self.deducted)
        _put(out, "rounded", self.rounded)
        out["limited_by"] = self.limited_by.to_dict() if self.limited_by is not None else None
        out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Item:
    """One item (row, 序号) of a scorecard."""

    #: The item's id.
    id: str
    #: The serial label the document prints.
    serial: str
    #: Its points (量化分值).
    points: Decimal
    #: Its deduction.
    deducted: Decimal
    #: Its score (得分情况).
    score: Decimal
    #: The reason (扣分原因): its rules' reasons joined by ``；``.
    reason: str
    #: Its rules, in rubric order.
    rules: Tuple[Rule, ...]
    #: ``False`` when the inspection marked the item not applicable;
    #: ``None`` otherwise.
    applicable: Optional[bool] = None
    #: The points it received from siblings marked not applicable (or,
    #: negative, gave to them) where the rubric redistributes them;
    #: ``points`` includes them. ``None`` where none moved.
    received: Optional[Decimal] = None

    @classmethod
    def _read(cls, value: Any, path: str) -> Item:
        f = _Fields(value, path)
        item = cls(
            id=f.text("id"),
            serial=f.text("serial"),
            points=f.amount("points"),
            deducted=f.amount("deducted"),
            score=f.amount("score"),
            reason=f.text("reason"),
            applicable=f.opt_flag("applicable"),
            received=f.opt_amount("received"),
            rules=_rules(f, path),
        )
        f.done()
        return item

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings."""
        out: Dict[str, Any] = {
            "id": self.id,
            "serial": self.serial,
            "points": _amount(self.points),
            "deducted": _amount(self.deducted),
            "score": _amount(self.score),
            "reason": self.reason,
        }
        _put(out, "applicable", self.applicable)
        _put(out, "received", self.received)
        out["rules"] = [rule.to_dict() for rule in self.rules]
        return out


def _rules(f: _Fields, path: str) -> Tuple[Rule, ...]:
    return tuple(Rule._read(rule, f"{path}.rules[{i}]") for i, rule in enumerate(f.array("rules")))


@dataclass(frozen=True)
class BonusItem:
    """One item of the bonus section: what it credits, at most its points.
    Its rules' `raw` and `deducted` are credits."""

    #: The item's id.
    id: str
    #: The serial label the document prints.
    serial: str
    #: The most it credits.
    points: Decimal
    #: What it credits.
    credited: Decimal
    #: Its rules' reasons joined by ``；``.
    reason: str
    #: Its rules.
    rules: Tuple[Rule, ...]

    @classmethod
    def _read(cls, value: Any, path: str) -> BonusItem:
        f = _Fields(value, path)
        item = cls(
            id=f.text("id"),
            serial=f.text("serial"),
            points=f.amount("points"),
            credited=f.amount("credited"),
            reason=f.text("reason"),
            rules=_rules(f, path),
        )
        f.done()
        return item

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings."""
        return {
            "id": self.id,
            "serial": self.serial,
            "points": _amount(self.points),
            "credited": _amount(self.credited),
            "reason": self.reason,
            "rules": [rule.to_dict() for rule in self.rules],
        }


@dataclass(frozen=True)
class Bonus:
    """The bonus section (加分项): outside the declared total, capped, and
    counted only when the base score opens its gate."""

    #: The section's id.
    id: str
    #: Its name.
    name: str
    #: The most it adds.
    cap: Decimal
    #: What its items earned, at most the cap.
    credited: Decimal
    #: What the final score counts: the credit if the gate opened, else 0.
    counted: Decimal
    #: In words, such as ``加分3分（已达加分上限3分）``.
    reason: str
    #: Its items.
    items: Tuple[BonusItem, ...]

    @classmethod
    def _read(cls, value: Any, path: str) -> Bonus:
        f = _Fields(value, path)
        bonus = cls(
            id=f.text("id"),
            name=f.text("name"),
            cap=f.amount("cap"),
            credited=f.amount("credited"),
            counted=f.amount("counted"),
            reason=f.text("reason"),
            items=tuple(BonusItem._read(v, f"{path}.items[{i}]") for i, v in enumerate(f.array("items"))),
        )
        f.done()
        return bonus

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings."""
        return {
            "id": self.id,
            "name": self.name,
            "cap": _amount(self.cap),
            "credited": _amount(self.credited),
            "counted": _amount(self.counted),
            "reason": self.reason,
            "items": [item.to_dict() for item in self.items],
        }


@dataclass(frozen=True)
class Penalties:
    """The penalty section (扣分项) outside the total: what its items deduct
    from the final score."""

    #: The section's id.
    id: str
    #: Its name.
    name: str
    #: Its cap, if it has one.
    cap: Optional[Decimal]
    #: What it deducts from the final score.
    deducted: Decimal
    #: Its items.
    items: Tuple[Item, ...]

    @classmethod
    def _read(cls, value: Any, path: str) -> Penalties:
        f = _Fields(value, path)
        section = cls(
            id=f.text("id"),
            name=f.text("name"),
            cap=f.opt_amount("cap"),
            deducted=f.amount("deducted"),
            items=tuple(Item._read(v, f"{path}.items[{i}]") for i, v in enumerate(f.array("items"))),
        )
        f.done()
        return section

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings."""
        out: Dict[str, Any] = {"id": self.id, "name": self.name}
        _put(out, "cap", self.cap)
        out["deducted"] = _amount(self.deducted)
        out["items"] = [item.to_dict() for item in self.items]
        return out


@dataclass(frozen=True)
class Veto:
    """A veto (一票否决) that fired: what it overrode and what it set."""

    #: The veto rule's id.
    rule: str
    #: What it overrides: ``"item"``, ``"indicator"`` or ``"card"``.
    scope: str
    #: The node it zeroed (the rubric's id for a card veto).
    node: str
    #: The score it overrode.
    before: Decimal
    #: The score it set; ``None`` for a card veto that only forces a grade.
    score: Optional[Decimal]
    #: The grade it forces, if any.
    grade: Optional[str]

    @classmethod
    def _read(cls, value: Any, path: str) -> Veto:
        f = _Fields(value, path)
        veto = cls(
            rule=f.text("rule"),
            scope=f.text("scope"),
            node=f.text("node"),
            before=f.amount("before"),
            score=f.opt_amount("score"),
            grade=f.opt_text("grade"),
        )
        f.done()
        return veto

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings."""
        out: Dict[str, Any] = {
            "rule": self.rule,
            "scope": self.scope,
            "node": self.node,
            "before": _amount(self.before),
        }
        _put(out, "score", self.score)
        _put(out, "grade", self.grade)
        return out


@dataclass(frozen=True)
class Rescaled:
    """How items not applicable rescaled the base score (标化分 = earned ÷
    applicable × total)."""

    #: The points still applicable (应得的最高分数).
    applicable: Decimal
    #: The points earned of them (所得的分数).
    earned: Decimal

    @classmethod
    def _read(cls, value: Any, path: str) -> Rescaled:
        f = _Fields(value, path)
        rescaled = cls(applicable=f.amount("applicable"), earned=f.amount("earned"))
        f.done()
        return rescaled

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings."""
        return {"applicable": _amount(self.applicable), "earned": _amount(self.earned)}


@dataclass(frozen=True)
class Indicator:
    """One indicator (督查指标) of a scorecard: it holds finer `indicators`
    or `items`, never both (the other is ``None``)."""

    #: The indicator's id.
    id: str
    #: Its name.
    name: str
    #: Its points.
    points: Decimal
    #: Its deduction.
    deducted: Decimal
    #: Its score.
    score: Decimal
    #: Its finer indicators, if it holds indicators.
    indicators: Optional[Tuple[Indicator, ...]]
    #: Its items, if it holds items.
    items: Optional[Tuple[Item, ...]]
    #: What it counts for in its parent, where it is weighted (折算).
    weight: Optional[Decimal] = None
    #: The score it contributes to its parent, where it is weighted: its
    #: score ÷ its points × its weight, rounded as the rubric declares.
    weighted: Optional[Decimal] = None
    #: ``True`` where the declared rounding changed the weighted score.
    rounded: Optional[bool] = None
    #: Where it rescales for its items not applicable and some were marked:
    #: its applicable points and what it earned of them.
    rescaled: Optional[Rescaled] = None

    @classmethod
    def _read(cls, value: Any, path: str) -> Indicator:
        f = _Fields(value, path)
        indicators = f.array("indicators") if f.has("indicators") else None
        items = f.array("items") if f.has("items") else None
        indicator = cls(
            id=f.text("id"),
            name=f.text("name"),
            points=f.amount("points"),
            deducted=f.amount("deducted"),
            score=f.amount("score"),
            weight=f.opt_amount("weight"),
            weighted=f.opt_amount("weighted"),
            rounded=f.opt_flag("rounded"),
            rescaled=Rescaled._read(f.value("rescaled"), f"{path}.rescaled") if f.has("rescaled") else None,
            indicators=None
            if indicators is None
            else tuple(
                Indicator._read(child, f"{path}.indicators[{i}]") for i, child in enumerate(indicators)
            ),
            items=None
            if items is None
            else tuple(Item._read(item, f"{path}.items[{i}]") for i, item in enumerate(items)),
        )
        f.done()
        return indicator

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings."""
        out: Dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "points": _amount(self.points),
            "deducted": _amount(self.deducted),
            "score": _amount(self.score),
        }
        _put(out, "weight", self.weight)
        _put(out, "weighted", self.weighted)
        _put(out, "rounded", self.rounded)
        if self.rescaled is not None:
            out["rescaled"] = self.rescaled.to_dict()
        if self.indicators is not None:
            out["indicators"] = [child.to_dict() for child in self.indicators]
        if self.items is not None:
            out["items"] = [item.to_dict() for item in self.items]
        return out

    def walk(self) -> Iterator[Indicator]:
        """This indicator and every indicator under it, in document order."""
        yield self
        for child in self.indicators or ():
            yield from child.walk()


@dataclass(frozen=True)
class Scorecard:
    """A scored inspection: the points, deduction and score of every node,
    and every rule's breaches, deduction, limit and reason, in rubric order.

    ``card.to_json()`` gives the exact text the core wrote
    (`Engine.evaluate_json`).
    """

    #: The rubric's id.
    rubric: str
    #: The rubric's total points.
    points: Decimal
    #: The points deducted in all.
    deducted: Decimal
    #: The final score: the base score plus any bonus, less any penalty
    #: section, unless a card veto fixed it.
    score: Decimal
    #: The top-level indicators.
    indicators: Tuple[Indicator, ...]
    #: The grade, where the rubric has grades or a veto forced one.
    grade: Optional[str] = None
    #: The rubric's version (``试行``), where it has one.
    version: Optional[str] = None
    #: The assessment period ``(from, to)`` as ISO dates, where given.
    period: Optional[Tuple[str, str]] = None
    #: The assessment date (ISO), where there is one.
    as_of: Optional[str] = None
    #: The version of ducha that scored it.
    ducha: Optional[str] = None
    #: The base score (total minus deductions), where the rubric has a bonus
    #: section.
    base: Optional[Decimal] = None
    #: The deduction that zeroing vetoes added beyond the rules' shares,
    #: where one fired.
    vetoed: Optional[Decimal] = None
    #: The vetoes that fired; ``None`` when none did.
    vetoes: Optional[Tuple[Veto, ...]] = None
    #: Where items not applicable rescaled the base.
    rescaled: Optional[Rescaled] = None
    #: The bonus section, where the rubric has one.
    bonus: Optional[Bonus] = None
    #: The penalty section, where the rubric has one.
    penalties: Optional[Penalties] = None

    @classmethod
    def from_json(cls, text: Union[str, bytes, bytearray]) -> Scorecard:
        """Reads scorecard JSON (as `Engine.evaluate_json` returns, or as
        stored), strictly: a missing or unknown field is a ``ValueError``
        naming its path."""
        return cls.from_dict(_parse(text, "scorecard"))

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Scorecard:
        """Reads the parsed scorecard JSON (amounts as decimal strings)."""
        f = _Fields(value, "scorecard")
        rubric = f.text("rubric")
        version = f.opt_text("version")
        period = _period(f.value("period"), "period") if f.has("period") else None
        as_of = f.opt_text("as_of")
        made_by = f.opt_text("ducha")
        card = cls(
            rubric=rubric,
            version=version,
            period=period,
            as_of=as_of,
            ducha=made_by,
            points=f.amount("points"),
            deducted=f.amount("deducted"),
            score=f.amount("score"),
            grade=f.opt_text("grade"),
            base=f.opt_amount("base"),
            vetoed=f.opt_amount("vetoed"),
            vetoes=tuple(Veto._read(v, f"vetoes[{i}]") for i, v in enumerate(f.array("vetoes")))
            if f.has("vetoes")
            else None,
            rescaled=Rescaled._read(f.value("rescaled"), "rescaled") if f.has("rescaled") else None,
            indicators=tuple(
                Indicator._read(indicator, f"indicators[{i}]")
                for i, indicator in enumerate(f.array("indicators"))
            ),
            bonus=Bonus._read(f.value("bonus"), "bonus") if f.has("bonus") else None,
            penalties=Penalties._read(f.value("penalties"), "penalties") if f.has("penalties") else None,
        )
        f.done()
        return card

    def to_dict(self) -> Dict[str, Any]:
        """The JSON shape, amounts as decimal strings, fields in the core's
        order."""
        out: Dict[str, Any] = {"rubric": self.rubric}
        _put(out, "version", self.version)
        if self.period is not None:
            out["period"] = {"from": self.period[0], "to": self.period[1]}
        _put(out, "as_of", self.as_of)
        _put(out, "ducha", self.ducha)
        out["points"] = _amount(self.points)
        out["deducted"] = _amount(self.deducted)
        out["score"] = _amount(self.score)
        _put(out, "grade", self.grade)
        _put(out, "base", self.base)
        _put(out, "vetoed", self.vetoed)
        if self.vetoes is not None:
            out["vetoes"] = [veto.to_dict() for veto in self.vetoes]
        if self.rescaled is not None:
            out["rescaled"] = self.rescaled.to_dict()
        out["indicators"] = [indicator.to_dict() for indicator in self.indicators]
        if self.bonus is not None:
            out["bonus"] = self.bonus.to_dict()
        if self.penalties is not None:
            out["penalties"] = self.penalties.to_dict()
        return out

    def to_json(self) -> str:
        """The scorecard JSON: compact, the core's field order, the same text
        as the core writes."""
        return _dumps(self.to_dict())

    def walk(self) -> Iterator[Indicator]:
        """Every indicator, at every level, in document order."""
        for indicator in self.indicators:
            yield from indicator.walk()

    def items(self) -> Iterator[Item]:
        """Every item of the indicators, then of the penalty section, in
        document order (the bonus section's items are `bonus.items`)."""
        for indicator in self.walk():
            yield from indicator.items or ()
        if self.penalties is not None:
            yield from self.penalties.items

    def rules(self) -> Iterator[Rule]:
        """Every rule, in document order: the indicators', the bonus
        section's, then the penalty section's."""
        for indicator in self.walk():
            for item in indicator.items or ():
                yield from item.rules
        if self.bonus is not None:
            for bonus_item in self.bonus.items:
                yield from bonus_item.rules
        if self.penalties is not None:
            for item in self.penalties.items:
                yield from item.rules

    @cached_property
    def _index(self) -> Tuple[Dict[str, Indicator], Dict[str, Item], Dict[str, Rule]]:
        # cached_property writes the instance's __dict__ directly, which a
        # frozen dataclass allows; ids are unique across a rubric.
        return (
            {indicator.id: indicator for indicator in self.walk()},
            {item.id: item for item in self.items()},
            {rule.id: rule for rule in self.rules()},
        )

    def indicator(self, id: str) -> Optional[Indicator]:  # noqa: A002
        """The indicator with this id, at any level, or ``None``."""
        return self._index[0].get(id)

    def item(self, id: str) -> Optional[Item]:  # noqa: A002
        """The item with this id, or ``None``."""
        return self._index[1].get(id)

    def rule(self, id: str) -> Optional[Rule]:  # noqa: A002
        """The rule with this id, or ``None``."""
        return self._index[2].get(id)

    @property
    def is_complete(self) -> bool:
        """Whether every rule was assessed (the inspection gave each a fact,
        or marked it not applicable)."""
        return all(rule.assessed or rule.applicable is False for rule in self.rules())


@dataclass(frozen=True)
class Diagnostic:
    """Something valid but probably not meant in a rubric
    (`Engine.diagnostics`)."""

    #: The stable kind: ``duplicate-serial``, ``serial-gap``,
    #: ``exceeds-points``, ``cap-below-amount``, ``unbounded-rule``,
    #: ``points-mismatch``, ``empty-text``, ``unreachable-band``,
    #: ``unused-exemptions``, ``unreachable-bonus``, ``unreachable-grade``,
    #: ``na-without-policy``.
    code: str
    #: The node or rule concerned.
    id: str
    #: What is wrong, in words.
    message: str

    @staticmethod
    def list_from_json(text: Union[str, bytes, bytearray]) -> Tuple[Diagnostic, ...]:
        """Reads diagnostics JSON: ``{"diagnostics": [{"code", "id",
        "message"}, …]}``."""
        f = _Fields(_parse(text, "diagnostics"), "diagnostics")
        out = []
        for i, value in enumerate(f.array("diagnostics")):
            d = _Fields(value, f"diagnostics[{i}]")
            out.append(Diagnostic(code=d.text("code"), id=d.text("id"), message=d.text("message")))
            d.done()
        f.done()
        return tuple(out)

    def to_dict(self) -> Dict[str, str]:
        """The JSON shape."""
        return {"code": self.code, "id": self.id, "message": self.message}
