"""Inputs that pin the schemas to the engine, in three lists:

REFUSED   the engine refuses each, and so must the schema (or the JSON
          parser, for text that is not JSON);
GAPS      the engine refuses each, the schema accepts it: what a schema
          cannot say (cross-field checks, byte lengths, exact decimal
          limits, facts that depend on the rubric). schemas/README.md lists
          exactly these names, and check.py asserts that it does;
STRICTER  the engine accepts each, the schema refuses it on purpose (an
          engine leniency); schemas/README.md lists exactly these too;
ACCEPTED  edge cases both accept, so that the schema is never stricter than
          the engine elsewhere.

Each case: (name, schema, document, engine code or None, context). A
document is a Python value (sent as JSON) or bytes (sent as they are). The
context of an inspection is the rubric it is evaluated against: "seed" (the
built-in Yuxi rubric), "shapes" or "card" (tests/conformance/shapes,
card-outcomes) or "peers" (PEERS below). A rubric's engine check is ducha_validate.
"""

import copy
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CONFORMANCE = ROOT / "tests" / "conformance"


def load(case):
    return json.loads((CONFORMANCE / case / "rubric.json").read_text(encoding="utf-8"))


SHAPES = load("shapes")
CARD = load("card-outcomes")
DELETE = object()


def edit(doc, path, value):
    """A copy of `doc` with the value at `path` (dotted; list indexes as
    numbers) replaced, or removed with DELETE."""
    doc = copy.deepcopy(doc)
    *parents, last = path.split(".")
    node = doc
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    key = int(last) if isinstance(node, list) else last
    if value is DELETE:
        del node[key]
    else:
        node[key] = value
    return doc


FLAG = {"kind": "flag"}
COUNT = {"kind": "count"}
FLAT = {"kind": "flat", "points": "1"}
ROUNDING = {"places": 2, "mode": "half_up"}


def rule(**fields):
    base = {"id": "a", "label": "l", "text": "t", "trigger": FLAG, "penalty": FLAT}
    base.update(fields)
    return base


def measured(measure, penalty, **fields):
    return rule(trigger={"kind": "measured", "measure": measure}, penalty=penalty, **fields)


def rubric(*rules, points="10", item=None, **top):
    """A rubric of one indicator holding one item of `points` with `rules`."""
    it = {"id": "I", "serial": "1", "points": points, "requirement": "q", "rules": list(rules) or [rule()]}
    it.update(item or {})
    doc = {"id": "r", "title": "t", "total": points,
           "indicators": [{"id": "G", "name": "g", "points": points, "items": [it]}]}
    doc.update(top)
    return doc


BASE = rubric()
ITEM = "indicators.0.items.0"
RULE = ITEM + ".rules.0"


def total(value):
    return rubric(points=value)


def nested(depth):
    """Indicators nested `depth` levels deep, the deepest holding BASE's item."""
    node = BASE["indicators"][0]
    for level in range(depth - 1, 0, -1):
        node = {"id": "G%d" % level, "name": "g", "points": "10", "indicators": [node]}
    return dict(BASE, indicators=[node])


def bands(*table):
    return measured("amount", {"kind": "bands", "bands": list(table)})


def knots(*table):
    return measured("percent", {"kind": "interpolate", "knots": list(table)})


def options(*table):
    return rule(trigger={"kind": "rating"}, penalty={"kind": "rating", "options": list(table)})


# Peer rules: a place priced by bands (in the count domain), a mean
# priced as a count. The context "peers" in the case lists.
PEER_RANK = {"kind": "peer", "measure": "count", "compare": "rank"}
PEER_MEAN = {"kind": "peer", "measure": "percent", "compare": "below_mean"}
RANK_BANDS = {"kind": "bands", "bands": [{"at_most": "1", "score": "10"}, {"at_most": "3", "score": "5"},
                                         {"score": "0"}]}
PEERS = rubric(rule(id="rank", trigger=PEER_RANK, penalty=RANK_BANDS),
               rule(id="below", trigger=PEER_MEAN, penalty={"kind": "flat", "points": "2"}))
PEERS_RULE = RULE  # the rank rule; ITEM + ".rules.1" the mean rule


def card_item_rule(path, extra):
    return edit(CARD, path, dict(extra))


SEED_PERIOD = {"from": "2026-01-01", "to": "2026-12-31"}

R, I = "rubric", "inspection"

