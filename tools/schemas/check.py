"""Checks the JSON Schemas in schemas/ against the engine.

    python3 tools/schemas/check.py --library LIBDUCHA_FFI [--seed SEED.json] [--fuzz N]

Needs the `jsonschema` package (tools/schemas/ci.sh installs it into a fresh
virtual environment) and the C ABI's dynamic library (`cargo build -p
ducha-ffi`), which it calls through ctypes. SEED.json is the seed rubric as
`cargo run --example score -- --dump` writes it.

1. The schemas are what generate.py writes, and valid draft 2020-12 schemas.
2. Every document the project ships validates: the conformance cases (their
   rubrics, inspections, expected scorecards and errors), the golden files,
   the example data, the dumped seed rubric, each rubric as the engine
   writes it back, each rubric's diagnostics, each example's scorecard.
3. The fields the engine reads in each kind of object (named in its error
   for an unknown field) are the schema's properties there.
   cases.REFUSED: the engine refuses each (with the code named) and so does
   the schema. cases.GAPS: the engine refuses each, the schema accepts it,
   and schemas/README.md lists exactly these. cases.ACCEPTED: both accept.
   Every error and scorecard the engine writes on the way validates too.
4. Mutants of the shipped documents (a fixed seed): none that the engine
   accepts may the schema refuse.

Prints each failure and ends with `N passed, M failed`; exits 1 on any
failure.
"""

import argparse
import copy
import json
import pathlib
import random
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the work tree
HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

import cases  # noqa: E402
import ffi  # noqa: E402
import generate  # noqa: E402

try:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
except ImportError:  # pragma: no cover
    sys.exit("check.py needs the `jsonschema` package: pip install jsonschema")

SCHEMAS = ROOT / "schemas"
CONFORMANCE = ROOT / "tests" / "conformance"


class Checker:
    def __init__(self):
        self.passed = 0
        self.failures = []

    def ok(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failures.append(what)
            print("FAIL: " + what)
        return condition


def load_validators(check):
    schemas = {}
    for name in generate.SCHEMAS:
        path = SCHEMAS / name
        schemas[name] = json.loads(path.read_text(encoding="utf-8"))
        check.ok(path.read_text(encoding="utf-8") == generate.render(generate.SCHEMAS[name]),
                 f"schemas/{name} differs from what tools/schemas/generate.py writes")
    for name, schema in schemas.items():
        check.ok(schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema",
                 f"{name}: $schema is not draft 2020-12")
        errors = list(Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(schema))
        check.ok(not errors, f"{name}: not a valid draft 2020-12 schema: "
                             + "; ".join(e.message[:200] for e in errors[:3]))
        check.ok(schema.get("$id") == generate.BASE + name, f"{name}: $id is not {generate.BASE + name}")
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return {name.split(".")[0]: Draft202012Validator(s, registry=registry) for name, s in schemas.items()}


def parse(document):
    """The JSON value of a case's document, or None if it is not JSON."""
    if isinstance(document, bytes):
        try:
            return json.loads(document)
        except ValueError:
            return None
    return document


def wire(document):
    return document if isinstance(document, bytes) else json.dumps(document, ensure_ascii=False).encode()


def errors_of(validator, value):
    return sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))


def describe(errors):
    return "; ".join("/".join(str(p) for p in e.absolute_path) + ": " + e.message[:160] for e in errors[:2])


class Engines:
    """The engines cases are evaluated against, and the engine's answers."""

    def __init__(self, library, validators, check):
        self.library = library
        self.validators = validators
        self.check = check
        self.rubrics = {
            "seed": library.seed(),
            "shapes": library.load((CONFORMANCE / "shapes" / "rubric.json").read_bytes()),
            "card": library.load((CONFORMANCE / "card-outcomes" / "rubric.json").read_bytes()),
            "peers": library.load(json.dumps(cases.PEERS).encode()),
        }

    def answer(self, schema, document, context):
        """(accepted, output JSON text) of the engine for a case."""
        if schema == "rubric":
            return self.library.validate(wire(document))
        return self.rubrics[context].evaluate(wire(document))

    def output_valid(self, accepted, text, schema, where):
        """The engine's output validates: a scorecard or diagnostics, or an error."""
        kind = ("diagnostics" if schema == "rubric" else "scorecard") if accepted else "error"
        errors = errors_of(self.validators[kind], json.loads(text))
        self.check.ok(not errors, f"{where}: the engine's {kind} does not validate: {describe(errors)}")


