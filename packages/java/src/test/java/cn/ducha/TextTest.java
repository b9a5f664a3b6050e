package cn.ducha;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import org.junit.Test;

/**
 * Chinese text goes in and comes out unchanged, whatever the locale: ci.sh
 * runs these tests a second time under {@code LANG=C} with
 * {@code -Dfile.encoding=ANSI_X3.4-1968}, where the platform charset is
 * ASCII and any conversion through it would turn every Chinese character
 * into {@code ?}.
 */
public class TextTest {
    static final String RUBRIC = "{\"id\": \"学校安全检查\", \"title\": \"某县中小学校园安全检查细则（试行）\", "
            + "\"version\": \"2026年版\", \"total\": \"10\", \"indicators\": [{\"id\": \"安全\", \"name\": \"校园安全管理\", "
            + "\"points\": \"10\", \"items\": [{\"id\": \"一\", \"serial\": \"一\", \"points\": \"10\", "
            + "\"requirement\": \"建立门卫值守制度\", \"standard\": \"未建立的扣3分；发现隐患未整改的，每处扣1分，扣完7分为止\", "
            + "\"rules\": [{\"id\": \"一a\", \"label\": \"未建立门卫值守制度\", \"text\": \"未建立的扣3分\", "
            + "\"trigger\": {\"kind\": \"flag\"}, \"penalty\": {\"kind\": \"flat\", \"points\": \"3\"}}, "
            + "{\"id\": \"一b\", \"label\": \"发现隐患未整改\", \"text\": \"每处扣1分，扣完7分为止\", \"unit\": \"处\", "
            + "\"trigger\": {\"kind\": \"count\"}, \"penalty\": {\"kind\": \"capped\", \"points\": \"1\", \"cap\": \"7\"}}]}]}]}";
    static final String INSPECTION = "{\"rubric\": \"学校安全检查\", \"facts\": {\"一a\": {\"note\": \"门卫室无值班记录\"}, "
            + "\"一b\": [{\"note\": \"东门消防通道堵塞\"}, {\"note\": \"实验楼灭火器过期\"}]}}";
    static final String REASON_B = "发现隐患未整改：2处（东门消防通道堵塞；实验楼灭火器过期），扣2分";

    @Test
    public void theLocaleIsTheOneThisRunAskedFor() {
        // Set by ci.sh for the LANG=C run, so that it cannot pass by accident under UTF-8.
        String expected = System.getProperty("ducha.test.charset");
        if (expected != null) {
            assertEquals(expected, Charset.defaultCharset().name());
        }
    }

    @Test
    public void chineseIdsNamesAndNotesRoundTrip() {
        try (Engine engine = Engine.load(RUBRIC)) {
            Scorecard card = engine.evaluate(INSPECTION);
            assertEquals("学校安全检查", card.rubric());
            assertEquals(new BigDecimal("5"), card.score());
            assertEquals("校园安全管理", card.indicator("安全").get().name());
            assertEquals("一", card.item("一").get().serial());
            assertEquals(REASON_B, card.rule("一b").get().reason());
            assertTrue(card.rule("一a").get().reason().contains("门卫室无值班记录"));
            assertEquals(card.json(), card.toJson());
            // The rubric's own text comes back unchanged.
            String rubric = engine.rubricJson();
            assertTrue(rubric.contains("某县中小学校园安全检查细则（试行）"));
            assertTrue(rubric.contains("每处扣1分，扣完7分为止"));
        }
    }

    @Test
    public void bytesAndStringsAgree() {
        try (Engine engine = Engine.load(Repo.utf8(RUBRIC))) {
            byte[] fromBytes = engine.evaluateUtf8(Repo.utf8(INSPECTION));
            assertArrayEquals(fromBytes, Repo.utf8(engine.evaluateJson(INSPECTION)));
            // The output is UTF-8: the reason's bytes are in it as such.
            String card = Repo.text(fromBytes);
            assertTrue(card.contains(REASON_B));
            assertTrue(indexOf(fromBytes, Repo.utf8(REASON_B)) >= 0);
        }
    }

    @Test
    public void aChineseNoteInTheSeedSample() {
        try (Engine engine = Engine.seed()) {
            String inspection = "{\"facts\": {\"9a\": [{\"note\": \"体育场馆抽查档案缺检查记录表（督查组：张三、李四）\"}]}}";
            Rule rule = engine.evaluate(inspection).rule("9a").get();
            assertEquals(1, rule.breaches());
            assertTrue(rule.reason(), rule.reason().contains("体育场馆抽查档案缺检查记录表（督查组：张三、李四）"));
        }
    }

    @Test
    public void chineseTextInAnError() {
        try (Engine engine = Engine.load(RUBRIC)) {
            try {
                engine.evaluate("{\"facts\": {\"二a\": true}}");
                fail("scored");
            } catch (UnknownRuleException e) {
                assertEquals("二a", e.id().get());
                assertEquals("unknown rule `二a`", e.getMessage());
                assertTrue(e.toJson().contains("二a"));
            }
            try {
                engine.evaluate("{\"rubric\": \"另一细则\"}");
                fail("scored");
            } catch (RubricMismatchException e) {
                assertEquals("另一细则", e.id().get());
                assertTrue(e.getMessage().contains("学校安全检查"));
            }
        }
    }

    @Test
    public void escapedAndNonBmpTextAgree() {
        try (Engine engine = Engine.seed()) {
            // JSON escapes (backslash, u, four hex digits) and the characters themselves give the same card.
            String escaped = "{\"facts\": {\"9a\": [{\"note\": \"\\u7763\\u67e5 \\ud840\\udc00\"}]}}";
            String plain = "{\"facts\": {\"9a\": [{\"note\": \"督查 \ud840\udc00\"}]}}";
            assertEquals(engine.evaluateJson(plain), engine.evaluateJson(escaped));
            assertTrue(engine.evaluate(plain).rule("9a").get().reason().contains("督查 \ud840\udc00"));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