REFUSED = [
    # Unknown fields, at every level of a rubric.
    ("rubric: unknown field", R, dict(BASE, foo=1), "invalid", None),
    ("indicator: unknown field", R, edit(BASE, "indicators.0.foo", 1), "invalid", None),
    ("item: unknown field", R, edit(BASE, ITEM + ".foo", 1), "invalid", None),
    ("rule: unknown field", R, edit(BASE, RULE + ".foo", 1), "invalid", None),
    ("trigger: unknown field", R, rubric(rule(trigger={"kind": "flag", "foo": 1})), "invalid", None),
    ("trigger: a field of another kind", R, rubric(rule(trigger={"kind": "flag", "min": "1"})), "invalid", None),
    ("trigger: cadence takes no within", R,
     rubric(rule(trigger={"kind": "cadence", "every": "year", "within": {"days": 1}})), "invalid", None),
    ("penalty: unknown field", R, rubric(rule(penalty={"kind": "flat", "points": "1", "foo": 1})), "invalid", None),
    ("penalty: a field of another kind", R, rubric(rule(penalty={"kind": "flat", "points": "1", "cap": "2"})),
     "invalid", None),
    ("penalty: a null field of another kind", R,
     rubric(rule(penalty={"kind": "flat", "points": "1", "cap": None})), "invalid", None),
    ("within: unknown field", R,
     rubric(rule(trigger={"kind": "deadline", "within": {"days": 1, "hours": 2}})), "invalid", None),
    ("rounding: unknown field", R, dict(BASE, rounding=dict(ROUNDING, digits=2)), "invalid", None),
    ("exclusive: unknown field", R, edit(SHAPES, "exclusive.0.foo", 1), "invalid", None),
    ("grade: unknown field", R, edit(CARD, "grades.0.foo", 1), "invalid", None),
    ("gate: unknown field", R, edit(CARD, "bonus.gate.foo", 1), "invalid", None),
    ("bonus: unknown field", R, edit(CARD, "bonus.foo", 1), "invalid", None),
    ("penalties: unknown field", R, edit(CARD, "penalties.foo", 1), "invalid", None),
    ("veto: unknown field", R, edit(CARD, "indicators.0.items.0.rules.1.veto.foo", 1), "invalid", None),
    ("band: unknown field", R, edit(SHAPES, "indicators.0.items.2.rules.0.penalty.bands.0.foo", 1), "invalid", None),
    ("knot: unknown field", R, edit(SHAPES, "indicators.0.items.3.rules.0.penalty.knots.0.foo", 1), "invalid", None),
    ("rating option: unknown field", R, edit(SHAPES, "indicators.0.items.4.rules.0.penalty.options.0.foo", 1),
     "invalid", None),
    ("multiplier: unknown field", R, edit(SHAPES, "indicators.1.items.1.rules.0.penalty.multipliers.0.foo", 1),
     "invalid", None),
    ("example: unknown field", R, dict(BASE, examples=[{"name": "e", "inspection": {}, "foo": 1}]), "invalid", None),
    ("example: its inspection's unknown field", R,
     dict(BASE, examples=[{"name": "e", "inspection": {"fact": {}}}]), "invalid", None),

    # Required fields and types.
    ("rubric: no id", R, edit(BASE, "id", DELETE), "invalid", None),
    ("rubric: no title", R, edit(BASE, "title", DELETE), "invalid", None),
    ("rubric: no total", R, edit(BASE, "total", DELETE), "invalid", None),
    ("rubric: no indicators", R, edit(BASE, "indicators", DELETE), "invalid", None),
    ("item: no requirement", R, edit(BASE, ITEM + ".requirement", DELETE), "invalid", None),
    ("item: no rules", R, edit(BASE, ITEM + ".rules", DELETE), "invalid", None),
    ("rule: no text", R, edit(BASE, RULE + ".text", DELETE), "invalid", None),
    ("rule: no penalty", R, edit(BASE, RULE + ".penalty", DELETE), "invalid", None),
    ("trigger: no kind", R, rubric(rule(trigger={})), "invalid", None),
    ("rubric: total true", R, edit(BASE, "total", True), "invalid", None),
    ("rubric: title a number", R, edit(BASE, "title", 1), "invalid", None),
    ("rubric: version null", R, dict(BASE, version=None), "invalid", None),
    ("rubric: indicators an object", R, edit(BASE, "indicators", {}), "invalid", None),
    ("rubric: an array, not an object", R, [BASE], "invalid", None),
    ("item: earn a string", R, edit(BASE, ITEM + ".earn", "yes"), "invalid", None),
    ("item: rules a string", R, edit(BASE, ITEM + ".rules", "x"), "invalid", None),
    ("rule: unit null", R, edit(BASE, RULE + ".unit", None), "invalid", None),
    ("rule: exemptions null", R, edit(BASE, RULE + ".exemptions", None), "invalid", None),
    ("rule: exemptions a string", R, edit(BASE, RULE + ".exemptions", "x"), "invalid", None),
    ("penalty: points null", R, rubric(rule(penalty={"kind": "flat", "points": None})), "invalid", None),
    ("penalty: multipliers null", R,
     rubric(rule(trigger=COUNT, penalty={"kind": "escalating", "amounts": ["1"], "multipliers": None})),
     "invalid", None),

    # Decimals and points.
    ("decimal: exponent in a string, 1e3", R, total("1e3"), "invalid", None),
    ("decimal: 2E1", R, total("2E1"), "invalid", None),
    ("decimal: two points, 1.2.3", R, total("1.2.3"), "invalid", None),
    ("decimal: leading space", R, total(" 1"), "invalid", None),
    ("decimal: trailing newline", R, total("1\n"), "invalid", None),
    ("decimal: underscore, 1_000", R, total("1_000"), "invalid", None),
    ("decimal: empty string", R, total(""), "invalid", None),
    ("decimal: a point alone", R, total("."), "invalid", None),
    ("decimal: a sign alone", R, total("-"), "invalid", None),
    ("decimal: two signs, +-1", R, total("+-1"), "invalid", None),
    ("decimal: sign after, 1-", R, total("1-"), "invalid", None),
    ("decimal: fullwidth digit", R, total("\uff11"), "invalid", None),
    ("decimal: NaN", R, total("NaN"), "invalid", None),
    ("decimal: percentage in a rubric", R, total("96%"), "invalid", None),
    ("decimal: 29 decimal places", R, total("0." + "0" * 28 + "1"), "invalid", None),
    ("decimal: JSON number 1. (not JSON)", R,
     json.dumps(BASE).replace('"total": "10"', '"total": 1.').encode(), "syntax", None),
    ("decimal: JSON number 01 (not JSON)", R,
     json.dumps(BASE).replace('"total": "10"', '"total": 01').encode(), "syntax", None),
    ("decimal: JSON number .5 (not JSON)", R,
     json.dumps(BASE).replace('"total": "10"', '"total": .5').encode(), "syntax", None),
    ("points: negative", R, total("-1"), "invalid", None),
    ("points: negative JSON number", R, total(-1), "invalid", None),
    ("points: 7 decimal places", R, total("0.0000001"), "invalid", None),
    ("points: above 10^9", R, total("1000000001"), "invalid", None),
    ("points: above 10^9 by a fraction", R, total("1000000000.5"), "invalid", None),
    ("points: JSON number above 10^9", R, total(1000000001), "invalid", None),
    ("points: a bare word", R, total("ten"), "invalid", None),
    ("floor: above 0", R, edit(BASE, ITEM + ".floor", "1"), "invalid-rubric", None),
    ("floor: below -10^9", R, edit(BASE, ITEM + ".floor", "-1000000001"), "invalid-rubric", None),
    ("floor: 7 decimal places", R, edit(BASE, ITEM + ".floor", "-0.0000001"), "invalid-rubric", None),
    ("floor: JSON number above 0", R, dict(BASE, floor=2), "invalid-rubric", None),

    # Ids.
    ("id: empty", R, edit(BASE, "id", ""), "invalid", None),
    ("id: a space", R, edit(BASE, "id", "a b"), "invalid", None),
    ("id: a tab", R, edit(BASE, ITEM + ".id", "a\tb"), "invalid", None),
    ("id: a trailing newline", R, edit(BASE, RULE + ".id", "a\n"), "invalid", None),
    ("id: ideographic space U+3000", R, edit(BASE, RULE + ".id", "第\u3000一"), "invalid", None),
    ("id: next line U+0085", R, edit(BASE, RULE + ".id", "a\u0085"), "invalid", None),
    ("id: no-break space U+00A0", R, edit(BASE, RULE + ".id", "a\u00a0b"), "invalid", None),
    ("id: a control character U+0007", R, edit(BASE, RULE + ".id", "a\u0007"), "invalid", None),
    ("id: DEL U+007F", R, edit(BASE, RULE + ".id", "a\u007f"), "invalid", None),
    ("id: 65 characters", R, edit(BASE, "id", "x" * 65), "invalid", None),
    ("id: a number", R, edit(BASE, "id", 7), "invalid", None),
    ("exclusive: an invalid id", R, edit(SHAPES, "exclusive.0.rules.0", "10 a"), "invalid", None),

    # Enumerations.
    ("trigger: unknown kind", R, rubric(rule(trigger={"kind": "flags"})), "invalid", None),
    ("trigger: kind in capitals", R, rubric(rule(trigger={"kind": "Flag"})), "invalid", None),
    ("penalty: unknown kind", R, rubric(rule(penalty={"kind": "flatt", "points": "1"})), "invalid", None),
    ("penalty: no kind", R, rubric(rule(penalty={"points": "1"})), "invalid", None),
    ("measure: unknown", R,
     rubric(rule(trigger={"kind": "threshold", "min": "1", "measure": "percentage"})), "invalid", None),
    ("every: unknown", R, rubric(rule(trigger={"kind": "cadence", "every": "week"})), "invalid", None),
    ("short: unknown", R, rubric(rule(trigger={"kind": "cadence", "every": "year", "short": "days"})),
     "invalid", None),
    ("partial: unknown", R, edit(SHAPES, "indicators.0.items.0.rules.0.penalty.partial", "half"), "invalid", None),
    ("direction: unknown", R, edit(SHAPES, "indicators.0.items.0.rules.0.penalty.direction", "up"), "invalid", None),
    ("rounding mode: unknown", R, dict(BASE, rounding={"places": 2, "mode": "nearest"}), "invalid", None),
    ("keep: unknown", R, edit(SHAPES, "exclusive.0.keep", "max"), "invalid", None),
    ("veto scope: unknown", R, edit(CARD, "indicators.0.items.0.rules.1.veto.scope", "rubric"), "invalid", None),
    ("not_applicable: unknown policy", R, dict(BASE, not_applicable="skip"), "invalid", None),

    # Counts: negative, zero where at least 1, too large, not whole.
    ("cadence: at_least 0", R, rubric(rule(trigger={"kind": "cadence", "every": "year", "at_least": 0})),
     "invalid-rubric", None),
    ("cadence: at_least negative", R, rubric(rule(trigger={"kind": "cadence", "every": "year", "at_least": -1})),
     "invalid", None),
    ("cadence: at_least a fraction", R,
     rubric(rule(trigger={"kind": "cadence", "every": "year", "at_least": 1.5})), "invalid", None),
    ("cadence: at_least a string", R,
     rubric(rule(trigger={"kind": "cadence", "every": "year", "at_least": "2"})), "invalid", None),
    ("cadence: at_least above u32", R,
     rubric(rule(trigger={"kind": "cadence", "every": "year", "at_least": 4294967296})), "invalid", None),
    ("within: working_days negative", R,
     rubric(rule(trigger={"kind": "deadline", "within": {"working_days": -1}})), "invalid", None),
    ("within: days above 3660", R, rubric(rule(trigger={"kind": "deadline", "within": {"days": 3661}})),
     "invalid-rubric", None),
    ("within: both kinds", R,
     rubric(rule(trigger={"kind": "deadline", "within": {"days": 1, "working_days": 1}})), "invalid", None),
    ("within: neither kind", R, rubric(rule(trigger={"kind": "deadline", "within": {}})), "invalid", None),
    ("rounding: places negative", R, dict(BASE, rounding={"places": -1, "mode": "up"}), "invalid", None),
    ("rounding: 7 places", R, dict(BASE, rounding={"places": 7, "mode": "up"}), "invalid-rubric", None),

    # Required fields of a kind.
    ("threshold: no min", R, rubric(rule(trigger={"kind": "threshold", "measure": "ratio"})), "invalid", None),
    ("threshold: min null", R, rubric(rule(trigger={"kind": "threshold", "min": None, "measure": "ratio"})),
     "invalid", None),
    ("threshold: no measure", R, rubric(rule(trigger={"kind": "threshold", "min": "1"})), "invalid", None),
    ("cadence: no every", R, rubric(rule(trigger={"kind": "cadence"})), "invalid", None),
    ("measured: no measure", R, rubric(rule(trigger={"kind": "measured"},
                                            penalty={"kind": "proportional", "target": "1", "points": "1"}),
                                       rounding=ROUNDING), "invalid", None),
    ("capped: no cap", R, rubric(rule(penalty={"kind": "capped", "points": "1"})), "invalid", None),

    # Shapes a rubric's load refuses that one field (or one object) shows.
    ("threshold: ratio min above 1", R,
     rubric(rule(trigger={"kind": "threshold", "min": "1.5", "measure": "ratio"})), "invalid-rubric", None),
    ("threshold: percent min above 100", R,
     rubric(rule(trigger={"kind": "threshold", "min": 101, "measure": "percent"})), "invalid-rubric", None),
    ("threshold: count min a fraction", R,
     rubric(rule(trigger={"kind": "threshold", "min": "1.5", "measure": "count"})), "invalid-rubric", None),
    ("threshold: count min negative", R,
     rubric(rule(trigger={"kind": "threshold", "min": "-1", "measure": "count"})), "invalid-rubric", None),
    ("escalating: no amounts", R, rubric(rule(trigger=COUNT, penalty={"kind": "escalating", "amounts": []})),
     "invalid-rubric", None),
    ("escalating: factor 0", R, edit(SHAPES, "indicators.1.items.1.rules.0.penalty.multipliers.0.factor", "0"),
     "invalid-rubric", None),
    ("escalating: factor above 100", R,
     edit(SHAPES, "indicators.1.items.1.rules.0.penalty.multipliers.0.factor", "100.5"), "invalid-rubric", None),
    ("linear: step 0", R, edit(SHAPES, "indicators.0.items.0.rules.0.penalty.step", "0"), "invalid-rubric", None),
    ("linear: step negative", R, edit(SHAPES, "indicators.0.items.0.rules.0.penalty.step", -1),
     "invalid-rubric", None),
    ("linear: percent target above 100", R, edit(SHAPES, "indicators.0.items.0.rules.0.penalty.target", "120"),
     "invalid-rubric", None),
    ("proportional: target 0", R, edit(SHAPES, "indicators.0.items.1.rules.0.penalty.target", "0"),
     "invalid-rubric", None),
    ("proportional: ratio target above 1", R, edit(SHAPES, "indicators.0.items.1.rules.0.penalty.target", "95"),
     "invalid-rubric", None),
    ("bands: one band", R, rubric(bands({"score": "1"})), "invalid-rubric", None),
    ("bands: no unbounded band", R, rubric(bands({"at_least": "2", "score": "1"}, {"at_least": "1", "score": "0"})),
     "invalid-rubric", None),
    ("bands: two unbounded bands", R, rubric(bands({"at_least": "2", "score": "1"}, {"score": "1"}, {"score": "0"})),
     "invalid-rubric", None),
    ("bands: at_least and at_most mixed", R,
     rubric(bands({"at_least": "2", "score": "2"}, {"at_most": "1", "score": "1"}, {"score": "0"})),
     "invalid-rubric", None),
    ("band: both bounds", R, rubric(bands({"at_least": "1", "at_most": "2", "score": "1"}, {"score": "0"})),
     "invalid-rubric", None),
    ("band: deduct and score", R, rubric(bands({"at_least": "1", "deduct": "1", "score": "1"}, {"score": "0"})),
     "invalid-rubric", None),
    ("band: neither deduct nor score", R, rubric(bands({"at_least": "1"}, {"score": "0"})), "invalid-rubric", None),
    ("band: ratio bound above 1", R,
     rubric(measured("ratio", {"kind": "bands", "bands": [{"at_least": "90", "score": "1"}, {"score": "0"}]})),
     "invalid-rubric", None),
    ("interpolate: one knot", R, rubric(knots({"value": "1", "score": "1"}), rounding=ROUNDING),
     "invalid-rubric", None),
    ("interpolate: deductions and scores mixed", R,
     rubric(knots({"value": "1", "score": "1"}, {"value": "2", "deduct": "0"}), rounding=ROUNDING),
     "invalid-rubric", None),
    ("knot: no value", R, rubric(knots({"score": "1"}, {"value": "2", "score": "2"}), rounding=ROUNDING),
     "invalid", None),
    ("knot: percent value above 100", R,
     rubric(knots({"value": "90", "score": "0"}, {"value": "101", "score": "10"}), rounding=ROUNDING),
     "invalid-rubric", None),
    ("rating: no options", R, rubric(options()), "invalid-rubric", None),
    ("rating: an empty option", R, rubric(options({"option": "", "score": "1"})), "invalid-rubric", None),
    ("rating: an option that begins like a number", R, rubric(options({"option": "1等", "score": "1"})),
     "invalid-rubric", None),
    ("rating: an option as a percentage", R, rubric(options({"option": "96%", "score": "1"})),
     "invalid-rubric", None),
    ("rule: an empty exemption ground", R, edit(BASE, RULE + ".exemptions", [""]), "invalid-rubric", None),
    ("rule: an exemption ground twice", R, edit(BASE, RULE + ".exemptions", ["x", "x"]), "invalid-rubric", None),
    ("exclusive: one rule", R, edit(SHAPES, "exclusive.0.rules", ["10a"]), "invalid-rubric", None),
    ("exclusive: a rule twice", R, edit(SHAPES, "exclusive.0.rules", ["10a", "10a"]), "invalid-rubric", None),

    # A trigger its penalty cannot price.
    ("linear on a flag trigger", R, edit(SHAPES, "indicators.0.items.0.rules.0.trigger", FLAG),
     "invalid-rubric", None),
    ("bands on a count trigger", R, edit(SHAPES, "indicators.0.items.2.rules.0.trigger", COUNT),
     "invalid-rubric", None),
    ("rating on a count trigger", R, edit(SHAPES, "indicators.0.items.4.rules.0.trigger", COUNT),
     "invalid-rubric", None),
    ("flat on a measured trigger", R, rubric(measured("ratio", FLAT)), "invalid-rubric", None),
    ("flat on a rating trigger", R, rubric(rule(trigger={"kind": "rating"})), "invalid-rubric", None),
    ("range on a threshold trigger", R,
     rubric(rule(trigger={"kind": "threshold", "min": "1", "measure": "ratio"},
                 penalty={"kind": "range", "min": "1", "max": "2"})), "invalid-rubric", None),

    # Whole-card elements.
    ("grades: every grade bounded", R, edit(CARD, "grades.3.at_least", "0"), "invalid-rubric", None),
    ("grades: two unbounded", R, edit(CARD, "grades.2.at_least", DELETE), "invalid-rubric", None),
    ("grade: a blank label", R, edit(CARD, "grades.0.label", " \u3000"), "invalid-rubric", None),
    ("grade: no label", R, edit(CARD, "grades.0.label", DELETE), "invalid", None),
    ("gate: both bounds", R, edit(CARD, "bonus.gate", {"above": "80", "at_least": "80"}), "invalid-rubric", None),
    ("gate: no bound", R, edit(CARD, "bonus.gate", {}), "invalid-rubric", None),
    ("bonus: no cap", R, edit(CARD, "bonus.cap", DELETE), "invalid", None),
    ("veto: card, neither score nor grade", R, edit(CARD, "indicators.0.items.0.rules.1.veto", {"scope": "card"}),
     "invalid-rubric", None),
    ("veto: card, a blank grade", R,
     edit(CARD, "indicators.0.items.0.rules.1.veto", {"scope": "card", "grade": " "}), "invalid-rubric", None),
    ("veto: item with a score", R,
     edit(CARD, "indicators.2.items.0.rules.0.veto", {"scope": "item", "score": "0"}), "invalid-rubric", None),
    ("veto: in the bonus section", R, edit(CARD, "bonus.items.1.rules.0.veto", {"scope": "item"}),
     "invalid-rubric", None),
    ("veto: in the penalty section", R, edit(CARD, "penalties.items.0.rules.0.veto", {"scope": "item"}),
     "invalid-rubric", None),
    ("not_applicable rescale without rounding", R, edit(CARD, "rounding", DELETE), "invalid-rubric", None),
    ("a dividing rule without rounding", R, edit(SHAPES, "rounding", DELETE), "invalid-rubric", None),
    ("a dividing rule without rounding, in the bonus", R,
     edit(dict(BASE, bonus={"id": "J", "name": "j", "cap": "1", "items": [
         {"id": "J1", "serial": "1", "points": "1", "requirement": "q",
          "rules": [measured("ratio", {"kind": "proportional", "target": "1", "points": "1"}, id="j")]}]}),
          "id", "r"), "invalid-rubric", None),
    ("exact partial steps without rounding", R,
     edit(edit(SHAPES, "rounding", DELETE), "indicators.0.items.1.rules.0.penalty",
          {"kind": "linear", "direction": "below", "target": "1", "step": "0.01", "points": "1",
           "partial": "exact"}), "invalid-rubric", None),

    # Peer rules.
    ("peer: no compare", R, rubric(rule(trigger={"kind": "peer", "measure": "count"})), "invalid", None),
    ("peer: no measure", R, rubric(rule(trigger={"kind": "peer", "compare": "below_mean"})), "invalid", None),
    ("peer: unknown compare", R, rubric(rule(trigger={"kind": "peer", "measure": "count", "compare": "median"})),
     "invalid", None),
    ("peer: compare on a measured trigger", R,
     rubric(measured("ratio", {"kind": "proportional", "target": "1", "points": "1"}) | {
         "trigger": {"kind": "measured", "measure": "ratio", "compare": "rank"}}, rounding=ROUNDING),
     "invalid", None),
    ("peer: a place priced by flat", R, rubric(rule(trigger=PEER_RANK)), "invalid-rubric", None),
    ("peer: a mean priced by bands", R, edit(PEERS, PEERS_RULE + ".trigger", PEER_MEAN), "invalid-rubric", None),
    ("peer: priced by range", R, rubric(rule(trigger=PEER_MEAN, penalty={"kind": "range", "min": "1", "max": "2"})),
     "invalid-rubric", None),
    ("peer: a place's band bound not whole", R,
     edit(PEERS, PEERS_RULE + ".penalty.bands.0.at_most", "1.5"), "invalid-rubric", None),
    ("peer: a place's band bound negative, whatever the measure", R,
     edit(edit(PEERS, PEERS_RULE + ".trigger.measure", "amount"), PEERS_RULE + ".penalty.bands.0.at_most", "-1"),
     "invalid-rubric", None),

    # Tree shape.
    ("indicator: items and indicators", R,
     edit(BASE, "indicators.0.indicators", [{"id": "H", "name": "h", "points": "0"}]), "invalid", None),
    ("indicators 17 levels deep", R, nested(17), "invalid-rubric", None),
    ("example: score negative", R, dict(BASE, examples=[{"name": "e", "inspection": {}, "score": "-1"}]),
     "invalid", None),
    ("example: a deduction for an invalid id", R,
     dict(BASE, examples=[{"name": "e", "inspection": {}, "deductions": {"a b": "1"}}]), "invalid", None),
    ("example: no inspection", R, dict(BASE, examples=[{"name": "e"}]), "invalid", None),
    ("rubric: not JSON", R, b'{"id": "r",}', "syntax", None),

    # Inspections.
    ("inspection: unknown field", I, {"fact": {}}, "invalid", "seed"),
    ("inspection: an array", I, [{"facts": {}}], "invalid", "seed"),
    ("inspection: not JSON", I, b'{"facts": {"2a": true,}}', "syntax", "seed"),
    ("period: unknown field", I, {"period": dict(SEED_PERIOD, days=365)}, "invalid", "seed"),
    ("period: no to", I, {"period": {"from": "2026-01-01"}}, "invalid", "seed"),
    ("period: from null", I, {"period": {"from": None, "to": "2026-12-31"}}, "invalid", "seed"),
    ("date: month without zero", I, {"as_of": "2026-1-01"}, "invalid", "seed"),
    ("date: 30 February", I, {"as_of": "2026-02-30"}, "invalid", "seed"),
    ("date: 29 February of a common year", I, {"as_of": "2026-02-29"}, "invalid", "seed"),
    ("date: 29 February 1900 (not leap)", I, {"as_of": "1900-02-29"}, "invalid", "seed"),
    ("date: month 13", I, {"as_of": "2026-13-01"}, "invalid", "seed"),
    ("date: day 00", I, {"as_of": "2026-01-00"}, "invalid", "seed"),
    ("date: with a time", I, {"as_of": "2026-01-01T00:00:00"}, "invalid", "seed"),
    ("date: slashes", I, {"as_of": "2026/01/01"}, "invalid", "seed"),
    ("date: five-digit year", I, {"as_of": "12026-01-01"}, "invalid", "seed"),
    ("date: trailing newline", I, {"as_of": "2026-01-01\n"}, "invalid", "seed"),
    ("date: fullwidth digits", I, {"as_of": "２０２６-01-01"}, "invalid", "seed"),
    ("date: a number", I, {"as_of": 20260101}, "invalid", "seed"),
    ("rubric: empty id", I, {"rubric": ""}, "invalid", "seed"),
    ("rubric: id with a space", I, {"rubric": "yuxi shuangsuiji"}, "invalid", "seed"),
    ("facts: null", I, {"facts": None}, "invalid", "seed"),
    ("facts: an array", I, {"facts": []}, "invalid", "seed"),
    ("facts: an empty rule id", I, {"facts": {"": 1}}, "invalid", "seed"),
    ("facts: a rule id with a space", I, {"facts": {"7 a": 1}}, "invalid", "seed"),
    ("fact: null", I, {"facts": {"2a": None}}, "invalid", "seed"),
    ("fact: a decimal with an exponent, 1e3", I, {"facts": {"12a": "1e3"}}, "invalid", "seed"),
    ("fact: a decimal with a trailing newline", I, {"facts": {"12a": "1\n"}}, "invalid", "seed"),
    ("fact: a percentage with a space", I, {"facts": {"12a": "96 %"}}, "invalid", "seed"),
    ("fact: a percentage of a word", I, {"facts": {"12a": "abc%"}}, "invalid", "seed"),
    ("fact: a percent sign alone", I, {"facts": {"12a": "%"}}, "invalid", "seed"),
    ("fact: an empty string", I, {"facts": {"5a": ""}}, "invalid", "shapes"),
    ("fact: a string that begins like a number", I, {"facts": {"5a": "1等"}}, "invalid", "shapes"),
    ("fact: a date alone", I, {"facts": {"7a": "2026-01-01"}}, "invalid", "seed"),
    ("finding: unknown field", I, {"facts": {"2a": {"note": "x", "foo": 1}}}, "invalid", "seed"),
    ("finding: a case's field outside a list", I, {"facts": {"2a": {"start": "2026-01-01"}}}, "invalid", "seed"),
    ("finding: note null", I, {"facts": {"2a": {"note": None}}}, "invalid", "seed"),
    ("finding: note a number", I, {"facts": {"2a": {"note": 1}}}, "invalid", "seed"),
    ("finding: amount with an exponent", I, {"facts": {"6a": [{"note": "x", "amount": "1e3"}]}}, "invalid", "shapes"),
    ("list: dates and findings mixed", I, {"facts": {"1a": ["2026-01-05", {"note": "x"}]}}, "invalid", "seed"),
    ("list: findings and cases mixed", I,
     {"facts": {"7a": [{"note": "x"}, {"start": "2026-01-05"}]}}, "invalid", "seed"),
    ("list: a number", I, {"facts": {"6a": [1]}}, "invalid", "seed"),
    ("list: null", I, {"facts": {"6a": [None]}}, "invalid", "seed"),
    ("list: a list", I, {"facts": {"6a": [[]]}}, "invalid", "seed"),
    ("list: a boolean", I, {"facts": {"6a": [True]}}, "invalid", "seed"),
    ("list: an invalid date", I, {"facts": {"1a": ["2026-13-01"]}}, "invalid", "seed"),
    ("list: an element's unknown field", I, {"facts": {"6a": [{"note": "x", "foo": 1}]}}, "invalid", "seed"),
    ("case: an amount", I, {"facts": {"7a": [{"start": "2026-01-01", "amount": "1"}]}}, "invalid", "seed"),
    ("case: a multiplier", I, {"facts": {"7a": [{"due": "2026-01-01", "multiplier": "x"}]}}, "invalid", "seed"),
    ("case: an invalid date", I, {"facts": {"7a": [{"start": "2026-02-30"}]}}, "invalid", "seed"),
    ("case: neither start nor due", I, {"facts": {"7a": [{"done": "2026-01-01"}]},
                                        "period": SEED_PERIOD}, "invalid-case", "seed"),
    ("case: no key at all", I, {"facts": {"7a": [{}]}, "period": SEED_PERIOD}, "invalid-case", "seed"),
    ("case: start and due null", I, {"facts": {"7a": [{"start": None, "due": None}]}, "period": SEED_PERIOD},
     "invalid-case", "seed"),
    ("case: both start and due", I, {"facts": {"7a": [{"start": "2026-03-02", "due": "2026-03-31"}]},
                                     "period": SEED_PERIOD}, "invalid-case", "seed"),
    ("case: only a null note", I, {"facts": {"7a": [{"note": None}]}, "period": SEED_PERIOD},
     "invalid-case", "seed"),
    ("not_applicable: null", I, {"not_applicable": None}, "invalid", "card"),
    ("not_applicable: a reason not a string", I, {"not_applicable": {"B2": 1}}, "invalid", "card"),
    ("not_applicable: an invalid id", I, {"not_applicable": {"B 2": "x"}}, "invalid", "card"),
    ("peers: null", I, {"peers": None}, "invalid", "peers"),
    ("peers: an array", I, {"peers": []}, "invalid", "peers"),
    ("peers: an invalid rule id", I, {"peers": {"ra nk": {"rank": 1}}}, "invalid", "peers"),
    ("peer: unknown field", I, {"peers": {"rank": {"rank": 1, "place": 1}}}, "invalid", "peers"),
    ("peer: rank 0", I, {"facts": {"rank": 3}, "peers": {"rank": {"rank": 0}}}, "invalid-fact", "peers"),
    ("peer: rank negative", I, {"peers": {"rank": {"rank": -1}}}, "invalid", "peers"),
    ("peer: rank a fraction", I, {"peers": {"rank": {"rank": 1.5}}}, "invalid", "peers"),
    ("peer: rank a string", I, {"peers": {"rank": {"rank": "1"}}}, "invalid", "peers"),
    ("peer: of negative", I, {"peers": {"rank": {"rank": 1, "of": -1}}}, "invalid", "peers"),
    ("peer: mean a word", I, {"peers": {"below": {"mean": "high"}}}, "invalid", "peers"),
    ("peer: mean a percentage", I, {"peers": {"below": {"mean": "96%"}}}, "invalid", "peers"),
    ("example inspection: an invalid date", R,
     dict(BASE, examples=[{"name": "e", "inspection": {"as_of": "2026-02-30"}}]), "invalid", None),
]

