"""The per-rubric inspection schema (every conformance inspection fits its
rubric's schema; wrong forms do not) and batches through the package."""

from __future__ import annotations

import json
import pathlib
from decimal import Decimal
from typing import Any

import pytest

import ducha

jsonschema = pytest.importorskip("jsonschema")


def _engine(case: pathlib.Path) -> ducha.Engine:
    rubric = case / "rubric.json"
    return ducha.Engine(rubric.read_bytes()) if rubric.exists() else ducha.Engine.seed()


def _cases(repo: pathlib.Path) -> list[pathlib.Path]:
    return sorted(p for p in (repo / "tests" / "conformance").iterdir() if (p / "inspection.json").exists())


def test_every_scored_conformance_inspection_fits_its_rubrics_schema(repo: pathlib.Path) -> None:
    checked = 0
    for case in _cases(repo):
        expected = json.loads((case / "expected.json").read_bytes())
        if "error" in expected:
            continue
        schema = _engine(case).inspection_schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        inspection = json.loads((case / "inspection.json").read_bytes())
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(inspection))
        assert not errors, f"{case.name}: {errors[0].message} at {list(errors[0].absolute_path)}"
        checked += 1
    assert checked >= 8


@pytest.mark.parametrize(
    "facts",
    [
        {"7z": 1},  # no such rule
        {"2b": 1},  # a flag rule given a count
        {"6b": -1},  # a negative count
        {"12a": "96"},  # a ratio's string that is not a number …
        {"12a": 96},  # … and a number outside 0 to 1
        {"1a": ["2026-13"]},  # not a date
        {"7a": [{"start": "2026-05-08", "when": "x"}]},  # an unknown case field
        {"8a": [{}]},  # an empty object is a case, not a finding
    ],
)
def test_the_seed_schema_refuses_what_the_engine_refuses(facts: Any) -> None:
    seed = ducha.Engine.seed()
    inspection = {"facts": facts}
    with pytest.raises(ducha.DuchaError):
        seed.evaluate(json.dumps(inspection))
    errors = list(jsonschema.Draft202012Validator(seed.inspection_schema()).iter_errors(inspection))
    assert errors, f"the schema accepts {facts}"


def test_a_rating_rules_schema_lists_its_options(repo: pathlib.Path) -> None:
    schema = _engine(repo / "tests" / "conformance" / "shapes").inspection_schema()
    ratings = [
        rule
        for rule in schema["properties"]["facts"]["properties"].values()
        if rule["x-ducha"]["trigger"] == "rating"
    ]
    assert ratings and all(rule["enum"] for rule in ratings)


def test_the_schema_is_the_same_bytes_each_time() -> None:
    seed = ducha.Engine.seed()
    assert seed.inspection_schema_json() == seed.inspection_schema_json()


def test_a_batch_ranks_and_keeps_failures_apart(repo: pathlib.Path) -> None:
    seed = ducha.Engine.seed()
    sample = json.loads((repo / "examples" / "data" / "yuxi-sample.json").read_bytes())
    report = seed.evaluate_batch(
        {
            "rank_incomplete": True,
            "assessees": [
                {"id": "s", "name": "样例", "inspection": sample},
                {"id": "x", "inspection": {"facts": {"7z": 1}}},
                {"id": "c", "inspection": {"facts": {}}},
            ],
        }
    )
    places = [(r["rank"], r["id"], r["score"]) for r in report["ranking"]]
    assert places == [(1, "c", "100"), (2, "s", "69.5")]
    assert report["failed"] == [{"id": "x", "name": "x", "code": "unknown-rule"}]
    card = ducha.Scorecard.from_dict(report["entries"][0]["scorecard"])
    assert card.score == Decimal("69.5")
    assert card.to_json() == seed.evaluate_json(sample)
    with pytest.raises(ducha.InvalidInputError):
        seed.evaluate_batch({"assessees": [{"id": "a", "inspection": {}}, {"id": "a", "inspection": {}}]})


def _version(version: str, in_force: Any, points: str) -> Any:
    return {
        "id": "r",
        "title": "某局细则",
        "version": version,
        "in_force": in_force,
        "total": "5",
        "indicators": [
            {
                "id": "G",
                "name": "领导重视",
                "points": "5",
                "items": [
                    {
                        "id": "1",
                        "serial": "1",
                        "points": "5",
                        "requirement": "明确联络员",
                        "rules": [
                            {
                                "id": "1a",
                                "label": "未明确日常联络员",
                                "text": "",
                                "trigger": {"kind": "flag"},
                                "penalty": {"kind": "flat", "points": points},
                            }
                        ],
                    }
                ],
            }
        ],
    }


def test_versions_are_picked_by_date_and_named_in_the_scorecard() -> None:
    engine = ducha.Engine(_version("2025版", {"from": "2025-01-01", "to": "2025-12-31"}, "2"))
    engine.add_version(_version("2026版", {"from": "2026-01-01"}, "2.5"))
    card = engine.evaluate({"as_of": "2026-06-30", "facts": {"1a": True}})
    assert (card.version, card.as_of, card.score, card.ducha) == (
        "2026版",
        "2026-06-30",
        Decimal("2.5"),
        ducha.CORE_VERSION,
    )
    card = engine.evaluate({"period": {"from": "2025-01-01", "to": "2025-12-31"}, "facts": {"1a": True}})
    assert (card.version, card.period, card.score) == ("2025版", ("2025-01-01", "2025-12-31"), Decimal("3"))
    with pytest.raises(ducha.VersionError) as raised:
        engine.evaluate({"period": {"from": "2025-07-01", "to": "2026-06-30"}, "facts": {}})
    assert raised.value.id == "r"
    with pytest.raises(ducha.InvalidRubricError):
        engine.add_version(_version("2026版", {"from": "2027-01-01"}, "1"))
