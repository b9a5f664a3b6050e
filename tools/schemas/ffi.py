"""ducha's C ABI through ctypes: load rubrics, evaluate inspections, list
diagnostics. Used by check.py; mirrors examples/ffi/python/score.py."""

import ctypes
import json

OK, ERROR = 0, 1

# Output strings are POINTER(c_char), not c_char_p: ctypes would turn a
# c_char_p into bytes and lose the pointer that ducha_string_free needs.
c_str = ctypes.POINTER(ctypes.c_char)


class Library:
    def __init__(self, path):
        lib = ctypes.CDLL(path)
        lib.ducha_version.restype = ctypes.c_char_p
        lib.ducha_engine_seed.restype = ctypes.c_void_p
        lib.ducha_engine_load.restype = ctypes.c_void_p
        lib.ducha_engine_load.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(c_str)]
        lib.ducha_engine_free.argtypes = [ctypes.c_void_p]
        lib.ducha_evaluate.argtypes = [
            ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(c_str)]
        lib.ducha_diagnostics.argtypes = [ctypes.c_void_p, ctypes.POINTER(c_str)]
        lib.ducha_rubric_json.argtypes = [ctypes.c_void_p, ctypes.POINTER(c_str)]
        lib.ducha_validate.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(c_str)]
        lib.ducha_string_free.argtypes = [c_str]
        self.lib = lib

    def version(self):
        return self.lib.ducha_version().decode()

    def take(self, ptr):
        """The text of a library string, which is then freed."""
        text = ctypes.string_at(ptr).decode("utf-8")
        self.lib.ducha_string_free(ptr)
        return text

    def validate(self, rubric: bytes):
        """(ok, text): the diagnostics JSON of a rubric, or the error JSON."""
        out = c_str()
        status = self.lib.ducha_validate(rubric, len(rubric), ctypes.byref(out))
        return status == OK, self.take(out)

    def seed(self):
        return Engine(self, self.lib.ducha_engine_seed())

    def load(self, rubric: bytes):
        """The engine of a rubric, or raises LoadError with the error JSON."""
        error = c_str()
        handle = self.lib.ducha_engine_load(rubric, len(rubric), ctypes.byref(error))
        if not handle:
            raise LoadError(self.take(error))
        return Engine(self, handle)


class LoadError(Exception):
    def __init__(self, text):
        super().__init__(text)
        self.text = text
        self.code = json.loads(text)["error"]["code"]


class Engine:
    """A loaded rubric; a context manager that frees it."""

    def __init__(self, library, handle):
        self.library = library
        self.handle = handle

    def evaluate(self, inspection: bytes):
        """(ok, text): the scorecard JSON, or the error JSON."""
        out = c_str()
        status = self.library.lib.ducha_evaluate(
            self.handle, inspection, len(inspection), ctypes.byref(out))
        return status == OK, self.library.take(out)

    def diagnostics(self):
        out = c_str()
        status = self.library.lib.ducha_diagnostics(self.handle, ctypes.byref(out))
        assert status == OK
        return self.library.take(out)

    def rubric_json(self):
        out = c_str()
        status = self.library.lib.ducha_rubric_json(self.handle, ctypes.byref(out))
        assert status == OK
        return self.library.take(out)

    def close(self):
        if self.handle:
            self.library.lib.ducha_engine_free(self.handle)
            self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()