# Field-set probes: a document with an unknown field `zz` in one object,
# and where that object's properties are in the schema. The engine's error
# lists the fields it reads there (serde's "expected one of …"), which must
# be the schema's properties: a field added to (or dropped from) the engine
# fails check.py even if no document uses it. (schema, document, context,
# [JSON pointers whose `properties` together are the fields], fields the
# engine's message leaves out.)
def _penalty_rule(kind):
    return {
        "flat": rule(), "per_occurrence": rule(penalty={"kind": "per_occurrence", "points": "1"}),
        "capped": rule(penalty={"kind": "capped", "points": "1", "cap": "2"}),
        "escalating": rule(trigger=COUNT, penalty={"kind": "escalating", "amounts": ["1"]}),
        "range": rule(trigger=COUNT, penalty={"kind": "range", "min": "1", "max": "2"}),
        "linear": measured("percent", {"kind": "linear", "direction": "below", "target": "90", "step": "1",
                                       "points": "1", "partial": "whole"}),
        "proportional": measured("ratio", {"kind": "proportional", "target": "1", "points": "1"}),
        "bands": bands({"at_least": "1", "score": "1"}, {"score": "0"}),
        "interpolate": knots({"value": "1", "score": "1"}, {"value": "2", "score": "2"}),
        "rating": options({"option": "优", "score": "1"}),
    }[kind]


