package cn.ducha;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.jna.Platform;
import java.math.BigDecimal;
import java.net.URL;
import java.util.List;
import org.junit.Test;

/** The engine's API: the seed sample, loading, diagnostics, the calendar, copies, closing. */
public class EngineTest {
    static final String INSPECTION_2027 = "{\"period\": {\"from\": \"2026-01-01\", \"to\": \"2026-12-31\"}, "
            + "\"facts\": {\"7a\": [{\"start\": \"2026-12-20\", \"done\": \"2027-01-29\"}]}}";
    static final String YEAR_2027 = "{\"year\": 2027, \"papers\": [], \"days\": [{\"name\": \"元旦\", "
            + "\"date\": \"2027-01-01\", \"isOffDay\": true}]}";

    @Test
    public void seedSampleScores69point5() {
        try (Engine engine = Engine.seed()) {
            Scorecard card = engine.evaluate(Repo.sample());
            assertEquals(new BigDecimal("69.5"), card.score());
            assertEquals("69.5", card.score().toPlainString());
            assertEquals(new BigDecimal("30.5"), card.deducted());
            assertEquals(new BigDecimal("100"), card.points());
            assertEquals("yuxi-shuangsuiji", card.rubric());
            assertFalse(card.grade().isPresent());
            assertFalse(card.bonus().isPresent());
            assertTrue(card.vetoes().isEmpty());

            Rule rule = card.rule("12b").get();
            assertEquals(7, rule.breaches());
            assertEquals(new BigDecimal("7"), rule.raw());
            assertEquals(new BigDecimal("5"), rule.deducted());
            LimitedBy.Node node = (LimitedBy.Node) rule.limitedBy().get();
            assertEquals(LimitedBy.NODE, node.kind());
            assertEquals("12", node.id());
            assertEquals(new BigDecimal("10"), node.points());
            assertEquals("未常态化采集、推送监管数据，监管数据未100%覆盖监管事项：7次，扣7分，受第12项分值10分所限，实扣5分",
                    rule.reason());

            Item item = card.item("12").get();
            assertEquals("12", item.serial());
            assertEquals(new BigDecimal("0"), item.score());
            assertTrue(item.reason().contains("；"));
            assertEquals(rule, item.rule("12b").get());
            assertEquals("G1", card.walk().get(0).id());
            assertEquals("深入推进“互联网+监管”情况", card.indicator("G3").get().name());
            assertEquals(card.items().size(), card.walk().stream().mapToInt(i -> i.items().size()).sum());

            // A deadline rule carries `pending`; a rule of another kind does not.
            assertTrue(card.rule("7a").get().pending().isPresent());
            assertFalse(rule.pending().isPresent());
            assertTrue(card.toString().contains("score=69.5"));
        }
    }

    @Test
    public void aBatchRanksWithSharedPlacesAndKeepsFailuresToTheirEntry() {
        try (Engine engine = Engine.seed()) {
            String sample = Repo.text(Repo.sample());
            String report = engine.evaluateBatchJson("{\"rank_incomplete\": true, \"assessees\": ["
                    + "{\"id\": \"s\", \"name\": \"样例\", \"inspection\": " + sample + "},"
                    + "{\"id\": \"a\", \"inspection\": {\"facts\": {\"2b\": true}}},"
                    + "{\"id\": \"b\", \"inspection\": {\"facts\": {\"2b\": true}}},"
                    + "{\"id\": \"x\", \"inspection\": {\"facts\": {\"7z\": 1}}}]}");
            assertTrue(report, report.contains("\"ranking\":[{\"rank\":1,\"id\":\"a\",\"name\":\"a\",\"score\":\"97.5\",\"tied\":true,\"incomplete\":true},"
                    + "{\"rank\":1,\"id\":\"b\""));
            assertTrue(report, report.contains("{\"rank\":3,\"id\":\"s\",\"name\":\"样例\",\"score\":\"69.5\""));
            assertTrue(report, report.contains("\"failed\":[{\"id\":\"x\",\"name\":\"x\",\"code\":\"unknown-rule\"}]"));
            assertTrue(report.contains("\"scorecard\":" + engine.evaluateJson(sample) + "}"));
            try {
                engine.evaluateBatchJson("{\"assessees\": [");
                fail("a malformed batch must throw");
            } catch (JsonSyntaxException expected) {
                assertEquals("syntax", expected.code());
            }
        }
    }

