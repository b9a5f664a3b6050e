"""ducha through its C ABI, from Python's standard library (ctypes).

    python3 score.py LIBRARY SAMPLE.json CONFORMANCE_DIR

LIBRARY is the dynamic library (target/release/libducha_ffi.so, .dylib or
ducha_ffi.dll). Scores SAMPLE.json against the seed rubric, runs every
conformance case byte for byte, checks two error paths; exits 1 on any
failure.
"""

import ctypes
import json
import pathlib
import sys

OK, ERROR = 0, 1

# Output strings are typed POINTER(c_char), not c_char_p: ctypes would turn a
# c_char_p into bytes and lose the pointer that ducha_string_free needs.
c_str = ctypes.POINTER(ctypes.c_char)


def bind(path):
    lib = ctypes.CDLL(path)
    lib.ducha_version.restype = ctypes.c_char_p  # static: never freed
    lib.ducha_engine_seed.restype = ctypes.c_void_p
    lib.ducha_engine_load.restype = ctypes.c_void_p
    lib.ducha_engine_load.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(c_str)]
    lib.ducha_engine_free.argtypes = [ctypes.c_void_p]
    lib.ducha_evaluate.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(c_str)]
    lib.ducha_string_free.argtypes = [c_str]
    return lib


class Engine:
    """A loaded rubric; a context manager that frees it."""

    def __init__(self, lib, rubric_json=None):
        self.lib = lib
        if rubric_json is None:
            self.handle = lib.ducha_engine_seed()
        else:
            error = c_str()
            self.handle = lib.ducha_engine_load(rubric_json, len(rubric_json), ctypes.byref(error))
            if not self.handle:
                raise ValueError(self.take(error))

    def take(self, ptr):
        """The text of a library string, which is then freed."""
        text = ctypes.string_at(ptr).decode("utf-8")
        self.lib.ducha_string_free(ptr)
        return text

    def evaluate(self, inspection: bytes):
        """(status, output): the scorecard JSON, or the error JSON."""
        out = c_str()
        status = self.lib.ducha_evaluate(self.handle, inspection, len(inspection), ctypes.byref(out))
        return status, self.take(out)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.lib.ducha_engine_free(self.handle)


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    lib = bind(sys.argv[1])
    sample = pathlib.Path(sys.argv[2]).read_bytes()
    cases = sorted(p for p in pathlib.Path(sys.argv[3]).iterdir() if (p / "inspection.json").exists())
    failures = 0
    print(f"ducha {lib.ducha_version().decode()} through ctypes")
    with Engine(lib) as seed:
        status, card = seed.evaluate(sample)
        card = json.loads(card)
        print(f"seed sample: score {card['score']} (deducted {card['deducted']} of {card['points']})")
        passed = 0
        for case in cases:
            rubric = case / "rubric.json"
            inspection = (case / "inspection.json").read_bytes()
            if rubric.exists():
                with Engine(lib, rubric.read_bytes()) as engine:
                    _, out = engine.evaluate(inspection)
            else:
                _, out = seed.evaluate(inspection)
            if (out + "\n").encode() == (case / "expected.json").read_bytes():
                passed += 1
            else:
                print(f"FAIL: case {case.name}: output differs from expected.json")
                failures += 1
        print(f"conformance: {passed} of {len(cases)} cases give the expected bytes")
        for inspection, code in [(b'{"rubric": "\xb6\xbd"}', "utf8"), (b'{"facts": ', "syntax")]:
            status, out = seed.evaluate(inspection)
            if status != ERROR or json.loads(out)["error"]["code"] != code:
                print(f"FAIL: {inspection!r}: expected `{code}`, got {out}")
                failures += 1
    if not cases:
        failures += 1
    print("ok" if failures == 0 else f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