PENALTY_KINDS = ["flat", "per_occurrence", "capped", "escalating", "range", "linear", "proportional", "bands",
                 "interpolate", "rating"]
ZZ = 1
FIELD_SETS = [
    ("rubric", dict(BASE, zz=ZZ), None, [""], []),
    ("indicator", edit(BASE, "indicators.0.zz", ZZ), None, ["/$defs/indicator1"], []),
    ("item", edit(BASE, ITEM + ".zz", ZZ), None, ["/$defs/item"], []),
    ("rule", edit(BASE, RULE + ".zz", ZZ), None, ["/$defs/rule"], []),
    ("trigger", rubric(rule(trigger={"kind": "flag", "zz": ZZ})), None, ["/$defs/trigger"], []),
    ("within", rubric(rule(trigger={"kind": "deadline", "within": {"days": 1, "zz": ZZ}})), None,
     ["/$defs/within"], []),
    *[("penalty " + kind, rubric(edit(_penalty_rule(kind), "penalty.zz", ZZ), rounding=ROUNDING), None,
       ["/$defs/penalty/allOf/%d/then" % i], ["kind"]) for i, kind in enumerate(PENALTY_KINDS)],
    ("band", edit(SHAPES, "indicators.0.items.2.rules.0.penalty.bands.0.zz", ZZ), None, ["/$defs/band"], []),
    ("knot", edit(SHAPES, "indicators.0.items.3.rules.0.penalty.knots.0.zz", ZZ), None, ["/$defs/knot"], []),
    ("rating option", edit(SHAPES, "indicators.0.items.4.rules.0.penalty.options.0.zz", ZZ), None,
     ["/$defs/ratingOption"], []),
    ("multiplier", edit(SHAPES, "indicators.1.items.1.rules.0.penalty.multipliers.0.zz", ZZ), None,
     ["/$defs/multiplier"], []),
    ("rounding", dict(BASE, rounding=dict(ROUNDING, zz=ZZ)), None, ["/$defs/rounding"], []),
    ("exclusive", edit(SHAPES, "exclusive.0.zz", ZZ), None, ["/$defs/exclusive"], []),
    ("grade", edit(CARD, "grades.0.zz", ZZ), None, ["/$defs/grade"], []),
    ("gate", edit(CARD, "bonus.gate.zz", ZZ), None, ["/$defs/gate"], []),
    ("bonus", edit(CARD, "bonus.zz", ZZ), None, ["/$defs/bonus"], []),
    ("penalties", edit(CARD, "penalties.zz", ZZ), None, ["/$defs/penalties"], []),
    ("veto", edit(CARD, "indicators.0.items.0.rules.1.veto.zz", ZZ), None, ["/$defs/veto"], []),
    ("example", dict(BASE, examples=[{"name": "e", "inspection": {}, "zz": ZZ}]), None, ["/$defs/example"], []),
    ("an example's inspection", dict(BASE, examples=[{"name": "e", "inspection": {"zz": ZZ}}]), None,
     ["inspection:"], []),
    ("inspection", {"zz": ZZ}, "seed", ["inspection:"], []),
    ("period", {"period": {"zz": ZZ}}, "seed", ["inspection:/$defs/period"], []),
    ("finding", {"facts": {"2a": {"zz": ZZ}}}, "seed", ["inspection:/$defs/finding"], []),
    ("a list's finding or case", {"facts": {"6a": [{"zz": ZZ}]}}, "seed",
     ["inspection:/$defs/listFinding", "inspection:/$defs/listCase"], []),
    ("peer", {"peers": {"rank": {"zz": ZZ}}}, "peers", ["inspection:/$defs/peer"], []),
]