def check_case_lists(check, validators, engines):
    for name, schema, document, code, context in cases.REFUSED:
        where = f"refused `{name}`"
        accepted, text = engines.answer(schema, document, context)
        got = None if accepted else json.loads(text)["error"]["code"]
        check.ok(got == code, f"{where}: the engine gives {got or 'no error'}, not `{code}`: {text[:200]}")
        if not accepted:
            engines.output_valid(accepted, text, schema, where)
        value = parse(document)
        if value is None:
            check.ok(code == "syntax", f"{where}: not JSON, but the engine's code is `{code}`")
            continue
        check.ok(not validators[schema].is_valid(value), f"{where}: the {schema} schema accepts it")

    for name, schema, document, code, context in cases.GAPS:
        where = f"gap `{name}`"
        accepted, text = engines.answer(schema, document, context)
        got = None if accepted else json.loads(text)["error"]["code"]
        check.ok(got == code, f"{where}: the engine gives {got or 'no error'}, not `{code}`: {text[:200]}")
        if not accepted:
            engines.output_valid(accepted, text, schema, where)
        value = parse(document)
        errors = [] if value is None else errors_of(validators[schema], value)
        check.ok(value is not None and not errors,
                 f"{where}: the {schema} schema refuses it now ({describe(errors) or 'not JSON'}): "
                 "move it to cases.REFUSED and out of schemas/README.md")

    for name, schema, document, _, context in cases.STRICTER:
        where = f"stricter `{name}`"
        accepted, text = engines.answer(schema, document, context)
        check.ok(accepted, f"{where}: the engine refuses it now ({text[:200]}): move it to cases.REFUSED "
                           "and out of schemas/README.md")
        value = parse(document)
        check.ok(value is not None and not validators[schema].is_valid(value),
                 f"{where}: the {schema} schema accepts it")
        check.ok(known_stricter(schema, value, validators, engines) == name,
                 f"{where}: the mutant check does not recognise it")

    for name, schema, document, _, context in cases.ACCEPTED:
        where = f"accepted `{name}`"
        accepted, text = engines.answer(schema, document, context)
        check.ok(accepted, f"{where}: the engine refuses it: {text[:200]}")
        if accepted:
            engines.output_valid(accepted, text, schema, where)
        errors = errors_of(validators[schema], parse(document))
        check.ok(not errors, f"{where}: the {schema} schema refuses it: {describe(errors)}")

    names = [c[0] for group in cases.ALL.values() for c in group]
    repeats = sorted({n for n in names if names.count(n) > 1})
    check.ok(not repeats, f"case names used twice: {repeats}")
    check.ok(len(cases.REFUSED) >= 30, f"only {len(cases.REFUSED)} refused inputs; the brief asks for 30 or more")


def properties_at(validators, pointer):
    """The `properties` names at `[schema:]pointer` (default schema: rubric)."""
    schema, _, pointer = pointer.rpartition(":") if ":" in pointer else ("rubric", "", pointer)
    node = validators[schema].schema
    for part in [p for p in pointer.split("/") if p]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return set(node.get("properties", {}))


def check_field_sets(check, validators, engines):
    """The fields the engine reads in each object are the schema's."""
    for what, document, context, pointers, unlisted in cases.FIELD_SETS:
        accepted, text = engines.answer("inspection" if context else "rubric", document, context)
        message = "" if accepted else json.loads(text)["error"]["message"]
        match = re.search(r"unknown field `zz`, (?:expected (.*?)|there are no fields)(?: at line \d+|$)", message)
        if not check.ok(match, f"fields of {what}: the engine does not name its fields for an unknown one: "
                               f"{text[:200]}"):
            continue
        engine = set(re.findall(r"`([^`]*)`", match.group(1) or "")) | set(unlisted)
        schema = set().union(*(properties_at(validators, p) for p in pointers))
        check.ok(engine == schema,
                 f"fields of {what}: the engine reads {sorted(engine - schema)} which the schema does not know, "
                 f"the schema allows {sorted(schema - engine)} which the engine does not read")


