package cn.ducha;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader (RFC 8259) and the string escaping of the core's
 * writer. Internal: the package reads scorecards, errors and diagnostics with
 * it, so it needs no dependency.
 *
 * <p>Values: {@code Map<String, Object>} (a {@link LinkedHashMap}, in document
 * order), {@code List<Object>}, {@link String}, {@link Boolean}, {@link Number}
 * (the literal, unconverted) and {@code null}. Refused: anything RFC 8259
 * refuses (trailing commas, comments, single quotes, leading zeros, raw
 * control characters in strings, text after the value), lone surrogates
 * (escaped or raw), duplicate keys, and nesting deeper than {@link #MAX_DEPTH}.
 * A byte-order mark (U+FEFF) at the start is skipped, as the core skips it.
 */
final class Json {
    /** The deepest nesting read (the core writes at most 127 levels of rubric). */
    static final int MAX_DEPTH = 512;

    /** A JSON number, kept as its literal digits: nothing is rounded. */
    static final class Number {
        /** The literal, exactly as written: {@code -12.5e3}. */
        final String literal;

        Number(String literal) {
            this.literal = literal;
        }

        /** Whether the literal is an integer without fraction or exponent. */
        boolean isInteger() {
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (c == '.' || c == 'e' || c == 'E') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return literal;
        }
    }

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON document.
     *
     * @param text the JSON text
     * @return its value (see the class comment for the types)
     * @throws JsonSyntaxException if the text is not JSON
     * @throws LimitException if it is nested deeper than {@link #MAX_DEPTH}
     */
    static Object parse(String text) {
        Json reader = new Json(text);
        if (text.startsWith("\uFEFF")) {
            reader.at = 1;
        }
        reader.skipSpace();
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.at < text.length()) {
            throw reader.error("trailing characters after the JSON value");
        }
        return value;
    }

    private Object value(int depth) {
        if (at >= text.length()) {
            throw error("EOF while parsing a value");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("expected a value, found " + describe(c));
        }
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        at++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            at++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error(peek() == '}' ? "trailing comma" : "expected a string key");
            }
            int keyAt = at;
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object value = value(depth);
            if (map.containsKey(key)) {
                at = keyAt;
                throw error("duplicate key `" + key + "`");
            }
            map.put(key, value);
            skipSpace();
            char c = peek();
            if (c == ',') {
                at++;
            } else if (c == '}') {
                at++;
                return map;
            } else {
                throw error("expected `,` or `}`");
            }
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        at++; // '['
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            at++;
            return list;
        }
        while (true) {
            skipSpace();
            if (peek() == ']') {
                throw error("trailing comma");
            }
            list.add(value(depth));
            skipSpace();
            char c = peek();
            if (c == ',') {
                at++;
            } else if (c == ']') {
                at++;
                return list;
            } else {
                throw error("expected `,` or `]`");
            }
        }
    }

    private String string() {
        at++; // '"'
        StringBuilder out = null;
        int start = at;
        while (true) {
            if (at >= text.length()) {
                throw error("EOF while parsing a string");
            }
            char c = text.charAt(at);
            if (c == '"') {
                String s = out == null
                        ? text.substring(start, at)
                        : out.append(text, start, at).toString();
                at++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character " + describe(c) + " in a string");
            }
            if (Character.isHighSurrogate(c)) {
                if (at + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(at + 1))) {
                    throw error("lone surrogate in a string");
                }
                at += 2;
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                throw error("lone surrogate in a string");
            }
            if (c != '\\') {
                at++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(text, start, at);
            at++;
            if (at >= text.length()) {
                throw error("EOF while parsing a string");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"':
                    out.append('"');
                    break;
                case '\\':
                    out.append('\\');
                    break;
                case '/':
                    out.append('/');
                    break;
                case 'b':
                    out.append('\b');
                    break;
                case 'f':
                    out.append('\f');
                    break;
                case 'n':
                    out.append('\n');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'u':
                    char u = hex4();
                    if (Character.isHighSurrogate(u)) {
                        if (!text.startsWith("\\u", at)) {
                            throw error("lone surrogate in a string");
                        }
                        at += 2;
                        char low = hex4();
                        if (!Character.isLowSurrogate(low)) {
                            throw error("lone surrogate in a string");
                        }
                        out.append(u).append(low);
                    } else if (Character.isLowSurrogate(u)) {
                        throw error("lone surrogate in a string");
                    } else {
                        out.append(u);
                    }
                    break;
                default:
                    at--;
                    throw error("invalid escape " + describe(e));
            }
            start = at;
        }
    }

    private char hex4() {
        if (at + 4 > text.length()) {
            throw error("EOF while parsing a \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(at), 16);
            if (d < 0 || text.charAt(at) > 'f') {
                throw error("invalid \\u escape");
            }
            v = v * 16 + d;
            at++;
        }
        return (char) v;
    }

    private Number number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
            if (isDigit(peek())) {
                throw error("leading zero in a number");
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            at++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        return new Number(text.substring(start, at));
    }

    private void digits() {
        while (isDigit(peek())) {
            at++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        if (!text.startsWith(word, at)) {
            throw error("expected `" + word + "`");
        }
        at += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected `" + c + "`");
        }
        at++;
    }

    /** The next character, or NUL at the end (never valid where peeked). */
    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new LimitException("JSON nested deeper than " + MAX_DEPTH + " levels" + where(), null, null);
        }
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : "`" + c + "`";
    }

    /** " at line L column C" of the current position (columns count characters). */
    private String where() {
        int line = 1;
        int column = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return " at line " + line + " column " + column;
    }

    private JsonSyntaxException error(String message) {
        return new JsonSyntaxException(message + where(), null, null);
    }

    // ---- writing ----------------------------------------------------------

    /**
     * Appends {@code s} as a JSON string literal, escaped exactly as the core
     * (and serde_json) escapes it: {@code "}, {@code \}, {@code \n}, {@code \r},
     * {@code \t}, {@code \b}, {@code \f} by their short escapes, other control
     * characters as {@code \u005Cu00xx} escapes, everything else as is.
     */
    static void writeString(StringBuilder out, String s) {
        out.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, start, i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
            start = i + 1;
        }
        out.append(s, start, s.length()).append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * An amount as the core writes it: plain digits without trailing zeros
     * ({@code "97.5"}, {@code "100"}, {@code "0"}), never an exponent.
     */
    static String amount(java.math.BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /** An unmodifiable copy of {@code list}. */
    static <T> List<T> freeze(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
