"""Writes the JSON Schemas of ducha's JSON contract into schemas/.

    python3 tools/schemas/generate.py            # (re)write schemas/*.schema.json
    python3 tools/schemas/generate.py --check    # exit 1 if a file differs

The schemas are generated rather than written by hand because their string
patterns (decimals within a range, calendar dates, ids) are composed from
smaller ones; check.py tests them against the engine itself. Edit this file,
not the .json files.
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "schemas"
BASE = "https://docs.rs/crate/ducha/latest/source/schemas/"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# --- string patterns ---------------------------------------------------------
#
# ECMA-262 syntax, kept to what Python's `re` reads alike: ASCII classes
# ([0-9], never \d, which matches other scripts' digits in Python), no
# lookbehind. Every pattern is anchored by `anchored`: `(?!\n)$` rather than
# `$`, because in Python `$` also matches before a final newline, so `"1\n"`
# would pass `^[0-9]+$`.


def anchored(p):
    return "^(?:" + p + ")(?!\\n)$"


# Rust's `char::is_whitespace` (Unicode White_Space) and `char::is_control`
# (category Cc): what an id may not contain and what `trim` removes.
WHITE_SPACE = "\\u0009-\\u000D\\u0020\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"
ID_EXCLUDED = "\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"
ID = anchored("[^" + ID_EXCLUDED + "]+")
NOT_BLANK = "[^" + WHITE_SPACE + "]"  # unanchored: some character that `trim` keeps


def uint_le(bound):
    """A decimal integer without leading zeros, at most `bound` (a string)."""
    n = len(bound)
    alts = ["0"]
    if n > 1:
        alts.append("[1-9][0-9]{0,%d}" % (n - 2) if n > 2 else "[1-9]")
    for i, c in enumerate(bound):
        lo, hi = (1 if i == 0 else 0), int(c) - 1
        if hi >= lo:
            digit = str(lo) if lo == hi else "[%d-%d]" % (lo, hi)
            rest = n - i - 1
            alts.append(bound[:i] + digit + ("[0-9]{%d}" % rest if rest else ""))
    alts.append(bound)
    return "(?:" + "|".join(alts) + ")"


# A plain decimal as `Decimal::from_str_exact` reads it after ducha's check
# that only digits, `.`, `+` and `-` occur: an optional sign, digits with at
# most one point, at least one digit, at most 28 digits after the point
# (`1.`, `.5`, `01` and `+1` included). What no pattern says: the digits must
# fit 96 bits (at most 28 or 29 significant digits).
FRAC28 = "(?:\\.[0-9]{0,28})"
DECIMAL_BODY = "(?:[0-9]+" + FRAC28 + "?|\\.[0-9]{1,28})"
DECIMAL = "[+-]?" + DECIMAL_BODY
ZERO_BODY = "(?:0+(?:\\.0{0,28})?|\\.0{1,28})"
ZERO = "[+-]?" + ZERO_BODY
# Points: 0 to 10^9 with at most 6 decimal places once trailing zeros go.
FRAC6 = "(?:\\.[0-9]{0,6}0{0,22})"
POINTS_BODY = ("(?:0*[1-9][0-9]{0,8}" + FRAC6 + "?|0+" + FRAC6 + "?|\\.[0-9]{1,6}0{0,22}"
               "|0*1000000000(?:\\.0{0,28})?)")
POINTS = "\\+?" + POINTS_BODY + "|-" + ZERO_BODY
FLOOR = ZERO + "|-" + POINTS_BODY  # 0 or below, at least -10^9, 6 places
NONZERO_FRAC = "\\.(?=[0-9]{0,27}[1-9])[0-9]{1,28}"
POSITIVE = "\\+?(?:0*[1-9][0-9]*" + FRAC28 + "?|0*" + NONZERO_FRAC + ")"
FACTOR = "\\+?(?:0*[1-9][0-9]?" + FRAC28 + "?|0*" + NONZERO_FRAC + "|0*100(?:\\.0{0,28})?)"
RATIO = ZERO + "|\\+?(?:0*\\.[0-9]{1,28}|0+" + FRAC28 + "?|0*1(?:\\.0{0,28})?)"
PERCENT = ZERO + "|\\+?(?:0*[0-9]{1,2}" + FRAC28 + "?|0*\\.[0-9]{1,28}|0*100(?:\\.0{0,28})?)"
U64_MAX = "18446744073709551615"
WHOLE = ZERO + "|\\+?0*" + uint_le(U64_MAX) + "(?:\\.0{0,28})?"
# A string fact: a measured value, a percentage, or a rating's option (a
# string that cannot begin a number and does not end with `%`).
RATING = "[^0-9+.\\-%]|[^0-9+.\\-][\\s\\S]*[^%]"
STRING_FACT = DECIMAL + "|" + DECIMAL + "%|" + RATING
# A rating option's name: not empty; one that begins like a number is one.
OPTION_NAME = "[^0-9+.\\-][\\s\\S]*|" + DECIMAL

# YYYY-MM-DD, a real day of the proleptic Gregorian calendar (0000-9999).
LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE = ("[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
        "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
        "|" + LEAP_YEAR + "-02-29")

# A decimal as the engine writes it: no `+`, no leading or trailing zeros,
# no `-0`.
OUT_DECIMAL = "0|-?[1-9][0-9]*(?:\\.[0-9]*[1-9])?|-?0\\.[0-9]*[1-9]"


def string(pattern, **extra):
    return {"type": "string", "pattern": anchored(pattern), **extra}


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def number_or_string(pattern, description, **bounds):
    """A decimal: a string matching `pattern`, or a JSON number in bounds."""
    return {
        "description": description,
        "anyOf": [string(pattern), {"type": "number", **bounds}],
    }


def ref(name):
    return {"$ref": "#/$defs/" + name}


def closed(properties, required=(), **extra):
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    schema["additionalProperties"] = False
    schema.update(extra)
    return schema


def present(*names):
    """Each of `names` is given and not null."""
    return {"required": list(names),
            "properties": {n: {"not": {"type": "null"}} for n in names}}


def absent_or_null(*names):
    return {"properties": {n: {"type": "null"} for n in names}}


def has(field, element):
    """An object whose array `field` has an element matching `element`."""
    return {"type": "object", "required": [field],
            "properties": {field: {"type": "array", "contains": element}}}


def kind_is(kind):
    return {"properties": {"kind": {"const": kind}}, "required": ["kind"]}


def kinds_are(kinds):
    return {"properties": {"kind": {"enum": list(kinds)}}, "required": ["kind"]}


# --- shared definitions ------------------------------------------------------

COMMON = {
    "id": {
        "description": "An id: 1 to 64 bytes of UTF-8 without white space or control characters. "
                       "The schema bounds it to 64 characters; the 64-byte limit is the engine's.",
        "type": "string", "minLength": 1, "maxLength": 64, "pattern": ID,
    },
    "date": {
        "description": "A date written exactly YYYY-MM-DD, a day that exists.",
        "type": "string", "format": "date", "pattern": anchored(DATE),
    },
    "decimal": number_or_string(DECIMAL, "An exact decimal: a plain decimal string (\"2.5\") or a JSON number."),
}

MEASURE_VALUES = {
    "ratio": number_or_string(RATIO, "A ratio: 0 to 1.", minimum=0, maximum=1),
    "percent": number_or_string(PERCENT, "A percentage: 0 to 100.", minimum=0, maximum=100),
    "count": number_or_string(WHOLE, "A whole number: 0 to 18446744073709551615.",
                              minimum=0, maximum=18446744073709551615, multipleOf=1),
    "amount": ref("decimal"),
}


def rubric_schema():
    defs = dict(COMMON)
    defs.update({
        "points": number_or_string(
            POINTS, "Points: 0 to 1000000000, at most 6 decimal places (trailing zeros aside).",
            minimum=0, maximum=1000000000),
        "floor": number_or_string(
            FLOOR, "The lowest score a node may reach: 0 or below, at least -1000000000, at most 6 decimal places.",
            minimum=-1000000000, maximum=0),
        "positive": number_or_string(POSITIVE, "A decimal above 0.", exclusiveMinimum=0),
        "factor": number_or_string(FACTOR, "A multiplier's factor: above 0, at most 100.",
                                   exclusiveMinimum=0, maximum=100),
        "notBlank": {"type": "string", "pattern": NOT_BLANK},
        "measure": {"enum": ["ratio", "percent", "count", "amount"]},
        "ratio": MEASURE_VALUES["ratio"],
        "percent": MEASURE_VALUES["percent"],
        "count": MEASURE_VALUES["count"],
        "days": {"type": "integer", "minimum": 0, "maximum": 3660},
        "within": {
            "description": "A deadline's time limit: exactly one of working_days or days, at most 3660.",
            "type": "object",
            "properties": {"working_days": nullable(ref("days")), "days": nullable(ref("days"))},
            "additionalProperties": False,
            "oneOf": [present("working_days"), present("days")],
        },
        "trigger": trigger_schema(),
        "award": {
            "description": "A table entry gives exactly one of deduct or score (absent and null are alike).",
            "oneOf": [present("deduct"), present("score")],
        },
        "band": closed({
            "at_least": nullable(ref("decimal")), "at_most": nullable(ref("decimal")),
            "deduct": nullable(ref("points")), "score": nullable(ref("points")),
        }, allOf=[ref("award"), {"not": present("at_least", "at_most")}]),
        "knot": closed({
            "value": ref("decimal"), "deduct": nullable(ref("points")), "score": nullable(ref("points")),
        }, required=["value"], allOf=[ref("award")]),
        "ratingOption": closed({
            "option": string(OPTION_NAME),
            "deduct": nullable(ref("points")), "score": nullable(ref("points")),
        }, required=["option"], allOf=[ref("award")]),
        "multiplier": closed({"name": {"type": "string"}, "factor": ref("factor")}, required=["name", "factor"]),
        "penalty": penalty_schema(),
        "veto": closed({
            "scope": {"enum": ["item", "indicator", "card"]},
            "score": nullable(ref("points")),
            "grade": nullable({"type": "string"}),
        }, required=["scope"], allOf=[
            {"if": {"properties": {"scope": {"const": "card"}}},
             "then": {"anyOf": [present("score"), present("grade")],
                      "properties": {"grade": nullable(ref("notBlank"))}},
             "else": absent_or_null("score", "grade")},
        ]),
        "rule": rule_schema(),
        "outsideRule": {
            "description": "A rule of the bonus or penalty section: no veto.",
            "allOf": [ref("rule"), absent_or_null("veto")],
        },
        "item": item_schema("rule"),
        "outsideItem": item_schema("outsideRule"),
        "rounding": closed({
            "places": {"type": "integer", "minimum": 0, "maximum": 6},
            "mode": {"enum": ["half_up", "half_even", "down", "up"]},
        }, required=["places", "mode"]),
        "exclusive": closed({
            "rules": {"type": "array", "items": ref("id"), "minItems": 2, "uniqueItems": True},
            "keep": {"enum": ["largest", "first"]},
        }, required=["rules", "keep"]),
        "grade": closed({"at_least": nullable(ref("decimal")), "label": ref("notBlank")}, required=["label"]),
        "grades": {
            "description": "Best first; exactly one grade without at_least (the last: the engine checks the order).",
            "type": "array", "items": ref("grade"),
            "if": {"minItems": 1},
            "then": {"contains": absent_or_null("at_least"), "minContains": 1, "maxContains": 1},
        },
        "gate": closed({"above": nullable(ref("decimal")), "at_least": nullable(ref("decimal"))},
                       oneOf=[present("above"), present("at_least")]),
        "bonus": closed({
            "id": ref("id"), "name": {"type": "string"}, "cap": ref("points"),
            "gate": nullable(ref("gate")),
            "items": {"type": "array", "items": ref("outsideItem")},
        }, required=["id", "name", "cap", "items"]),
        "penalties": closed({
            "id": ref("id"), "name": {"type": "string"}, "cap": nullable(ref("points")),
            "items": {"type": "array", "items": ref("outsideItem")},
        }, required=["id", "name", "items"]),
        "example": closed({
            "name": {"type": "string"},
            "inspection": {"$ref": "inspection.schema.json"},
            "score": nullable(ref("points")),
            "deductions": {"type": "object", "propertyNames": ref("id"), "additionalProperties": ref("points")},
        }, required=["name", "inspection"]),
        # A rule that divides, somewhere: then the rubric needs `rounding`.
        # (Each level says its type: `required` and `contains` pass values of other types.)
        "dividingPenalty": {"type": "object", "anyOf": [
            kinds_are(["proportional", "interpolate"]),
            {"required": ["kind", "partial"],
             "properties": {"kind": {"const": "linear"}, "partial": {"const": "exact"}}}]},
        "dividingItem": has("rules", {"type": "object", "required": ["penalty"],
                                      "properties": {"penalty": ref("dividingPenalty")}}),
        "dividingIndicator": {"anyOf": [has("items", ref("dividingItem")),
                                        has("indicators", ref("dividingIndicator")),
                                        {"required": ["not_applicable"],
                                         "properties": {"not_applicable": {"enum": ["rescale", "redistribute"]}}}]},
        "naPolicy": {"enum": ["full", "rescale", "redistribute"],
                     "description": "What an item marked not applicable means for the items below the node "
                                    "that declares it (the nearest declaration governs): full marks, "
                                    "rescaling the node, or its points redistributed over its siblings."},
    })
    for depth in range(1, MAX_DEPTH + 1):
        defs["indicator%d" % depth] = indicator_schema(depth)
    return {
        "$schema": DRAFT,
        "$id": BASE + "rubric.schema.json",
        "title": "ducha rubric",
        "description": "A rubric (督查细则) as ducha::json::Engine::load reads it: indicators, items, rules. "
                       "The engine also checks what a schema cannot say; see schemas/README.md.",
        "type": "object",
        "properties": {
            "id": ref("id"),
            "title": {"type": "string"},
            "version": {"type": "string"},
            "in_force": nullable(closed({"from": ref("date"), "to": nullable(ref("date"))}, required=["from"],
                                        description="The dates the version is in force; `to` not before "
                                                    "`from` (the engine checks).")),
            "total": ref("points"),
            "indicators": {"type": "array", "items": ref("indicator1")},
            "rounding": nullable(ref("rounding")),
            "exclusive": {"type": "array", "items": ref("exclusive")},
            "not_applicable": nullable(ref("naPolicy")),
            "floor": nullable(ref("floor")),
            "penalties": nullable(ref("penalties")),
            "bonus": nullable(ref("bonus")),
            "grades": ref("grades"),
            "examples": {"type": "array", "items": ref("example")},
        },
        "required": ["id", "title", "total", "indicators"],
        "additionalProperties": False,
        "if": {"anyOf": [
            {"required": ["not_applicable"],
             "properties": {"not_applicable": {"enum": ["rescale", "redistribute"]}}},
            has("indicators", ref("dividingIndicator")),
            {"required": ["bonus"], "properties": {"bonus": has("items", ref("dividingItem"))}},
            {"required": ["penalties"], "properties": {"penalties": has("items", ref("dividingItem"))}},
        ]},
        "then": {"description": "A rule that divides (proportional, interpolate, linear with partial exact) "
                                "or not_applicable rescale needs the rubric's rounding.",
                 **present("rounding")},
        "$defs": defs,
    }


MAX_DEPTH = 16  # ducha::Rubric::MAX_DEPTH


def indicator_schema(depth):
    children = ({"type": "array", "items": ref("indicator%d" % (depth + 1))} if depth < MAX_DEPTH
                else {"type": "array", "maxItems": 0,
                      "description": "Indicators nest at most 16 levels deep."})
    return closed({
        "id": ref("id"), "name": {"type": "string"}, "points": ref("points"),
        "weight": nullable(dict(ref("points"), description=(
            "What the indicator counts for in its parent (折算): its score ÷ its points × weight. "
            "Its parent's points are then the sum of its children's weights; a weight other than "
            "its points divides, so the rubric must declare a rounding (the engine checks)."))),
        "floor": nullable(ref("floor")),
        "not_applicable": nullable(ref("naPolicy")),
        "indicators": nullable(children),
        "items": nullable({"type": "array", "items": ref("item")}),
    }, required=["id", "name", "points"],
       description="An indicator at nesting level %d: items or finer indicators, not both." % depth,
       **{"not": present("indicators", "items")})


def item_schema(rule):
    return closed({
        "id": ref("id"), "serial": {"type": "string"}, "points": ref("points"),
        "requirement": {"type": "string"}, "standard": {"type": "string"},
        "rules": {"type": "array", "items": ref(rule)},
        "floor": nullable(ref("floor")),
        "earn": {"type": "boolean"},
    }, required=["id", "serial", "points", "requirement", "rules"])


TRIGGER_FIELDS = ["min", "within", "after", "action", "every", "measure", "at_least", "short", "compare"]
TRIGGER_KINDS = {
    # kind: (fields it takes, fields it needs)
    "flag": ([], []),
    "count": ([], []),
    "threshold": (["min", "measure"], ["min", "measure"]),
    "deadline": (["within", "after", "action"], []),
    "cadence": (["every", "at_least", "short"], ["every"]),
    "measured": (["measure"], ["measure"]),
    "rating": ([], []),
    "peer": (["measure", "compare"], ["measure", "compare"]),
}
PEER_MEAN = ["above_mean", "below_mean"]  # one breach: priced as a count is
PEER_RANK = ["rank", "rank_ascending"]    # a place: priced by a value penalty, in the count domain


def trigger_schema():
    conditions = []
    for kind, (takes, needs) in TRIGGER_KINDS.items():
        then = {}
        others = [f for f in TRIGGER_FIELDS if f not in takes]
        if others:
            then.update(absent_or_null(*others))
        if needs:
            then = {"allOf": [then, present(*needs)]} if then else present(*needs)
        conditions.append({"if": kind_is(kind), "then": then})
    for measure in ["ratio", "percent", "count"]:
        conditions.append({
            "if": {"required": ["kind", "measure"],
                   "properties": {"kind": {"const": "threshold"}, "measure": {"const": measure}}},
            "then": {"properties": {"min": ref(measure)}},
        })
    return {
        "description": "What a rule reads, tagged by kind; each kind takes only its own fields "
                       "(the others may only be null).",
        "type": "object",
        "properties": {
            "kind": {"enum": list(TRIGGER_KINDS)},
            "min": nullable(ref("decimal")),
            "within": nullable(ref("within")),
            "after": nullable({"type": "string"}),
            "action": nullable({"type": "string"}),
            "every": nullable({"enum": ["month", "quarter", "half_year", "year"]}),
            "measure": nullable(ref("measure")),
            "at_least": nullable({"type": "integer", "minimum": 1, "maximum": 4294967295}),
            "short": nullable({"enum": ["period", "occurrence"]}),
            "compare": nullable({"enum": PEER_MEAN + PEER_RANK}),
        },
        "required": ["kind"],
        "additionalProperties": False,
        "allOf": conditions,
    }


def penalty_schema():
    points, cap = ref("points"), nullable(ref("points"))
    kinds = {
        "flat": ({"points": points}, ["points"]),
        "per_occurrence": ({"points": points}, ["points"]),
        "capped": ({"points": points, "cap": points}, ["points", "cap"]),
        "escalating": ({"amounts": {"type": "array", "items": points, "minItems": 1},
                        "multipliers": {"type": "array", "items": ref("multiplier")},
                        "cap": cap}, ["amounts"]),
        "range": ({"min": points, "max": points, "cap": cap}, ["min", "max"]),
        "linear": ({"direction": {"enum": ["below", "above"]}, "target": ref("decimal"),
                    "step": ref("positive"), "points": points,
                    "partial": {"enum": ["whole", "started", "exact"]},
                    "cap": cap, "cutoff": nullable(ref("decimal"))},
                   ["direction", "target", "step", "points", "partial"]),
        "proportional": ({"target": ref("positive"), "points": points}, ["target", "points"]),
        "bands": ({"bands": {
            "description": "Best first, all at_least or all at_most; exactly one band without a bound "
                           "(the last: the engine checks the order).",
            "type": "array", "items": ref("band"), "minItems": 2,
            "contains": absent_or_null("at_least", "at_most"), "minContains": 1, "maxContains": 1,
            "anyOf": [{"items": absent_or_null("at_most")}, {"items": absent_or_null("at_least")}],
        }}, ["bands"]),
        "interpolate": ({"knots": {
            "description": "At least two knots, all deductions or all scores (by increasing value: the engine checks).",
            "type": "array", "items": ref("knot"), "minItems": 2,
            "anyOf": [{"items": present("deduct")}, {"items": present("score")}],
        }}, ["knots"]),
        "rating": ({"options": {"type": "array", "items": ref("ratingOption"), "minItems": 1}}, ["options"]),
    }
    return {
        "description": "What a rule's breaches cost, tagged by kind; each kind takes exactly its own fields.",
        "type": "object",
        "properties": {"kind": {"enum": list(kinds)}},
        "required": ["kind"],
        "allOf": [
            {"if": kind_is(kind),
             "then": closed({"kind": {"const": kind}, **props}, required=["kind", *required])}
            for kind, (props, required) in kinds.items()
        ],
    }


COUNTING_TRIGGERS = ["flag", "count", "threshold", "deadline", "cadence"]


def peer(compares):
    return {"required": ["kind", "compare"],
            "properties": {"kind": {"const": "peer"}, "compare": {"enum": compares}}}


def in_domain(measure):
    """A value penalty's bounds in `measure`'s domain."""
    value, maybe = ref(measure), nullable(ref(measure))
    return {"properties": {"penalty": {"properties": {
        "target": value, "cutoff": maybe,
        "bands": {"items": {"properties": {"at_least": maybe, "at_most": maybe}}},
        "knots": {"items": {"properties": {"value": value}}},
    }}}}


def rule_schema():
    counting = {"anyOf": [kinds_are(COUNTING_TRIGGERS), peer(PEER_MEAN)]}
    valued = {"anyOf": [kinds_are(["measured"]), peer(PEER_RANK)]}
    pairs = [
        (["flat", "per_occurrence", "capped", "escalating"], counting),
        (["range"], kinds_are(["flag", "count"])),
        (["linear", "proportional", "bands", "interpolate"], valued),
        (["rating"], kinds_are(["rating"])),
    ]
    conditions = [
        {"if": {"required": ["penalty"], "properties": {"penalty": kinds_are(penalties)}},
         "then": {"properties": {"trigger": triggers}}}
        for penalties, triggers in pairs
    ]
    for measure in ["ratio", "percent", "count"]:
        conditions.append({
            "if": {"required": ["trigger"], "properties": {"trigger": {
                "required": ["kind", "measure"],
                "properties": {"kind": {"const": "measured"}, "measure": {"const": measure}}}}},
            "then": in_domain(measure),
        })
    # A place (1, 2, …) is priced as a count, whatever the trigger measures.
    conditions.append({"if": {"required": ["trigger"], "properties": {"trigger": peer(PEER_RANK)}},
                       "then": in_domain("count")})
    return closed({
        "id": ref("id"), "label": {"type": "string"}, "text": {"type": "string"},
        "unit": {"type": "string"},
        "trigger": ref("trigger"), "penalty": ref("penalty"),
        "exemptions": {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True},
        "veto": nullable(ref("veto")),
    }, required=["id", "label", "text", "trigger", "penalty"],
       description="One clause of a scoring standard: a trigger and a penalty that can price it "
                   "(a measured value's bounds in its measure's domain, a peer place's in a count's).",
       allOf=conditions)


def inspection_schema():
    defs = dict(COMMON)
    optional_text = nullable({"type": "string"})
    optional_decimal = nullable(ref("decimal"))
    defs.update({
        "period": closed({"from": ref("date"), "to": ref("date")}, required=["from", "to"],
                         description="The assessment window; `to` not before `from` (the engine checks)."),
        "finding": closed({
            "note": {"type": "string"}, "amount": optional_decimal,
            "multiplier": optional_text, "exempt": optional_text,
        }, description="One finding, the fact itself: {\"note\"} with optional marks; {} is a finding too."),
        "listFinding": closed({
            "note": optional_text, "amount": optional_decimal,
            "multiplier": optional_text, "exempt": optional_text,
        }, description="A finding in a list: no start, due or done key, and something set "
                       "(an object with none of these is a case).",
           anyOf=[present("note"), present("exempt"), present("amount"), present("multiplier")]),
        "listCase": closed({
            "start": nullable(ref("date")), "due": nullable(ref("date")), "done": nullable(ref("date")),
            "note": optional_text, "exempt": optional_text,
            "amount": {"type": "null"}, "multiplier": {"type": "null"},
        }, description="A deadline case: a start or a due date (not both), no amount or multiplier.",
           oneOf=[present("start"), present("due")]),
        "peer": closed({
            "mean": optional_decimal,
            "rank": nullable({"type": "integer", "minimum": 1, "maximum": 18446744073709551615}),
            "of": nullable({"type": "integer", "minimum": 0, "maximum": 18446744073709551615}),
        }, description="A peer rule's statistic, given outside a batch: {\"mean\"} or {\"rank\", \"of\"}; "
                       "the rank from 1 (not above `of`: the engine checks)."),
        "fact": {
            "description": "A fact: a flag, a count or measured value (JSON number), a decimal, "
                           "a percentage (\"96%\"), a rating's option, one finding, or a list of "
                           "dates, findings or cases (not mixed). Which of these a rule reads is "
                           "the rubric's to say.",
            "anyOf": [
                {"type": "boolean"},
                {"type": "number"},
                string(STRING_FACT),
                ref("finding"),
                {"type": "array", "anyOf": [
                    {"items": ref("date")}, {"items": ref("listFinding")}, {"items": ref("listCase")},
                ]},
            ],
        },
    })
    return {
        "$schema": DRAFT,
        "$id": BASE + "inspection.schema.json",
        "title": "ducha inspection",
        "description": "An inspection: facts by rule id, for any rubric. Which rule ids exist and "
                       "which fact each reads is checked against the rubric by the engine.",
        "type": "object",
        "properties": {
            "rubric": nullable(ref("id")),
            "period": nullable(ref("period")),
            "as_of": nullable(ref("date")),
            "facts": {"type": "object", "propertyNames": ref("id"), "additionalProperties": ref("fact")},
            "not_applicable": {"type": "object", "propertyNames": ref("id"),
                               "additionalProperties": {"type": "string"}},
            "peers": {"type": "object", "propertyNames": ref("id"), "additionalProperties": ref("peer")},
        },
        "additionalProperties": False,
        "$defs": defs,
    }


def scorecard_schema():
    dec = ref("amount")
    count = {"type": "integer", "minimum": 0, "maximum": 18446744073709551615}
    text = {"type": "string"}
    defs = {
        "id": COMMON["id"],
        "date": COMMON["date"],
        "amount": string(OUT_DECIMAL, description="A decimal as the engine writes it: \"97.5\", no trailing zeros."),
        "limit": {
            "oneOf": [
                {"type": "null"},
                closed({"kind": {"const": "cap"}, "cap": dec}, required=["kind", "cap"]),
                closed({"kind": {"const": "node"}, "id": ref("id"), "points": dec}, required=["kind", "id", "points"]),
                closed({"kind": {"const": "exclusive"}, "kept": ref("id")}, required=["kind", "kept"]),
            ],
        },
        "rule": closed({
            "id": ref("id"), "assessed": {"type": "boolean"}, "applicable": {"const": False},
            "breaches": count, "pending": count, "exempt": count,
            "raw": dec, "deducted": dec, "rounded": {"const": True},
            "limited_by": ref("limit"), "reason": text,
        }, required=["id", "assessed", "breaches", "raw", "deducted", "limited_by", "reason"]),
        "item": closed({
            "id": ref("id"), "serial": text, "points": dec, "deducted": dec, "score": dec,
            "reason": text, "applicable": {"const": False}, "received": dec,
            "rules": {"type": "array", "items": ref("rule")},
        }, required=["id", "serial", "points", "deducted", "score", "reason", "rules"]),
        "rescaled": closed({"applicable": dec, "earned": dec}, required=["applicable", "earned"],
                           description="How items not applicable rescaled a node: its applicable points "
                                       "and the points earned of them."),
        "indicator": closed({
            "id": ref("id"), "name": text, "points": dec, "deducted": dec, "score": dec,
            "weight": dec, "weighted": dec, "rounded": {"const": True}, "rescaled": ref("rescaled"),
            "indicators": {"type": "array", "items": ref("indicator")},
            "items": {"type": "array", "items": ref("item")},
        }, required=["id", "name", "points", "deducted", "score"],
           dependentRequired={"weight": ["weighted"], "weighted": ["weight"], "rounded": ["weighted"]},
           oneOf=[{"required": ["indicators"]}, {"required": ["items"]}]),
        "bonusItem": closed({
            "id": ref("id"), "serial": text, "points": dec, "credited": dec, "reason": text,
            "rules": {"type": "array", "items": ref("rule")},
        }, required=["id", "serial", "points", "credited", "reason", "rules"]),
        "bonus": closed({
            "id": ref("id"), "name": text, "cap": dec, "credited": dec, "counted": dec, "reason": text,
            "items": {"type": "array", "items": ref("bonusItem")},
        }, required=["id", "name", "cap", "credited", "counted", "reason", "items"]),
        "penalties": closed({
            "id": ref("id"), "name": text, "cap": dec, "deducted": dec,
            "items": {"type": "array", "items": ref("item")},
        }, required=["id", "name", "deducted", "items"]),
        "veto": closed({
            "rule": ref("id"), "scope": {"enum": ["item", "indicator", "card"]}, "node": ref("id"),
            "before": dec, "score": dec, "grade": text,
        }, required=["rule", "scope", "node", "before"]),
    }
    return {
        "$schema": DRAFT,
        "$id": BASE + "scorecard.schema.json",
        "title": "ducha scorecard",
        "description": "A scorecard as ducha::json::Engine::evaluate writes it: the rubric's tree "
                       "with points, deductions, scores and reasons.",
        "type": "object",
        "properties": {
            "rubric": ref("id"), "version": text,
            "period": closed({"from": ref("date"), "to": ref("date")}, required=["from", "to"]),
            "as_of": ref("date"), "ducha": text,
            "points": dec, "deducted": dec, "score": dec,
            "grade": text, "base": dec, "vetoed": dec,
            "vetoes": {"type": "array", "items": ref("veto"), "minItems": 1},
            "rescaled": ref("rescaled"),
            "indicators": {"type": "array", "items": ref("indicator")},
            "bonus": ref("bonus"),
            "penalties": ref("penalties"),
        },
        "required": ["rubric", "points", "deducted", "score", "indicators"],
        "additionalProperties": False,
        "$defs": defs,
    }


ERROR_CODES = {
    # code: (path, id): "never", "may" or "always" present
    "syntax": ("never", "never"),
    "utf8": ("never", "never"),
    "null-pointer": ("never", "never"),
    "internal": ("never", "never"),
    "limit": ("never", "never"),
    "invalid": ("may", "never"),
    "invalid-rubric": ("never", "may"),
    "rubric-mismatch": ("never", "always"),
    "unknown-rule": ("never", "always"),
    "wrong-fact-type": ("never", "always"),
    "missing-context": ("never", "always"),
    "calendar": ("never", "always"),
    "invalid-case": ("never", "always"),
    "out-of-domain": ("never", "always"),
    "overflow": ("never", "always"),
    "invalid-fact": ("never", "always"),
    "not-applicable": ("never", "always"),
    "version": ("may", "always"),
}


def error_schema():
    conditions = []
    for presence in ["never", "always"]:
        for field, position in [("path", 0), ("id", 1)]:
            codes = [c for c, p in ERROR_CODES.items() if p[position] == presence]
            if not codes:
                continue
            rule = {"required": [field]} if presence == "always" else {"not": {"required": [field]}}
            conditions.append({"if": {"properties": {"code": {"enum": codes}}}, "then": rule})
    return {
        "$schema": DRAFT,
        "$id": BASE + "error.schema.json",
        "title": "ducha error",
        "description": "An error of the JSON surface or the C ABI: a stable code, a message for "
                       "people, where in the input (path) and what it concerns (id) when they apply.",
        "type": "object",
        "properties": {
            "error": closed({
                "code": {"enum": list(ERROR_CODES)},
                "message": {"type": "string"},
                "path": {"type": "string", "minLength": 1},
                "id": {"type": "string", "minLength": 1},
            }, required=["code", "message"], allOf=conditions),
        },
        "required": ["error"],
        "additionalProperties": False,
    }


DIAGNOSTIC_CODES = ["duplicate-serial", "serial-gap", "exceeds-points", "cap-below-amount",
                    "unbounded-rule", "points-mismatch", "empty-text", "unreachable-band",
                    "unused-exemptions", "unreachable-bonus", "unreachable-grade",
                    "na-without-policy"]


def diagnostics_schema():
    return {
        "$schema": DRAFT,
        "$id": BASE + "diagnostics.schema.json",
        "title": "ducha diagnostics",
        "description": "A rubric's diagnostics (ducha::json::validate, Engine::diagnostics, "
                       "ducha_diagnostics): what is valid but probably not meant.",
        "type": "object",
        "properties": {
            "diagnostics": {"type": "array", "items": closed({
                "code": {"enum": DIAGNOSTIC_CODES},
                "id": COMMON["id"],
                "message": {"type": "string"},
            }, required=["code", "id", "message"])},
        },
        "required": ["diagnostics"],
        "additionalProperties": False,
    }


SCHEMAS = {
    "rubric.schema.json": rubric_schema,
    "inspection.schema.json": inspection_schema,
    "scorecard.schema.json": scorecard_schema,
    "error.schema.json": error_schema,
    "diagnostics.schema.json": diagnostics_schema,
}


def render(make):
    return json.dumps(make(), ensure_ascii=False, indent=2) + "\n"


def main(argv):
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    stale = []
    for name, make in SCHEMAS.items():
        path = OUT / name
        text = render(make)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            OUT.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("FAIL: schemas/ differs from what tools/schemas/generate.py writes: " + ", ".join(stale))
        print("Edit tools/schemas/generate.py and rerun `python3 tools/schemas/generate.py`.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