def documented(table):
    """(name, code) of each row of a table in schemas/README.md, between
    `<!-- TABLE:start -->` and `<!-- TABLE:end -->`."""
    text = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    match = re.search(f"<!-- {table}:start -->(.*?)<!-- {table}:end -->", text, re.S)
    if not match:
        return None
    rows = []
    for line in match.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0] and not set(cells[0]) <= set("-: ") and cells[0] != "input":
            rows.append((cells[0], cells[1].strip("`")))
    return rows


def check_documented(check):
    for table, listed in [("gaps", cases.GAPS), ("stricter", cases.STRICTER)]:
        rows = documented(table)
        if not check.ok(rows is not None,
                        f"schemas/README.md has no {table} table (<!-- {table}:start --> … <!-- {table}:end -->)"):
            continue
        names = [(name, code or "accepted") for name, _, _, code, _ in listed]
        missing = [r for r in names if r not in rows]
        extra = [r for r in rows if r not in names]
        check.ok(not missing and not extra,
                 f"schemas/README.md's {table} table differs from tools/schemas/cases.py's {table.upper()}: "
                 f"not in the README {missing}, not in cases.py {extra}")
        check.ok(len(rows) == len(set(rows)), f"schemas/README.md lists a row of {table} twice")


def check_corpus(check, validators, library, seed_path):
    def valid(kind, value, where):
        errors = errors_of(validators[kind], value)
        check.ok(not errors, f"{where}: not a valid {kind}: {describe(errors)}")

    def rubric_outputs(engine, where):
        valid("rubric", json.loads(engine.rubric_json()), where + " as the engine writes it")
        valid("diagnostics", json.loads(engine.diagnostics()), where + "'s diagnostics")

    seed = library.seed()
    rubric_outputs(seed, "the seed rubric")
    case_dirs = sorted(p for p in CONFORMANCE.iterdir() if (p / "inspection.json").exists())
    check.ok(case_dirs, "no conformance cases found")
    for case in case_dirs:
        where = f"conformance {case.name}"
        rubric_path = case / "rubric.json"
        engine = seed
        if rubric_path.exists():
            valid("rubric", json.loads(rubric_path.read_text(encoding="utf-8")), where + "/rubric.json")
            engine = library.load(rubric_path.read_bytes())
            rubric_outputs(engine, where + "/rubric.json")
            ok, text = library.validate(rubric_path.read_bytes())
            check.ok(ok, where + ": ducha_validate refuses the rubric")
            valid("diagnostics", json.loads(text), where + "/rubric.json's diagnostics (ducha_validate)")
        inspection = (case / "inspection.json").read_bytes()
        if not check.ok((case / "expected.json").exists(), where + " has no expected.json"):
            continue
        expected_text = (case / "expected.json").read_text(encoding="utf-8")
        accepted, out = engine.evaluate(inspection)
        check.ok(out + "\n" == expected_text, where + ": the library's output differs from expected.json")
        expected = json.loads(expected_text)
        if "scorecard" in expected or "error" not in expected:
            valid("scorecard", expected.get("scorecard", expected), where + "/expected.json")
            valid("inspection", json.loads(inspection), where + "/inspection.json")
            continue
        valid("error", expected, where + "/expected.json")
        code = expected["error"]["code"]
        try:
            value = json.loads(inspection)
        except ValueError:
            check.ok(code == "syntax", f"{where}: inspection.json is not JSON, but the code is `{code}`")
            continue
        refused = not validators["inspection"].is_valid(value)
        # `invalid` is the engine's reading of the JSON: the schema refuses
        # it too. The other codes depend on the rubric (a gap of the generic
        # schema, listed in cases.GAPS).
        check.ok(refused == (code == "invalid"),
                 f"{where}: the inspection schema {'refuses' if refused else 'accepts'} an inspection "
                 f"the engine refuses with `{code}`")
        if engine is not seed:
            engine.close()

    for path in sorted((ROOT / "tests" / "golden").glob("*.json")):
        kind = "scorecard" if path.name.endswith(".scorecard.json") else "inspection"
        valid(kind, json.loads(path.read_text(encoding="utf-8")), f"tests/golden/{path.name}")
    for path in sorted((ROOT / "examples" / "data").glob("*.json")):
        value = json.loads(path.read_text(encoding="utf-8"))
        valid("inspection", value, f"examples/data/{path.name}")
        accepted, out = seed.evaluate(path.read_bytes())
        check.ok(accepted, f"examples/data/{path.name}: the seed refuses it")
        valid("scorecard", json.loads(out), f"examples/data/{path.name}'s scorecard")

    # Every example rubric (examples/*.json), its diagnostics, and its worked
    # examples' inspections and scorecards.
    for school in sorted((ROOT / "examples").glob("*.json")):
        name = f"examples/{school.name}"
        value = json.loads(school.read_text(encoding="utf-8"))
        valid("rubric", value, name)
        ok, text = library.validate(school.read_bytes())
        check.ok(ok, f"{name}: the engine refuses it")
        valid("diagnostics", json.loads(text), f"{name}'s diagnostics")
        with library.load(school.read_bytes()) as engine:
            rubric_outputs(engine, name)
            for example in value.get("examples", []):
                where = f"{name} example `{example['name']}`"
                valid("inspection", example["inspection"], where)
                accepted, out = engine.evaluate(json.dumps(example["inspection"], ensure_ascii=False).encode())
                check.ok(accepted, where + ": the engine refuses its inspection")
                valid("scorecard" if accepted else "error", json.loads(out), where + "'s scorecard")

    if seed_path:
        text = pathlib.Path(seed_path).read_text(encoding="utf-8")
        valid("rubric", json.loads(text), "the dumped seed rubric (score --dump)")
        ok, diagnostics = library.validate(text.encode())
        check.ok(ok, "the dumped seed rubric: the engine refuses it")
        valid("diagnostics", json.loads(diagnostics), "the dumped seed rubric's diagnostics")


