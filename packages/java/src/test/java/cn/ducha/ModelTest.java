package cn.ducha;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The typed scorecard: the card-level fields, strict reading, and the JSON reader under it. */
public class ModelTest {
    private static Scorecard caseCard(String name) {
        String text = Repo.text(Repo.read("tests/conformance/" + name + "/expected.json"));
        return Scorecard.parse(text.substring(0, text.length() - 1));
    }

    @Test
    public void cardOutcomes() {
        Scorecard card = caseCard("card-outcomes");
        assertEquals("良好", card.grade().get());
        assertEquals(new BigDecimal("87.5"), card.base().get());
        assertEquals(new BigDecimal("88.5"), card.score());
        Rescaled rescaled = card.rescaled().get();
        assertEquals(new BigDecimal("80"), rescaled.applicable());
        assertEquals(new BigDecimal("70"), rescaled.earned());
        assertFalse(card.vetoed().isPresent());
        assertTrue(card.vetoes().isEmpty());

        Bonus bonus = card.bonus().get();
        assertEquals("J", bonus.id());
        assertEquals("加分项", bonus.name());
        assertEquals(new BigDecimal("3"), bonus.cap());
        assertEquals(new BigDecimal("3"), bonus.credited());
        assertEquals(new BigDecimal("3"), bonus.counted());
        assertEquals("加分3分（各项合计3.5分，已达加分上限3分）", bonus.reason());
        BonusItem j2 = bonus.items().get(1);
        assertEquals("加2", j2.serial());
        assertEquals(new BigDecimal("2"), j2.credited());
        assertEquals(new BigDecimal("1.5"), j2.rule("j2").get().deducted());
        assertEquals("J", ((LimitedBy.Node) j2.rules().get(0).limitedBy().get()).id());

        Penalties penalties = card.penalties().get();
        assertEquals("扣分项", penalties.name());
        assertFalse(penalties.cap().isPresent());
        assertEquals(new BigDecimal("2"), penalties.deducted());
        assertEquals("扣1", penalties.items().get(0).serial());

        // rules(): the indicators', the bonus section's, then the penalty section's.
        List<Rule> rules = card.rules();
        assertEquals("k1", rules.get(rules.size() - 1).id());
        assertEquals("j2", rules.get(rules.size() - 2).id());
        assertTrue(card.rule("j1").isPresent());
        // items(): the indicators', then the penalty section's (not the bonus section's).
        assertEquals("K1", card.items().get(card.items().size() - 1).id());
        assertFalse(card.item("J1").isPresent());

        // An item marked not applicable.
        boolean sawNotApplicable = false;
        for (Item item : card.items()) {
            if (!item.applicable()) {
                sawNotApplicable = true;
                assertTrue(item.toJson().contains("\"applicable\":false"));
                for (Rule rule : item.rules()) {
                    assertFalse(rule.applicable());
                }
            }
        }
        assertTrue(sawNotApplicable);
    }

    @Test
    public void cardVetoes() {
        Scorecard card = caseCard("card-veto");
        assertEquals("不合格", card.grade().get());
        assertEquals(new BigDecimal("19"), card.vetoed().get());
        Veto cardVeto = card.vetoes().get(0);
        assertEquals("a2", cardVeto.rule());
        assertEquals(Veto.CARD, cardVeto.scope());
        assertEquals("card", cardVeto.node());
        assertEquals(new BigDecimal("26"), cardVeto.before());
        assertEquals(new BigDecimal("59"), cardVeto.score().get());
        assertEquals("不合格", cardVeto.grade().get());
        Veto itemVeto = card.vetoes().get(1);
        assertEquals(Veto.ITEM, itemVeto.scope());
        assertFalse(itemVeto.grade().isPresent());
        assertEquals(new BigDecimal("-2"), card.item("A1").get().score());
        assertEquals(new BigDecimal("0"), card.bonus().get().counted());
    }

    @Test
    public void limitsOfEveryKind() {
        Rule cap = caseCard("nested-rubric").rules().stream().filter(r -> r.limitedBy().isPresent()
                && r.limitedBy().get() instanceof LimitedBy.Cap).findFirst().get();
        LimitedBy.Cap c = (LimitedBy.Cap) cap.limitedBy().get();
        assertEquals(LimitedBy.CAP, c.kind());
        assertEquals("{\"kind\":\"cap\",\"cap\":\"" + c.cap().toPlainString() + "\"}", c.toJson());
        Rule exclusive = caseCard("shapes").rules().stream().filter(r -> r.limitedBy().isPresent()
                && r.limitedBy().get() instanceof LimitedBy.Exclusive).findFirst().get();
        LimitedBy.Exclusive e = (LimitedBy.Exclusive) exclusive.limitedBy().get();
        assertEquals(LimitedBy.EXCLUSIVE, e.kind());
        assertFalse(e.kept().isEmpty());
        assertEquals(e, LimitedBy.read(Json.parse(e.toJson()), ""));
        assertNotEquals(c, e);
    }

    @Test
    public void optionalRuleFields() {
        Scorecard card = caseCard("seed-sample");
        Rule rule = card.rule("7a").get();
        assertTrue(rule.pending().isPresent());
        assertFalse(rule.exempt().isPresent());
        assertFalse(rule.rounded());
        assertTrue(rule.applicable());
        // Fields the core writes only sometimes are read and written back.
        String json = "{\"id\":\"x\",\"assessed\":true,\"applicable\":false,\"breaches\":18446744073709551615,"
                + "\"pending\":2,\"exempt\":1,\"raw\":\"0.000001\",\"deducted\":\"-2.5\",\"rounded\":true,"
                + "\"limited_by\":null,\"reason\":\"\"}";
        Rule odd = Rule.read(Json.parse(json), "");
        assertEquals(json, odd.toJson());
        assertEquals(-1L, odd.breaches());
        assertEquals("18446744073709551615", Long.toUnsignedString(odd.breaches()));
        assertEquals(2, odd.pending().getAsLong());
        assertEquals(1, odd.exempt().getAsLong());
        assertTrue(odd.rounded());
        assertFalse(odd.applicable());
        assertEquals("0.000001", odd.raw().toPlainString());
    }

