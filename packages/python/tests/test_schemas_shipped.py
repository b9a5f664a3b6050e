"""The JSON Schemas of the repository's schemas/ ship in the package as
ducha/schemas/*.json, byte for byte, readable with importlib.resources."""

from __future__ import annotations

import importlib.resources
import json
import pathlib

import ducha


def test_every_schema_ships_in_the_package_byte_for_byte(repo: pathlib.Path) -> None:
    expected = sorted(p.name for p in (repo / "schemas").glob("*.json"))
    assert len(expected) >= 5, expected
    shipped = importlib.resources.files("ducha") / "schemas"
    assert shipped.is_dir(), f"no schemas folder in {pathlib.Path(ducha.__file__).parent}"
    assert sorted(p.name for p in shipped.iterdir() if p.name.endswith(".json")) == expected
    for name in expected:
        assert (shipped / name).read_bytes() == (repo / "schemas" / name).read_bytes(), name


def test_a_schema_loads_as_the_readme_shows() -> None:
    path = importlib.resources.files("ducha") / "schemas" / "rubric.schema.json"
    schema = json.loads(path.read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
