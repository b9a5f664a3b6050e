"""The package's surface: what it exports, its versions and limits, its
docs' example, and the stubs it ships."""

from __future__ import annotations

import ast
import doctest
import inspect
import pathlib
import re
from typing import Set

import pytest

import ducha
from ducha import _native


def test_versions_and_limits() -> None:
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", ducha.__version__)
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", ducha.CORE_VERSION)
    assert (ducha.MAX_INPUT_BYTES, ducha.MAX_NESTING, ducha.MAX_RULES, ducha.MAX_NODES) == (
        16 * 1024 * 1024,
        127,
        100_000,
        100_000,
    )


def test_the_wheel_is_abi3() -> None:
    # One wheel for every CPython from 3.9: the stable ABI's file name.
    assert pathlib.Path(_native.__file__).name.endswith((".abi3.so", ".pyd")), _native.__file__


def test_everything_exported_exists_and_is_documented() -> None:
    for name in ducha.__all__:
        value = getattr(ducha, name)
        if isinstance(value, type) or inspect.isfunction(value):
            assert value.__doc__, f"ducha.{name} has no docs"
    public = {n for n in dir(ducha) if not n.startswith("_")}
    assert public == set(ducha.__all__) - {"__version__"}


def test_the_module_docs_example_runs() -> None:
    result = doctest.testmod(ducha, raise_on_error=False, verbose=False)
    assert result.attempted >= 4 and result.failed == 0, result


def test_engine_basics(seed: ducha.Engine) -> None:
    assert repr(seed) == "Engine(rubric_id='yuxi-shuangsuiji')"
    assert seed.rubric_id == "yuxi-shuangsuiji"
    assert seed.title == "玉溪市教育体育局机关“双随机、一公开”监管工作督查细则（试行）"
    assert repr(_native.Engine.seed()) == '<ducha._native.Engine rubric="yuxi-shuangsuiji">'
    with pytest.raises(AttributeError):
        seed.other = 1  # type: ignore[attr-defined]
    # Empty facts: full marks, nothing assessed.
    card = seed.evaluate({})
    assert card.score == card.points and not any(r.assessed for r in card.rules())


def _stub_names(path: pathlib.Path) -> Set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_the_stubs_name_what_the_native_module_has() -> None:
    stub = pathlib.Path(_native.__file__).with_name("_native.pyi")
    assert stub.is_file(), "the .pyi stubs are installed beside the module"
    assert (stub.parent / "py.typed").is_file(), "py.typed is installed"
    runtime = {n for n in dir(_native) if not n.startswith("_")}
    assert _stub_names(stub) == runtime
    engine_stub = next(
        n
        for n in ast.parse(stub.read_text("utf-8")).body
        if isinstance(n, ast.ClassDef) and n.name == "Engine"
    )
    stub_methods = {n.name for n in engine_stub.body if isinstance(n, ast.FunctionDef)}
    assert stub_methods == {n for n in dir(_native.Engine) if not n.startswith("_")}