    @Test
    public void amountsAreWrittenWithoutTrailingZeros() {
        assertEquals("0", Json.amount(new BigDecimal("0.00")));
        assertEquals("0", Json.amount(new BigDecimal("-0.0")));
        assertEquals("100", Json.amount(new BigDecimal("100")));
        assertEquals("100", Json.amount(new BigDecimal("100.000")));
        assertEquals("2.5", Json.amount(new BigDecimal("2.50")));
        assertEquals("0.000001", Json.amount(new BigDecimal("1E-6")));
        assertEquals("1844674407370955161.5005", Json.amount(new BigDecimal("1844674407370955161.5005")));
        Scorecard card = Scorecard.parse(caseCard("seed-empty").json().replace("\"points\":\"100\"", "\"points\":\"100.00\""));
        assertEquals(caseCard("seed-empty").toJson(), card.toJson());
        assertEquals(caseCard("seed-empty"), card);
    }

    @Test
    public void scorecardsAreReadStrictly() {
        String good = caseCard("seed-empty").json();
        expectInvalid(good.replaceFirst("\"points\":\"100\"", "\"points\":\"100\",\"extra\":1"), "extra");
        expectInvalid(good.replaceFirst("\"rubric\":\"yuxi-shuangsuiji\",", ""), "");
        expectInvalid(good.replaceFirst("\"breaches\":0", "\"breaches\":-1"), "indicators[0].items[0].rules[0].breaches");
        expectInvalid(good.replaceFirst("\"breaches\":0", "\"breaches\":1.5"), "indicators[0].items[0].rules[0].breaches");
        expectInvalid(good.replaceFirst("\"raw\":\"0\"", "\"raw\":\"1e3\""), "indicators[0].items[0].rules[0].raw");
        expectInvalid(good.replaceFirst("\"raw\":\"0\"", "\"raw\":true"), "indicators[0].items[0].rules[0].raw");
        expectInvalid(good.replaceFirst("\"limited_by\":null", "\"limited_by\":{\"kind\":\"other\"}"),
                "indicators[0].items[0].rules[0].limited_by.kind");
        expectInvalid(good.replaceFirst(",\"limited_by\":null", ""), "indicators[0].items[0].rules[0]");
        expectInvalid("[]", "");
        try {
            Scorecard.parse(good + ",");
            fail("read");
        } catch (JsonSyntaxException expected) {
            assertEquals("syntax", expected.code());
        }
    }

    private static void expectInvalid(String json, String path) {
        try {
            Scorecard.parse(json);
            fail("read: " + json.substring(0, Math.min(200, json.length())));
        } catch (InvalidInputException e) {
            assertEquals(path, e.path().orElse(""));
        }
    }

    @Test
    public void theJsonReaderIsStrict() {
        String[] bad = {"", " ", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nulls",
            "\"a", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\ud800\"",
            "\"tab\there\"", "{\"a\":1,\"a\":2}", "[1] [2]", "{a:1}", "'a'", "[1 2]", "/* */ 1", "\"\\uFF10\u0000\""};
        for (String json : bad) {
            try {
                Json.parse(json);
                fail("read `" + json + "`");
            } catch (JsonSyntaxException expected) {
                assertEquals("syntax", expected.code());
            }
        }
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 100000; i++) {
            deep.append('[');
        }
        try {
            Json.parse(deep.toString());
            fail("read 100 000 brackets");
        } catch (LimitException expected) {
            assertEquals("limit", expected.code());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void theJsonReaderReadsWhatItShould() {
        Map<String, Object> map = (Map<String, Object>) Json.parse(
                "\uFEFF { \"s\" : \"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud840\\udc00督\", \"n\": -12.5e+3, \"t\": true,"
                        + " \"f\": false, \"z\": null, \"l\": [ ], \"o\": {} }\r\n");
        assertEquals("a\"\\/\b\f\n\r\té\ud840\udc00督", map.get("s"));
        assertEquals("-12.5e+3", map.get("n").toString());
        assertEquals(Boolean.TRUE, map.get("t"));
        assertEquals(Boolean.FALSE, map.get("f"));
        assertTrue(map.containsKey("z"));
        assertNull(map.get("z"));
        assertTrue(((List<Object>) map.get("l")).isEmpty());
        assertTrue(((Map<String, Object>) map.get("o")).isEmpty());
        assertEquals("[s, n, t, f, z, l, o]", map.keySet().toString());
    }

    @Test
    public void stringsAreEscapedAsTheCoreEscapesThem() {
        StringBuilder out = new StringBuilder();
        Json.writeString(out, "\"\\\n\r\t\b\f\u0001\u001f\u007f/督\ud840\udc00\u2028");
        assertEquals("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\u007f/督\ud840\udc00\u2028\"", out.toString());
        assertEquals("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\u007f/督\ud840\udc00\u2028\"",
                DuchaException.of("x", "\"\\\n\r\t\b\f\u0001\u001f\u007f/督\ud840\udc00\u2028", null, null).toJson()
                        .replaceAll("^.*\"message\":|}}$", ""));
    }
}