    @Test
    public void versionsArePickedByDateAndNamedInTheScorecard() {
        String v2025 = version("2025版", "{\"from\": \"2025-01-01\", \"to\": \"2025-12-31\"}", "2");
        try (Engine engine = Engine.load(v2025)) {
            engine.addVersion(version("2026版", "{\"from\": \"2026-01-01\"}", "2.5"));
            Scorecard card = engine.evaluate("{\"as_of\": \"2026-06-30\", \"facts\": {\"1a\": true}}");
            assertEquals("2026版", card.version().get());
            assertEquals("2026-06-30", card.asOf().get().toString());
            assertEquals(new BigDecimal("2.5"), card.score());
            assertEquals(Engine.version(), card.ducha().get());
            assertEquals(card.json(), card.toJson());
            try {
                engine.evaluate("{\"facts\": {}}");
                fail("no date to pick a version by");
            } catch (VersionException expected) {
                assertEquals("r", expected.id().get());
            }
        }
    }

    private static String version(String name, String inForce, String points) {
        return "{\"id\": \"r\", \"title\": \"某局细则\", \"version\": \"" + name + "\", \"in_force\": " + inForce
                + ", \"total\": \"5\", \"indicators\": [{\"id\": \"G\", \"name\": \"领导重视\", \"points\": \"5\", \"items\": ["
                + "{\"id\": \"1\", \"serial\": \"1\", \"points\": \"5\", \"requirement\": \"明确联络员\", \"rules\": ["
                + "{\"id\": \"1a\", \"label\": \"未明确日常联络员\", \"text\": \"\", \"trigger\": {\"kind\": \"flag\"},"
                + " \"penalty\": {\"kind\": \"flat\", \"points\": \"" + points + "\"}}]}]}]}";
    }

    @Test
    public void theInspectionSchemaNamesEveryRule() {
        try (Engine engine = Engine.seed()) {
            String schema = engine.inspectionSchema();
            assertTrue(schema.startsWith("{\"$defs\""));
            assertTrue(schema.contains("\"title\":\"未明确日常联络员\""));
            assertEquals(schema, engine.inspectionSchema());
        }
    }

    @Test
    public void stringAndBytesGiveTheSameCard() {
        try (Engine engine = Engine.seed()) {
            byte[] sample = Repo.sample();
            String text = Repo.text(sample);
            assertEquals(engine.evaluateJson(sample), engine.evaluateJson(text));
            assertArrayEquals(engine.evaluateUtf8(sample), Repo.utf8(engine.evaluate(text).json()));
        }
    }

    @Test
    public void filesAreReadAsUtf8() throws Exception {
        try (Engine engine = Engine.seed()) {
            assertEquals(engine.evaluateJson(Repo.sample()),
                    engine.evaluate(Repo.path("examples/data/yuxi-sample.json")).json());
        }
    }

    @Test
    public void aByteOrderMarkIsSkipped() {
        try (Engine engine = Engine.seed()) {
            byte[] sample = Repo.sample();
            byte[] marked = new byte[sample.length + 3];
            marked[0] = (byte) 0xEF;
            marked[1] = (byte) 0xBB;
            marked[2] = (byte) 0xBF;
            System.arraycopy(sample, 0, marked, 3, sample.length);
            assertArrayEquals(engine.evaluateUtf8(sample), engine.evaluateUtf8(marked));
        }
    }

    @Test
    public void versionIsThePackagesVersion() {
        assertTrue(Engine.version().matches("[0-9]+\\.[0-9]+\\.[0-9]+.*"));
        // From the jar, its manifest names the version it was built as (pom.xml's).
        String packaged = Engine.class.getPackage().getImplementationVersion();
        if (packaged != null) {
            assertEquals(packaged, Engine.version());
        }
    }

    @Test
    public void theNativeLibraryComesFromTheJarsPlatformFolder() {
        String resource = Platform.RESOURCE_PREFIX + "/" + System.mapLibraryName("ducha_ffi");
        URL url = Engine.class.getClassLoader().getResource(resource);
        assertTrue("no " + resource + " on the classpath", url != null);
        if (System.getProperty(Lib.PATH_PROPERTY) == null && "jar".equals(System.getProperty("ducha.test.from"))) {
            assertEquals("the library should come from the jar: " + url, "jar", url.getProtocol());
        }
    }

    @Test
    public void diagnosticsOfTheSeed() {
        try (Engine engine = Engine.seed()) {
            List<Diagnostic> diagnostics = engine.diagnostics();
            assertTrue(diagnostics.stream().anyMatch(d -> d.code().equals("duplicate-serial") && d.id().equals("11-2")));
            String json = engine.diagnosticsJson();
            assertTrue(json.startsWith("{\"diagnostics\":[{\"code\":"));
            // Validating the seed's own JSON gives the same list.
            String rubric = engine.rubricJson();
            assertEquals(json, Engine.validateJson(rubric));
            assertEquals(diagnostics, Engine.validate(Repo.utf8(rubric)));
            assertTrue(diagnostics.get(0).toString().startsWith(diagnostics.get(0).code() + " "));
            // Written back, the list is the core's JSON.
            StringBuilder back = new StringBuilder("{\"diagnostics\":[");
            for (int i = 0; i < diagnostics.size(); i++) {
                back.append(i > 0 ? "," : "").append(diagnostics.get(i).toJson());
            }
            assertEquals(json, back.append("]}").toString());
        }
    }

