"""Shared fixtures: the repository's conformance cases and sample, and a
check that the package under test is the installed one."""

from __future__ import annotations

import json
import os
import pathlib
import sys
from typing import Callable, List, Tuple

import pytest

import ducha

#: The repository root: `DUCHA_REPO`, or three levels above this folder
#: (packages/python/tests).
REPO = pathlib.Path(os.environ.get("DUCHA_REPO") or pathlib.Path(__file__).resolve().parents[3])
SOURCE = REPO / "packages" / "python" / "python"
CONFORMANCE = REPO / "tests" / "conformance"
SAMPLE = REPO / "examples" / "data" / "yuxi-sample.json"


def conformance_cases() -> List[pathlib.Path]:
    """Every case folder (one with an inspection.json), sorted by name."""
    return sorted(p for p in CONFORMANCE.iterdir() if (p / "inspection.json").is_file())


def pytest_report_header(config: pytest.Config) -> str:
    return f"ducha {ducha.__version__} (core {ducha.CORE_VERSION}) from {pathlib.Path(ducha.__file__).parent}"


def pytest_configure(config: pytest.Config) -> None:
    # CI sets DUCHA_TEST_INSTALLED=1: the tests must run against the wheel
    # installed in the environment, never the source tree.
    if os.environ.get("DUCHA_TEST_INSTALLED") == "1":
        where = pathlib.Path(ducha.__file__).resolve()
        if SOURCE.resolve() in where.parents:
            raise pytest.UsageError(f"ducha imported from the source tree ({where}), not the installed wheel")
        if pathlib.Path(sys.prefix).resolve() not in where.parents:
            raise pytest.UsageError(f"ducha imported from {where}, outside the environment {sys.prefix}")


@pytest.fixture(scope="session")
def seed() -> ducha.Engine:
    return ducha.Engine.seed()


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # `case`: one conformance case folder; `scorecard_case` / `error_case`:
    # the cases whose expected output is a scorecard / an error;
    # `rubric_case`: the cases with a rubric of their own; `json_error_case`:
    # the error cases whose inspection is JSON (not the syntax errors).
    cases = conformance_cases()
    choices: List[Tuple[str, Callable[[pathlib.Path], bool]]] = [
        ("case", lambda p: True),
        ("scorecard_case", lambda p: not _is_error(p)),
        ("error_case", _is_error),
        ("rubric_case", lambda p: (p / "rubric.json").is_file()),
        ("json_error_case", lambda p: _is_error(p) and _is_json(p / "inspection.json")),
    ]
    for name, keep in choices:
        if name in metafunc.fixturenames:
            chosen = [p for p in cases if keep(p)]
            metafunc.parametrize(name, chosen, ids=[p.name for p in chosen])


def _is_json(path: pathlib.Path) -> bool:
    try:
        json.loads(path.read_bytes())
    except ValueError:
        return False
    return True


def _is_error(case: pathlib.Path) -> bool:
    return (case / "expected.json").read_bytes().startswith(b'{"error":')


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture(scope="session")
def all_cases() -> List[pathlib.Path]:
    return conformance_cases()