# --- mutants -----------------------------------------------------------------

POOL = [None, True, False, 0, 1, -1, 2, 2.5, 3661, "", "0", "1", "-1", "1.5", "0.5", "96%", "1e3", "a b",
        "x", "7a", "2026-01-01", "2026-02-30", "flag", "count", "ratio", "card", "item", "exact", "peer", "rank",
        "below_mean", {"rank": 1}, {"mean": "1"}, [], [1],
        ["2026-01-05"], [{"note": "x"}], {}, {"note": "x"}, {"start": "2026-01-01"}, {"days": 1}]


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, prefix + (i,))


def mutate(value, rng):
    value = copy.deepcopy(value)
    children = list(paths(value))[1:]
    if not children:
        value[rng.choice(["facts", "period", "as_of", "rubric", "not_applicable", "foo"])] = rng.choice(POOL)
        return value
    path = rng.choice(children)
    parent = value
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    move = rng.randrange(6)
    if move == 0 and isinstance(parent, dict):
        del parent[key]
    elif move == 1 and isinstance(parent, dict):
        parent[rng.choice(["foo", "kind", "points", "min", "cap", "score", "deduct", "at_least", "note",
                           "start", "due", "amount", "veto", "floor", "within", "measure", "compare", "peers",
                           "rank", "mean"])] = rng.choice(POOL)
    elif move == 2 and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    else:
        parent[key] = copy.deepcopy(rng.choice(POOL))
    return value


def penalty_texts_as_strings(value):
    """`value` with each number given as a rating option's or a multiplier's
    name turned into text, as the engine reads it (serde buffers an
    internally tagged enum's fields, and ducha's reader hands a number with a
    fraction or an exponent over as its decimal text)."""
    value = copy.deepcopy(value)

    def walk(node, in_penalty):
        if isinstance(node, dict):
            for key, child in node.items():
                if in_penalty and key in ("option", "name") and isinstance(child, float):
                    node[key] = str(child)
                else:
                    walk(child, in_penalty or key == "penalty")
        elif isinstance(node, list):
            for child in node:
                walk(child, in_penalty)

    walk(value, False)
    return value


