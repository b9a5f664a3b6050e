"""One engine, many threads: the same answers as one thread, the GIL released
while the core works, and a calendar year swapped in under running threads."""

from __future__ import annotations

import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any, Dict, Iterator, List

import pytest

import ducha

THREADS = 8


def inspections(n: int) -> Iterator[Dict[str, Any]]:
    """`n` different inspections of the seed rubric."""
    for i in range(n):
        yield {
            "period": {"from": "2026-01-01", "to": "2026-12-31"},
            "facts": {
                "2a": i % 2 == 0,
                "6a": i % 11,
                "8a": [{"note": f"第{k}起：{'甲乙丙丁'[k % 4]}县"} for k in range(i % 7)],
                "12a": Decimal(i % 101) / 100,
                "7a": [{"start": "2026-03-02", "done": f"2026-04-{1 + i % 28:02d}"}],
            },
        }


def test_many_threads_on_one_engine_agree_with_one_thread(seed: ducha.Engine) -> None:
    work = list(inspections(200))
    expected = [seed.evaluate_json(x) for x in work]
    assert len(set(expected)) > 50, "the inspections differ"
    errors: List[BaseException] = []
    start = threading.Barrier(THREADS)

    def run(offset: int) -> List[str]:
        start.wait()
        order = work[offset:] + work[:offset]
        try:
            return [seed.evaluate_json(x) for x in order]
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
            raise

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(run, [k * 25 for k in range(THREADS)]))
    assert not errors
    for k, got in enumerate(results):
        offset = k * 25
        assert got == expected[offset:] + expected[:offset], f"thread {k}"


def test_typed_results_and_errors_from_many_threads(seed: ducha.Engine) -> None:
    def run(i: int) -> Any:
        if i % 3 == 0:
            try:
                seed.evaluate({"facts": {f"9z{i}": 1}})
            except ducha.UnknownRuleError as e:
                return e.id
        return seed.evaluate({"facts": {"6a": i % 9}}).score

    with ThreadPoolExecutor(THREADS) as pool:
        got = list(pool.map(run, range(300)))
    assert got == [f"9z{i}" if i % 3 == 0 else Decimal(100) - min(i % 9, 5) for i in range(300)]


def _large_inspection() -> str:
    # 200,000 deadline cases: long enough to see who runs meanwhile.
    cases = [{"start": "2026-03-02", "done": f"2026-04-{1 + i % 28:02d}"} for i in range(200_000)]
    return json.dumps({"period": {"from": "2026-01-01", "to": "2026-12-31"}, "facts": {"7a": cases}})


def test_the_gil_is_released_while_the_core_works(seed: ducha.Engine) -> None:
    text = _large_inspection()
    seed.evaluate_json(text)  # warm up
    ticks: List[float] = []
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())

    old = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        time.sleep(0.01)
        windows = []
        for _ in range(3):
            before = time.perf_counter()
            seed.evaluate_json(text)
            after = time.perf_counter()
            windows.append((before, after))
    finally:
        stop.set()
        spinner.join()
        sys.setswitchinterval(old)
    # With the GIL held through the call, the spinner could not run in the
    # middle of it; released, it runs all along.
    for before, after in windows:
        quarter = (after - before) / 4
        inside = [t for t in ticks if before + quarter < t < after - quarter]
        assert len(inside) > 100, (
            f"{len(inside)} ticks in the middle half of a {after - before:.3f} s evaluation"
        )


def test_a_calendar_year_swapped_in_under_running_threads() -> None:
    engine = ducha.Engine.seed()
    # 20 working days after 2026-12-20 fall in 2027: unknown until added.
    needs_2027 = {"facts": {"7a": [{"start": "2026-12-20", "done": "2027-01-29"}]}}
    year = {"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}]}
    with pytest.raises(ducha.CalendarError):
        engine.evaluate(needs_2027)
    seen: List[str] = []
    go = threading.Event()

    def run() -> None:
        go.wait()
        for _ in range(200):
            try:
                rule = engine.evaluate(needs_2027).rule("7a")
                assert rule is not None and rule.breaches == 1
                seen.append("scored")
            except ducha.CalendarError:
                seen.append("unknown year")

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    go.set()
    time.sleep(0.005)
    engine.add_calendar_year(year)
    for t in threads:
        t.join()
    assert len(seen) == 800 and set(seen) <= {"scored", "unknown year"}
    assert engine.evaluate(needs_2027).rule("7a") is not None
    # Once added, every later evaluation knows the year.
    assert all(engine.evaluate(needs_2027).score == Decimal("99") for _ in range(10))


def test_with_calendar_year_leaves_the_engine_alone() -> None:
    engine = ducha.Engine.seed()
    needs_2027 = {"facts": {"7a": [{"start": "2026-12-20", "done": "2027-01-29"}]}}
    updated = engine.with_calendar_year(
        '{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}'
    )
    assert updated.evaluate(needs_2027).score == Decimal("99")
    with pytest.raises(ducha.CalendarError):
        engine.evaluate(needs_2027)
