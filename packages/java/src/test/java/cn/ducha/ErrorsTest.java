package cn.ducha;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Failures: each reachable code from its input, as the class of its code, with path and id. */
public class ErrorsTest {
    private static Engine seed;

    @BeforeClass
    public static void openSeed() {
        seed = Engine.seed();
    }

    @AfterClass
    public static void closeSeed() {
        seed.close();
    }

    /** Runs {@code call} and returns the exception it throws, checking its class and code. */
    private static <E extends DuchaException> E fails(Runnable call, String what, Class<E> type, String code) {
        try {
            call.run();
        } catch (DuchaException e) {
            if (!type.isInstance(e)) {
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + e, e);
            }
            assertEquals(code, e.code());
            assertTrue(e.getMessage().length() > 0);
            assertTrue(e.toJson().startsWith("{\"error\":{\"code\":\"" + code + "\",\"message\":"));
            return type.cast(e);
        }
        throw new AssertionError("expected " + type.getSimpleName() + " for " + what);
    }

    private static <E extends DuchaException> E evaluateFails(byte[] inspection, Class<E> type, String code) {
        return fails(() -> seed.evaluate(inspection), Repo.text(inspection), type, code);
    }

    private static <E extends DuchaException> E evaluateFails(String inspection, Class<E> type, String code) {
        return fails(() -> seed.evaluate(inspection), inspection, type, code);
    }

    @Test
    public void badJsonIsASyntaxError() {
        JsonSyntaxException e = evaluateFails("{\"facts\": {\"2a\": true,}}", JsonSyntaxException.class, "syntax");
        assertEquals("trailing comma at line 1 column 23", e.getMessage());
        assertFalse(e.path().isPresent());
        assertFalse(e.id().isPresent());
        for (String bad : new String[] {"", "{", "{\"facts\": {}} {}", "nul", "{'facts': {}}"}) {
            evaluateFails(bad, JsonSyntaxException.class, "syntax");
        }
        for (String shape : new String[] {"[]", "null", "\"\\ud800\"", "3"}) {
            try {
                seed.evaluate(shape);
                fail(shape + " was scored");
            } catch (JsonSyntaxException | InvalidInputException expected) {
                // either, as score.c allows
            }
        }
    }

    @Test
    public void aNulInsideTheLengthIsInput() {
        evaluateFails(new byte[] {'{', '}', 0}, JsonSyntaxException.class, "syntax");
    }

    @Test
    public void unknownRule() {
        UnknownRuleException e = evaluateFails("{\"facts\": {\"7z\": 1}}", UnknownRuleException.class, "unknown-rule");
        assertEquals("7z", e.id().get());
        assertEquals("unknown rule `7z`", e.getMessage());
        assertEquals("cn.ducha.UnknownRuleException: [unknown-rule] unknown rule `7z` (id 7z)", e.toString());
        assertEquals("{\"error\":{\"code\":\"unknown-rule\",\"message\":\"unknown rule `7z`\",\"id\":\"7z\"}}",
                e.toJson());
    }

    @Test
    public void invalidInputNamesItsPath() {
        InvalidInputException e = evaluateFails(
                "{\"period\": {\"from\": \"2026-01-01\", \"to\": \"2026-12-31\"}, \"facts\": {\"7a\": [{\"start\": \"2026-13-01\"}]}}",
                InvalidInputException.class, "invalid");
        assertEquals("facts.7a[0].start", e.path().get());
        assertTrue(e.toString().contains("(path facts.7a[0].start)"));
    }

    @Test
    public void gbkBytesAreAUtf8Error() {
        // GBK bytes for 督查 inside a JSON string.
        byte[] gbk = {'{', '"', 'r', 'u', 'b', 'r', 'i', 'c', '"', ':', ' ', '"', (byte) 0xb6, (byte) 0xbd, (byte) 0xb2,
            (byte) 0xe9, '"', '}'};
        Utf8Exception e = evaluateFails(gbk, Utf8Exception.class, "utf8");
        assertTrue(e.getMessage(), e.getMessage().contains("12"));
        evaluateFails(new byte[] {(byte) 0xff}, Utf8Exception.class, "utf8");
        try {
            Engine.load(gbk);
            fail("GBK loaded");
        } catch (Utf8Exception expected) {
            assertEquals("utf8", expected.code());
        }
    }

    @Test
    public void aLoneSurrogateInAJavaStringIsRefusedNotReplaced() {
        // String.getBytes(UTF_8) would silently write `?` for it.
        Utf8Exception e = evaluateFails("{\"facts\": {\"8a\": [{\"note\": \"督查\ud800\"}]}}", Utf8Exception.class,
                "utf8");
        assertTrue(e.getMessage(), e.getMessage().contains("U+D800"));
        try {
            seed.evaluate("{\"facts\": {\"8a\": [{\"note\": \"\udc00\"}]}}");
            fail("a lone low surrogate was accepted");
        } catch (Utf8Exception expected) {
            assertTrue(expected.getMessage().contains("U+DC00"));
        }
        // A pair is fine: 𠀀 (U+20000) is text.
        assertEquals("yuxi-shuangsuiji", seed.evaluate("{\"facts\": {\"8a\": [{\"note\": \"\ud840\udc00\"}]}}").rubric());
    }

    @Test
    public void theOtherCodesOfEvaluate() {
        assertEquals("6b", evaluateFails("{\"facts\": {\"6b\": -2}}", OutOfDomainException.class, "out-of-domain").id().get());
        assertEquals("12a", evaluateFails("{\"facts\": {\"12a\": 96}}", OutOfDomainException.class, "out-of-domain").id().get());
        evaluateFails("{\"facts\": {\"7a\": [{\"done\": \"2026-03-01\"}]}}", InvalidCaseException.class, "invalid-case");
        evaluateFails("{\"not_applicable\": {\"12\": \"无此项工作\"}}", NotApplicableException.class, "not-applicable");
        evaluateFails("{\"facts\": {\"1a\": [\"2026-03-12\"]}}", MissingContextException.class, "missing-context");
        evaluateFails("{\"rubric\": \"another\"}", RubricMismatchException.class, "rubric-mismatch");
        evaluateFails("{\"facts\": {\"7a\": [\"2026-03-12\"]}}", WrongFactTypeException.class, "wrong-fact-type");
    }

    @Test
    public void inputsOver16MiBAreALimitError() {
        byte[] big = new byte[16 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        evaluateFails(big, LimitException.class, "limit");
    }

    @Test
    public void hostileNestingIsAnErrorNotACrash() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 100000; i++) {
            deep.append('[');
        }
        try {
            seed.evaluate(deep.toString());
            fail("scored");
        } catch (DuchaException expected) {
            assertTrue(ErrorCodes.ALL.contains(expected.code()));
        }
        try {
            Engine.load(deep.toString());
            fail("loaded");
        } catch (DuchaException expected) {
            assertTrue(ErrorCodes.ALL.contains(expected.code()));
        }
    }

    @Test
    public void rubricsThatDoNotLoad() {
        try {
            Engine.load("{\"id\": \"x\"}");
            fail("loaded");
        } catch (InvalidInputException e) {
            assertEquals("missing field `title` at line 1 column 11", e.getMessage());
        }
        try {
            Engine.load("{");
            fail("loaded");
        } catch (JsonSyntaxException e) {
            assertEquals("syntax", e.code());
        }
        String rubric = "{\"id\":\"r\",\"title\":\"t\",\"version\":\"v\",\"total\":\"10\",\"indicators\":[{\"id\":\"A\","
                + "\"name\":\"a\",\"points\":\"5\",\"items\":[{\"id\":\"1\",\"serial\":\"1\",\"points\":\"5\","
                + "\"requirement\":\"\",\"standard\":\"\",\"rules\":[{\"id\":\"1a\",\"label\":\"l\",\"text\":\"t\","
                + "\"trigger\":{\"kind\":\"flag\"},\"penalty\":{\"kind\":\"flat\",\"points\":\"2\"}}]}]}]}";
        try {
            Engine.load(rubric);
            fail("loaded");
        } catch (InvalidRubricException e) {
            assertEquals("invalid-rubric", e.code());
        }
        try {
            Engine.validate(rubric);
            fail("validated");
        } catch (InvalidRubricException e) {
            assertEquals("invalid-rubric", e.code());
        }
    }

    @Test
    public void everyCodeHasItsClass() {
        Set<Class<?>> classes = new HashSet<>();
        for (String code : ErrorCodes.ALL) {
            DuchaException e = DuchaException.of(code, "m", null, null);
            assertEquals(code, e.code());
            assertTrue(code, e.getClass() != DuchaException.class);
            assertTrue(code, classes.add(e.getClass()));
            assertSame(e.getClass(), DuchaException.fromJson(e.toJson()).getClass());
            // The public constructor of the class gives its code.
            try {
                DuchaException made = (DuchaException) e.getClass()
                        .getConstructor(String.class, String.class, String.class).newInstance("m", "p", "i");
                assertEquals(code, made.code());
                assertEquals("p", made.path().get());
            } catch (ReflectiveOperationException r) {
                throw new AssertionError(r);
            }
        }
        assertEquals(18, classes.size());
        DuchaException later = DuchaException.of("a-later-code", "m", "p", "i");
        assertSame(DuchaException.class, later.getClass());
        assertEquals("{\"error\":{\"code\":\"a-later-code\",\"message\":\"m\",\"path\":\"p\",\"id\":\"i\"}}",
                later.toJson());
    }

    @Test
    public void errorJsonIsReadStrictly() {
        String[] bad = {"{}", "{\"error\":{}}", "{\"error\":{\"code\":\"x\"}}",
            "{\"error\":{\"code\":\"x\",\"message\":\"m\",\"extra\":1}}", "[]"};
        for (String json : bad) {
            try {
                DuchaException.fromJson(json);
                fail(json + " was read");
            } catch (InvalidInputException expected) {
                assertEquals("invalid", expected.code());
            }
        }
        DuchaException quoted = DuchaException.of("invalid", "a \"quote\", a \\ and a\nnewline 督查", null, null);
        assertEquals(quoted.getMessage(), DuchaException.fromJson(quoted.toJson()).getMessage());
    }
}