def known_stricter(schema, value, validators, engines):
    """The name of the cases.STRICTER entry that explains why the schema
    refuses `value` which the engine accepts, or None."""
    if schema != "rubric" or not isinstance(value, dict):
        return None
    texts = penalty_texts_as_strings(value)
    if texts != value and validators[schema].is_valid(texts):
        return "a number for a penalty's text"
    examples = value.get("examples")
    if isinstance(examples, list) and examples:
        bare = dict(value, examples=[dict(e, inspection={}) if isinstance(e, dict) else e for e in examples])
        if validators[schema].is_valid(bare):
            try:
                engine = engines.library.load(wire(value))
            except ffi.LoadError:
                return None
            with engine:
                refused = all(not engine.evaluate(wire(e["inspection"]))[0] for e in examples
                              if not validators["inspection"].is_valid(e["inspection"]))
            if refused:
                return "an example whose inspection the engine would refuse"
    return None


def check_mutants(check, validators, engines, count):
    rng = random.Random(20260101)
    rubrics = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CONFORMANCE.glob("*/rubric.json"))]
    rubrics.append(json.loads((ROOT / "examples" / "school_safety.json").read_text(encoding="utf-8")))
    rubrics.append(json.loads(engines.rubrics["seed"].rubric_json()))
    rubrics.append(cases.PEERS)
    contexts = {"shapes": "shapes", "error-invalid-fact": "shapes", "card-outcomes": "card", "card-veto": "card"}
    inspections = []
    for path in sorted(CONFORMANCE.glob("*/inspection.json")):
        context = contexts.get(path.parent.name, None if (path.parent / "rubric.json").exists() else "seed")
        value = parse(path.read_bytes())
        if context and isinstance(value, dict):
            inspections.append((value, context))
    inspections.append((json.loads((ROOT / "examples" / "data" / "yuxi-sample.json").read_bytes()), "seed"))
    inspections.append(({"facts": {"rank": 3, "below": "90"},
                         "peers": {"rank": {"rank": 2, "of": 6}, "below": {"mean": "92.5"}}}, "peers"))
    gaps = {}
    explained = {}
    stricter = 0
    for n in range(count):
        if n % 2 == 0:
            schema, context = "rubric", None
            value = mutate(rng.choice(rubrics), rng)
        else:
            schema = "inspection"
            value, context = rng.choice(inspections)
            value = mutate(value, rng)
        accepted, text = engines.answer(schema, value, context)
        valid = validators[schema].is_valid(value)
        if accepted and not valid:
            known = known_stricter(schema, value, validators, engines)
            if known:
                explained[known] = explained.get(known, 0) + 1
                continue
            stricter += 1
            errors = errors_of(validators[schema], value)
            check.ok(False, f"mutant {n}: the engine accepts, the {schema} schema refuses: {describe(errors)}\n"
                            f"  {json.dumps(value, ensure_ascii=False)[:600]}")
        elif not accepted and valid:
            code = json.loads(text)["error"]["code"]
            gaps[(schema, code)] = gaps.get((schema, code), 0) + 1
    check.ok(stricter == 0, f"{stricter} of {count} mutants: the schema is stricter than the engine")
    summary = ", ".join(f"{s} {c}: {k}" for (s, c), k in sorted(gaps.items())) or "none"
    print(f"mutants: {count}; the engine refused and the schema accepted (gaps, by code): {summary}")
    summary = ", ".join(f"{name}: {k}" for name, k in sorted(explained.items())) or "none"
    print(f"mutants: the engine accepted and the schema refused on purpose (cases.STRICTER): {summary}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--library", required=True, help="the ducha-ffi dynamic library")
    parser.add_argument("--seed", help="the seed rubric as `score --dump` writes it")
    parser.add_argument("--fuzz", type=int, default=600, help="mutants to try (default 600)")
    args = parser.parse_args()

    check = Checker()
    validators = load_validators(check)
    library = ffi.Library(args.library)
    print(f"ducha {library.version()} through ctypes; jsonschema draft 2020-12")
    engines = Engines(library, validators, check)
    check_corpus(check, validators, library, args.seed)
    check_case_lists(check, validators, engines)
    check_field_sets(check, validators, engines)
    check_documented(check)
    check_mutants(check, validators, engines, args.fuzz)
    print(f"cases: {len(cases.REFUSED)} refused by both, {len(cases.GAPS)} documented gaps, "
          f"{len(cases.STRICTER)} documented stricter, {len(cases.ACCEPTED)} accepted by both")
    print(f"{check.passed} passed, {len(check.failures)} failed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
