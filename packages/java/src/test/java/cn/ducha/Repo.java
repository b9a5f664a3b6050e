package cn.ducha;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The repository the tests read their data from, and helpers for bytes. */
final class Repo {
    private Repo() {
    }

    /**
     * The repository root: the system property {@code ducha.repo}, the
     * environment variable {@code DUCHA_REPO}, or the first folder up from
     * the working directory that holds {@code tests/conformance}.
     */
    static Path root() {
        String given = System.getProperty("ducha.repo");
        if (given == null || given.isEmpty()) {
            given = System.getenv("DUCHA_REPO");
        }
        if (given != null && !given.isEmpty()) {
            return Paths.get(given).toAbsolutePath();
        }
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            if (new File(dir, "tests/conformance").isDirectory() && new File(dir, "examples/data").isDirectory()) {
                return dir.toPath();
            }
        }
        throw new IllegalStateException("cannot find the repository: set -Dducha.repo=DIR or DUCHA_REPO");
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    static byte[] read(String relative) {
        return read(path(relative));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code bytes} followed by a newline: how expected.json files end. */
    static byte[] withNewline(byte[] bytes) {
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        out[bytes.length] = '\n';
        return out;
    }

    /** Null if equal, else where and how {@code got} differs from {@code expected}. */
    static String difference(byte[] expected, byte[] got) {
        int at = 0;
        while (at < expected.length && at < got.length && expected[at] == got[at]) {
            at++;
        }
        if (at == expected.length && at == got.length) {
            return null;
        }
        int from = Math.max(0, at - 40);
        return "differs at byte " + at + " (lengths: expected " + expected.length + ", got " + got.length
                + ")\n  got      " + excerpt(got, from) + "\n  expected " + excerpt(expected, from);
    }

    private static String excerpt(byte[] bytes, int from) {
        int to = Math.min(bytes.length, from + 200);
        return from >= bytes.length ? "" : new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** The seed sample inspection, examples/data/yuxi-sample.json. */
    static byte[] sample() {
        return read("examples/data/yuxi-sample.json");
    }
}