    @Test
    public void theDumpedRubricLoadsAndScoresAlike() throws Exception {
        try (Engine seed = Engine.seed(); Engine loaded = Engine.load(seed.rubricJson())) {
            assertEquals(seed.evaluateJson(Repo.sample()), loaded.evaluateJson(Repo.sample()));
            assertEquals(seed.rubricJson(), loaded.rubricJson());
        }
        try (Engine fromFile = Engine.load(Repo.path("tests/conformance/shapes/rubric.json"))) {
            assertEquals("shapes", fromFile.evaluate("{}").rubric());
        }
    }

    @Test
    public void aCalendarYearAddedToACopy() {
        try (Engine seed = Engine.seed(); Engine copy = seed.copy()) {
            copy.addCalendarYear(YEAR_2027);
            assertEquals("yuxi-shuangsuiji", copy.evaluate(INSPECTION_2027).rubric());
            try {
                seed.evaluate(INSPECTION_2027);
                fail("the seed should not know 2027");
            } catch (CalendarException e) {
                assertEquals(ErrorCodes.CALENDAR, e.code());
                assertEquals("7a", e.id().get());
            }
            try {
                copy.addCalendarYear("[]");
                fail("[] is no calendar year");
            } catch (InvalidInputException e) {
                assertEquals(ErrorCodes.INVALID, e.code());
            }
            // The failed addition left the copy as it was.
            assertEquals("yuxi-shuangsuiji", copy.evaluate(INSPECTION_2027).rubric());
        }
    }

    @Test
    public void withCalendarYearLeavesTheEngineUnchanged() {
        try (Engine seed = Engine.seed(); Engine next = seed.withCalendarYear(YEAR_2027)) {
            assertEquals("yuxi-shuangsuiji", next.evaluate(INSPECTION_2027).rubric());
            try {
                seed.evaluate(INSPECTION_2027);
                fail("the seed should not know 2027");
            } catch (CalendarException expected) {
                // unchanged
            }
            try {
                seed.withCalendarYear("{\"year\": 2027}");
                fail("a year without days");
            } catch (InvalidInputException expected) {
                assertTrue(expected.getMessage().length() > 0);
            }
        }
    }

    @Test
    public void aCopyOutlivesItsOriginal() {
        Engine seed = Engine.seed();
        String card = seed.evaluateJson(Repo.sample());
        Engine copy = seed.copy();
        seed.close();
        try {
            assertEquals(card, copy.evaluateJson(Repo.sample()));
        } finally {
            copy.close();
        }
    }

    @Test
    public void closingTwiceIsSafe() {
        Engine engine = Engine.seed();
        assertFalse(engine.isClosed());
        assertEquals("Engine[open]", engine.toString());
        engine.close();
        engine.close();
        assertTrue(engine.isClosed());
        assertEquals("Engine[closed]", engine.toString());
    }

    @Test
    public void useAfterCloseThrows() {
        Engine engine = Engine.seed();
        engine.close();
        Runnable[] uses = {
            () -> engine.evaluate("{}"),
            () -> engine.evaluate(Repo.utf8("{}")),
            () -> engine.evaluateJson("{}"),
            () -> engine.evaluateUtf8(Repo.utf8("{}")),
            engine::diagnostics,
            engine::diagnosticsJson,
            engine::rubricJson,
            engine::copy,
            () -> engine.addCalendarYear(YEAR_2027),
            () -> engine.withCalendarYear(YEAR_2027),
        };
        for (int i = 0; i < uses.length; i++) {
            try {
                uses[i].run();
                fail("use " + i + " after close did not throw");
            } catch (IllegalStateException e) {
                assertEquals("the engine is closed", e.getMessage());
            }
        }
    }

    @Test
    public void nullArgumentsThrowNullPointerException() {
        try (Engine engine = Engine.seed()) {
            Runnable[] uses = {
                () -> engine.evaluate((String) null),
                () -> engine.evaluate((byte[]) null),
                () -> engine.evaluateUtf8(null),
                () -> engine.addCalendarYear((String) null),
                () -> Engine.load((String) null),
                () -> Engine.load((byte[]) null),
                () -> Engine.validate((String) null),
                () -> Scorecard.parse(null),
                () -> DuchaException.fromJson(null),
            };
            for (int i = 0; i < uses.length; i++) {
                try {
                    uses[i].run();
                    fail("null " + i + " did not throw");
                } catch (NullPointerException expected) {
                    // as documented
                }
            }
        }
    }

    @Test
    public void copiesAreIndependentEngines() {
        try (Engine seed = Engine.seed()) {
            Engine copy = seed.copy();
            assertNotEquals(seed, copy);
            copy.close();
            assertEquals("yuxi-shuangsuiji", seed.evaluate("{}").rubric());
        }
    }
}
