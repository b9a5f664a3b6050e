package cn.ducha;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Every case of tests/conformance, as examples/ffi/c/score.c runs them: the
 * output must equal expected.json (less its final newline) byte for byte.
 * For scorecards, the typed Scorecard must also read the text and write it
 * back byte for byte; for errors, the exception must carry the code,
 * message, path and id of the expected JSON.
 */
@RunWith(Parameterized.class)
public class ConformanceTest {
    private static Engine seed;

    private final String name;
    private final Path dir;

    /**
     * One case.
     *
     * @param name the case's folder name
     */
    public ConformanceTest(String name) {
        this.name = name;
        this.dir = Repo.path("tests/conformance").resolve(name);
    }

    /** The cases: every folder of tests/conformance holding an inspection.json, sorted. */
    @Parameters(name = "{0}")
    public static List<Object[]> cases() {
        File[] dirs = Repo.path("tests/conformance").toFile().listFiles();
        List<Object[]> cases = new ArrayList<>();
        if (dirs != null) {
            Arrays.sort(dirs);
            for (File d : dirs) {
                if (new File(d, "inspection.json").isFile()) {
                    cases.add(new Object[] {d.getName()});
                }
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("no conformance case in " + Repo.path("tests/conformance"));
        }
        return cases;
    }

    private static synchronized Engine seed() {
        if (seed == null) {
            seed = Engine.seed();
        }
        return seed;
    }

    @AfterClass
    public static void closeSeed() {
        if (seed != null) {
            seed.close();
        }
    }

    private Engine engine() {
        Path rubric = dir.resolve("rubric.json");
        return Files.exists(rubric) ? Engine.load(Repo.read(rubric)) : null;
    }

    private byte[] inspection() {
        return Repo.read(dir.resolve("inspection.json"));
    }

    private byte[] expected() {
        return Repo.read(dir.resolve("expected.json"));
    }

    private boolean isError() {
        return Repo.text(expected()).startsWith("{\"error\":");
    }

    /** The output bytes, scorecard or error JSON, as the C program compares them. */
    private byte[] output(Engine engine) {
        try {
            return engine.evaluateUtf8(inspection());
        } catch (DuchaException e) {
            return Repo.utf8(e.toJson());
        }
    }

    @Test
    public void outputBytesEqualExpected() {
        Engine loaded = engine();
        try {
            byte[] got = Repo.withNewline(output(loaded != null ? loaded : seed()));
            String difference = Repo.difference(expected(), got);
            if (difference != null) {
                fail("case " + name + ": output " + difference);
            }
        } finally {
            if (loaded != null) {
                loaded.close();
            }
        }
    }

    @Test
    public void typedResultMatches() {
        Engine loaded = engine();
        Engine engine = loaded != null ? loaded : seed();
        try {
            String expected = Repo.text(expected());
            expected = expected.substring(0, expected.length() - 1);
            if (isError()) {
                try {
                    engine.evaluate(inspection());
                    fail("case " + name + ": expected an error");
                } catch (DuchaException e) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) Json.parse(expected))
                            .get("error");
                    assertEquals(error.get("code"), e.code());
                    assertEquals(error.get("message"), e.getMessage());
                    assertEquals(error.get("path"), e.path().orElse(null));
                    assertEquals(error.get("id"), e.id().orElse(null));
                    assertEquals(expected, e.toJson());
                    assertEquals(ErrorCodes.ALL.contains(e.code()), e.getClass() != DuchaException.class);
                    DuchaException back = DuchaException.fromJson(expected);
                    assertEquals(e.getClass(), back.getClass());
                    // Rebuilt from its fields, the JSON comes out the same.
                    DuchaException rebuilt = DuchaException.of(e.code(), e.getMessage(), e.path().orElse(null),
                            e.id().orElse(null));
                    assertEquals(expected, rebuilt.toJson());
                }
            } else {
                Scorecard card = engine.evaluate(inspection());
                assertEquals(expected, card.json());
                String difference = Repo.difference(Repo.utf8(expected), Repo.utf8(card.toJson()));
                assertNull("case " + name + ": the typed scorecard written back " + difference, difference);
                Scorecard parsed = Scorecard.parse(expected);
                assertEquals(expected, parsed.toJson());
                assertEquals(card, parsed);
                assertEquals(card.hashCode(), parsed.hashCode());
                checkTotals(card);
            }
        } finally {
            if (loaded != null) {
                loaded.close();
            }
        }
    }

    /** The card's numbers hang together: every rule reachable by id, score = points − deducted below. */
    private void checkTotals(Scorecard card) {
        assertFalse(card.indicators().isEmpty());
        assertNotNull(card.rubric());
        for (Rule rule : card.rules()) {
            assertTrue(card.rule(rule.id()).isPresent());
            if (!rule.assessed()) {
                assertEquals(0, rule.breaches());
                // A rule marked not applicable itself says so (under an item marked so,
                // the item does); one merely not assessed says nothing.
                if (rule.applicable()) {
                    assertEquals("", rule.reason());
                } else {
                    assertTrue(rule.reason(), rule.reason().isEmpty() || rule.reason().contains("不适用"));
                }
            }
            assertTrue(rule.toJson().startsWith("{\"id\":"));
        }
        for (Indicator indicator : card.walk()) {
            assertEquals(0, indicator.points().subtract(indicator.deducted()).compareTo(indicator.score()));
            assertTrue(indicator.hasItems() ? indicator.indicators().isEmpty() : indicator.items().isEmpty());
        }
        for (Item item : card.items()) {
            assertTrue(card.item(item.id()).isPresent());
            assertEquals(0, item.points().subtract(item.deducted()).compareTo(item.score()));
        }
    }
}