# The engine refuses each; the schema cannot tell. schemas/README.md names
# exactly these (check.py compares).
LONG_CHINESE_ID = "细" * 22  # 22 characters, 66 bytes of UTF-8

GAPS = [
    ("duplicate id", R, edit(BASE, RULE + ".id", "I"), "invalid-rubric", None),
    ("total not the sum of the indicators", R, edit(BASE, "total", "20"), "invalid-rubric", None),
    ("id longer than 64 bytes", R, edit(BASE, RULE + ".id", LONG_CHINESE_ID), "invalid", None),
    ("exclusive group names an unknown rule", R, edit(SHAPES, "exclusive.0.rules.1", "99z"),
     "invalid-rubric", None),
    ("rule in two exclusive groups", R,
     edit(SHAPES, "exclusive", [{"rules": ["10a", "10b"], "keep": "first"}, {"rules": ["10a", "9a"], "keep": "first"}]),
     "invalid-rubric", None),
    ("unbounded band not last", R,
     rubric(bands({"score": "0"}, {"at_least": "2", "score": "1"})), "invalid-rubric", None),
    ("band bounds out of order", R,
     rubric(bands({"at_least": "1", "score": "1"}, {"at_least": "2", "score": "2"}, {"score": "0"})),
     "invalid-rubric", None),
    ("knot values not increasing", R,
     rubric(knots({"value": "100", "score": "10"}, {"value": "90", "score": "0"}), rounding=ROUNDING),
     "invalid-rubric", None),
    ("unbounded grade not last", R,
     edit(edit(CARD, "grades.0.at_least", DELETE), "grades.3.at_least", "0"), "invalid-rubric", None),
    ("grade bounds not decreasing", R, edit(CARD, "grades.1.at_least", "95"), "invalid-rubric", None),
    ("grade label twice", R, edit(CARD, "grades.1.label", "优秀"), "invalid-rubric", None),
    ("rating option twice", R, rubric(options({"option": "优", "score": "1"}, {"option": "优", "score": "0"})),
     "invalid-rubric", None),
    ("multiplier name twice", R,
     edit(SHAPES, "indicators.1.items.1.rules.0.penalty.multipliers",
          [{"name": "m", "factor": "2"}, {"name": "m", "factor": "3"}]), "invalid-rubric", None),
    ("table award above the item's points", R,
     rubric(bands({"at_least": "1", "score": "11"}, {"score": "0"})), "invalid-rubric", None),
    ("range min above max", R, rubric(rule(trigger=COUNT, penalty={"kind": "range", "min": "3", "max": "2"})),
     "invalid-rubric", None),
    ("linear cutoff on the wrong side of target", R,
     edit(SHAPES, "indicators.0.items.0.rules.0.penalty.cutoff", "95"), "invalid-rubric", None),
    ("multipliers times amounts beyond 6 places", R,
     rubric(rule(trigger=COUNT, penalty={"kind": "escalating", "amounts": ["0.001"],
                                         "multipliers": [{"name": "m", "factor": "0.0001"}]})),
     "invalid-rubric", None),
    ("decimal beyond 96 bits", R,
     rubric(rule(trigger={"kind": "threshold", "min": "1" * 30, "measure": "amount"})), "invalid", None),
    ("points beyond 96 bits with trailing zeros", R, total("999999999.99999900000000000000"), "invalid", None),
    ("points as a JSON number with 7 places", R, total(0.0000001), "invalid", None),
    ("JSON number no decimal holds", R,
     json.dumps(BASE).replace('"total": "10"', '"total": 1e-40').encode(), "invalid", None),
    ("JSON number compared as a binary float", R,
     json.dumps(rubric(rule(trigger={"kind": "threshold", "min": "X", "measure": "ratio"})))
     .replace('"X"', "1.0000000000000001").encode(), "invalid-rubric", None),
    ("integer written 2.0", R, rubric(rule(trigger={"kind": "cadence", "every": "year", "at_least": 2.0})),
     "invalid", None),
    ("field given twice", R, json.dumps(BASE).replace('"title": "t"', '"title": "t", "title": "u"').encode(),
     "invalid", None),
    ("input larger than 16 MiB", R, edit(BASE, "title", "x" * (16 * 1024 * 1024)), "limit", None),
    # Inspections: what depends on the rubric, or compares two fields.
    ("fact for an unknown rule", I, {"facts": {"7z": 1}}, "unknown-rule", "seed"),
    ("fact given twice", I, b'{"facts": {"2a": true, "2a": false}}', "invalid", "seed"),
    ("fact of the wrong type", I, {"facts": {"7a": ["2026-01-05"]}}, "wrong-fact-type", "seed"),
    ("negative count", I, {"facts": {"6b": -2}}, "out-of-domain", "seed"),
    ("count above 2^64 - 1", I, {"facts": {"6b": 18446744073709551616}}, "out-of-domain", "seed"),
    ("ratio of 96", I, {"facts": {"12a": 96}}, "out-of-domain", "seed"),
    ("unknown rating option", I, {"facts": {"5a": "特优"}}, "invalid-fact", "shapes"),
    ("amount for a rule with fixed deductions", I, {"facts": {"9a": [{"note": "x", "amount": "1"}]}},
     "invalid-fact", "shapes"),
    ("exemption ground the rule does not list", I, {"facts": {"9a": [{"note": "x", "exempt": "其他"}]}},
     "invalid-fact", "shapes"),
    ("count that is not whole", I, {"facts": {"6b": 2.5}}, "out-of-domain", "seed"),
    ("discretionary finding without an amount", I, {"facts": {"6a": [{"note": "x"}]}}, "invalid-fact", "shapes"),
    ("amount outside the rule's range", I, {"facts": {"6a": [{"note": "x", "amount": "11"}]}},
     "invalid-fact", "shapes"),
    ("multiplier the rule does not declare", I, {"facts": {"7a": [{"note": "x", "multiplier": "其他"}]}},
     "invalid-fact", "shapes"),
    ("case with a start for a rule without a time limit", I,
     {"period": SEED_PERIOD, "facts": {"3a": [{"start": "2026-03-02"}]}}, "invalid-case", "seed"),
    ("peer rank above of", I, {"facts": {"rank": 3}, "peers": {"rank": {"rank": 5, "of": 4}}},
     "invalid-fact", "peers"),
    ("peers for a rule that reads none", I, {"peers": {"2a": {"mean": "1"}}}, "invalid-fact", "seed"),
    ("peers for an unknown rule", I, {"peers": {"7z": {"mean": "1"}}}, "unknown-rule", "seed"),
    ("peer rule without its statistic", I, {"facts": {"below": "90"}}, "missing-context", "peers"),
    ("inspection for another rubric", I, {"rubric": "another"}, "rubric-mismatch", "seed"),
    ("period ending before it starts", I, {"period": {"from": "2026-12-31", "to": "2026-01-01"}},
     "invalid", "seed"),
    ("date rule without a period", I, {"facts": {"1a": ["2026-01-05"]}}, "missing-context", "seed"),
    ("year the calendar does not know", I,
     {"period": SEED_PERIOD, "facts": {"7a": [{"start": "2026-12-20", "done": "2027-01-29"}]}},
     "calendar", "seed"),
    ("not applicable where the rubric allows none", I, {"not_applicable": {"2": "x"}}, "not-applicable", "seed"),
    ("not applicable for an unknown id", I, {"not_applicable": {"Z9": "x"}}, "not-applicable", "card"),
    ("not applicable with a fact too", I, {"not_applicable": {"b2": "x"}, "facts": {"b2": True}},
     "not-applicable", "card"),
    ("JSON number no decimal holds, as a fact", I, b'{"facts": {"12a": 1e400}}', "invalid", "seed"),
]

# The engine's load accepts each; the schema refuses it on purpose.
# schemas/README.md names exactly these (check.py compares).
STRICTER = [
    ("a number for a penalty's text", R,
     json.dumps(rubric(options({"option": "x", "score": "1"}))).replace('"option": "x"', '"option": 2.50').encode(),
     None, None),
    ("an example whose inspection the engine would refuse", R,
     dict(BASE, examples=[{"name": "e", "inspection": {"facts": {"a": [{}]}}}]), None, None),
]

# Both accept these; the schema must not be stricter than the engine.
ACCEPTED = [
    ("decimal: 1. (a string)", R, total("10."), None, None),
    ("decimal: .5 (a string)", R, rubric(rule(penalty={"kind": "flat", "points": ".5"})), None, None),
    ("decimal: leading zeros (a string)", R, total("010"), None, None),
    ("decimal: plus sign (a string)", R, total("+10"), None, None),
    ("points: -0", R, rubric(rule(penalty={"kind": "flat", "points": "-0"})), None, None),
    ("points: trailing zeros past 6 places", R, rubric(rule(penalty={"kind": "flat", "points": "1.50000000"})),
     None, None),
    ("points: 10^9", R, total("1000000000.000"), None, None),
    ("points: JSON numbers", R, total(10), None, None),
    ("points: JSON number with an exponent", R,
     json.dumps(BASE).replace('"total": "10"', '"total": 1E+1').encode(), None, None),
    ("points: JSON number with a fraction", R, rubric(rule(penalty={"kind": "flat", "points": 0.25})), None, None),
    ("points: 28 decimal places of zeros", R, total("1." + "0" * 28), None, None),
    ("floor: -0 and -10^9", R, edit(dict(BASE, floor="-0"), ITEM + ".floor", "-1000000000"), None, None),
    ("id: Chinese, 21 characters", R, edit(BASE, RULE + ".id", "细" * 21), None, None),
    ("id: 64 ASCII characters", R, edit(BASE, "id", "x" * 64), None, None),
    ("id: punctuation", R, edit(BASE, RULE + ".id", "11-2.a_b/第一"), None, None),
    ("rubric: optional fields null", R,
     dict(BASE, rounding=None, not_applicable=None, floor=None, penalties=None, bonus=None), None, None),
    ("rubric: no indicators, total 0", R, {"id": "r", "title": "", "total": "0", "indicators": []}, None, None),
    ("indicator: neither items nor indicators", R,
     {"id": "r", "title": "t", "total": "1", "indicators": [{"id": "G", "name": "g", "points": "1"}]}, None, None),
    ("indicator: items null beside indicators", R,
     edit(nested(2), "indicators.0.items", None), None, None),
    ("indicators 16 levels deep", R, nested(16), None, None),
    ("trigger: other kinds' fields null", R,
     rubric(rule(trigger={"kind": "flag", "min": None, "within": None, "after": None, "action": None,
                          "every": None, "measure": None, "at_least": None, "short": None})), None, None),
    ("deadline: within 0 and 3660 days", R,
     rubric(rule(trigger={"kind": "deadline", "within": {"days": 0}}),
            rule(id="b", trigger={"kind": "deadline", "within": {"working_days": 3660, "days": None}})), None, None),
    ("cadence: at_least 4294967295", R,
     rubric(rule(trigger={"kind": "cadence", "every": "month", "at_least": 4294967295, "short": "occurrence"})),
     None, None),
    ("threshold: count min 2^64 - 1", R,
     rubric(rule(trigger={"kind": "threshold", "min": "18446744073709551615.000", "measure": "count"})), None, None),
    ("threshold: ratio min 1.0 and -0", R,
     rubric(rule(trigger={"kind": "threshold", "min": "1.0", "measure": "ratio"}),
            rule(id="b", trigger={"kind": "threshold", "min": "-0", "measure": "ratio"})), None, None),
    ("band: award null beside the other", R,
     rubric(bands({"at_least": "1", "deduct": None, "score": "1"}, {"at_least": None, "score": "0"})), None, None),
    ("bands: at_most, best first", R,
     rubric(bands({"at_most": "1", "score": "10"}, {"at_most": "2", "score": "5"}, {"score": "0"})), None, None),
    ("rating: a numeric option", R, rubric(options({"option": "1.5", "score": "1"}, {"option": "%良", "score": "0"})),
     None, None),
    ("veto: card with a grade only", R, edit(CARD, "indicators.0.items.0.rules.1.veto",
                                             {"scope": "card", "grade": "不合格", "score": None}), None, None),
    ("veto: item with null score and grade", R,
     edit(CARD, "indicators.2.items.0.rules.0.veto", {"scope": "item", "score": None, "grade": None}), None, None),
    ("gate: the other bound null", R, edit(CARD, "bonus.gate", {"above": None, "at_least": "80"}), None, None),
    ("grades: none", R, dict(BASE, grades=[]), None, None),
    ("example: scores and deductions", R,
     dict(BASE, examples=[{"name": "e", "inspection": {"facts": {"a": True}}, "score": "9", "deductions": {"a": 1}}]),
     None, None),
    ("rubric: a byte-order mark", R, b"\xef\xbb\xbf" + json.dumps(BASE).encode(), None, None),
    ("peer rules: a place by bands, a mean by flat", R, PEERS, None, None),
    ("peer: a place by interpolate and linear, in the count domain", R,
     rubric(rule(trigger=PEER_RANK, penalty={"kind": "interpolate", "knots": [
         {"value": "1", "score": "10"}, {"value": "10", "score": "0"}]}),
            rule(id="b", trigger={"kind": "peer", "measure": "ratio", "compare": "rank_ascending"},
                 penalty={"kind": "linear", "direction": "above", "target": "1", "step": "1", "points": "1",
                          "partial": "whole", "cutoff": "5"}), rounding=ROUNDING), None, None),
    ("peer: a mean by capped and escalating", R,
     rubric(rule(trigger=PEER_MEAN, penalty={"kind": "capped", "points": "1", "cap": "2"}),
            rule(id="b", trigger={"kind": "peer", "measure": "amount", "compare": "above_mean"},
                 penalty={"kind": "escalating", "amounts": ["1"]})), None, None),
    # Inspections.
    ("inspection: empty", I, {}, None, "seed"),
    ("peers: a rank and a mean", I, {"facts": {"rank": 3, "below": "90"},
                                     "peers": {"rank": {"rank": 2, "of": 6}, "below": {"mean": "92.5"}}},
     None, "peers"),
    ("peers: nulls and a JSON number", I, {"facts": {"rank": 1, "below": 90},
                                           "peers": {"rank": {"rank": 1, "of": None, "mean": None},
                                                     "below": {"mean": 95, "rank": None}}},
     None, "peers"),
    ("inspection: nulls", I, {"rubric": None, "period": None, "as_of": None, "facts": {"2a": False}}, None, "seed"),
    ("date: 29 February 2024 and 2000", I, {"as_of": "2024-02-29", "period": {"from": "2000-02-29",
                                                                               "to": "2024-02-29"}}, None, "seed"),
    ("fact: a single finding", I, {"facts": {"2a": {"note": "x", "amount": None, "multiplier": None,
                                                     "exempt": None}}}, None, "seed"),
    ("fact: an empty object is one finding", I, {"facts": {"2a": {}}}, None, "seed"),
    ("fact: measured as a JSON number", I, {"facts": {"12a": 0.5, "2a": True}}, None, "seed"),
    ("fact: a percentage", I, {"facts": {"12a": "96.5%"}}, None, "seed"),
    ("fact: a decimal string 1.", I, {"facts": {"12a": "1."}}, None, "seed"),
    ("fact: a JSON number with an exponent", I, b'{"facts": {"3a": 8.5e1}}', None, "shapes"),
    ("fact: a rating", I, {"facts": {"5a": "良"}}, None, "shapes"),
    ("fact: an empty list", I, {"facts": {"6b": []}}, None, "seed"),
    ("fact: findings with marks", I,
     {"facts": {"6a": [{"note": "x", "amount": "3"}, {"amount": 4, "note": None}]}}, None, "shapes"),
    ("fact: exempt findings", I,
     {"facts": {"9a": [{"exempt": "涉及国家秘密依法不予公开"}, {"note": None, "exempt": "涉及商业秘密依法不予公开"}]}},
     None, "shapes"),
    ("fact: a finding with a multiplier", I, {"facts": {"7a": [{"note": "x", "multiplier": "经催办后仍未落实"}]}},
     None, "shapes"),
    ("cases: null dates and marks", I,
     {"period": SEED_PERIOD, "facts": {"7a": [{"start": "2026-03-02", "due": None, "done": None, "note": None,
                                               "exempt": None, "amount": None, "multiplier": None}]}},
     None, "seed"),
    ("not_applicable: a reason", I, {"not_applicable": {"B2": "无对外服务职能"}}, None, "card"),
]

ALL = {"refused": REFUSED, "gaps": GAPS, "stricter": STRICTER, "accepted": ACCEPTED}
