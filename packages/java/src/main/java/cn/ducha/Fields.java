package cn.ducha;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object strictly, as the core's serde types
 * do: a required field missing, a field of the wrong type, or a field the
 * type does not have is an {@link InvalidInputException} naming its path
 * ({@code indicators[0].items[2].rules[0].raw}). Internal.
 */
final class Fields {
    /** An amount as the core writes it: optional minus, digits, optional fraction. */
    private static final Pattern AMOUNT = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

    /** Reads one value at a path: a list element or an object's field. */
    interface Reader<T> {
        /**
         * Reads the value.
         *
         * @param value the JSON value
         * @param path its path, for errors
         * @return the typed value
         */
        T read(Object value, String path);
    }

    private final Map<String, Object> map;
    private final String path;
    private final Set<String> seen = new HashSet<>();

    private Fields(Map<String, Object> map, String path) {
        this.map = map;
        this.path = path;
    }

    /**
     * The fields of {@code value}, which must be an object.
     *
     * @param value the JSON value
     * @param path its path ("" for the document)
     * @param what what it should be, for the error: "a scorecard"
     * @return its fields
     */
    @SuppressWarnings("unchecked")
    static Fields of(Object value, String path, String what) {
        if (!(value instanceof Map)) {
            throw invalid(path, "expected " + what + " (an object), got " + kind(value));
        }
        return new Fields((Map<String, Object>) value, path);
    }

    /** The path of field {@code key} of an object at {@code path}. */
    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String at(String key) {
        return child(path, key);
    }

    private Object required(String key) {
        seen.add(key);
        if (!map.containsKey(key)) {
            throw invalid(path, "missing field `" + key + "`");
        }
        return map.get(key);
    }

    /** Whether the field is present (even as {@code null}). */
    boolean has(String key) {
        return map.containsKey(key);
    }

    String string(String key) {
        return string(required(key), at(key));
    }

    String optString(String key) {
        seen.add(key);
        return map.containsKey(key) ? string(map.get(key), at(key)) : null;
    }

    BigDecimal amount(String key) {
        return amount(required(key), at(key));
    }

    BigDecimal optAmount(String key) {
        seen.add(key);
        return map.containsKey(key) ? amount(map.get(key), at(key)) : null;
    }

    boolean bool(String key) {
        return bool(required(key), at(key));
    }

    Boolean optBool(String key) {
        seen.add(key);
        return map.containsKey(key) ? bool(map.get(key), at(key)) : null;
    }

    long u64(String key) {
        return u64(required(key), at(key));
    }

    Long optU64(String key) {
        seen.add(key);
        return map.containsKey(key) ? u64(map.get(key), at(key)) : null;
    }

    <T> List<T> list(String key, Reader<T> element) {
        return list(required(key), at(key), element);
    }

    <T> List<T> optList(String key, Reader<T> element) {
        seen.add(key);
        return map.containsKey(key) ? list(map.get(key), at(key), element) : null;
    }

    <T> T object(String key, Reader<T> reader) {
        return reader.read(required(key), at(key));
    }

    <T> T optObject(String key, Reader<T> reader) {
        seen.add(key);
        return map.containsKey(key) ? reader.read(map.get(key), at(key)) : null;
    }

    /** The field's raw value, which may be {@code null}; required. */
    Object raw(String key) {
        return required(key);
    }

    /**
     * Refuses any field not read.
     *
     * @param expected the type's fields, in order, for the message
     */
    void done(String... expected) {
        for (String key : map.keySet()) {
            if (!seen.contains(key)) {
                StringBuilder names = new StringBuilder();
                for (String name : expected) {
                    names.append(names.length() == 0 ? "" : ", ").append('`').append(name).append('`');
                }
                throw invalid(at(key), "unknown field `" + key + "`, expected one of " + names);
            }
        }
    }

    // ---- values ---------------------------------------------------------

    static String string(Object value, String path) {
        if (!(value instanceof String)) {
            throw invalid(path, "expected a string, got " + kind(value));
        }
        return (String) value;
    }

    /** An amount: a decimal string such as {@code "97.5"}, or a JSON number. */
    static BigDecimal amount(Object value, String path) {
        String digits;
        if (value instanceof String) {
            digits = (String) value;
        } else if (value instanceof Json.Number) {
            digits = ((Json.Number) value).literal;
        } else {
            throw invalid(path, "expected an amount (a decimal string such as \"97.5\"), got " + kind(value));
        }
        if (value instanceof String && !AMOUNT.matcher(digits).matches()) {
            throw invalid(path, "invalid amount `" + digits + "`, expected a decimal such as \"97.5\"");
        }
        try {
            return new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw invalid(path, "invalid amount `" + digits + "`");
        }
    }

    static boolean bool(Object value, String path) {
        if (!(value instanceof Boolean)) {
            throw invalid(path, "expected a boolean, got " + kind(value));
        }
        return (Boolean) value;
    }

    /** A count: a whole JSON number from 0 to 2^64 − 1 (kept in a long, unsigned). */
    static long u64(Object value, String path) {
        if (value instanceof Json.Number && ((Json.Number) value).isInteger()) {
            String digits = ((Json.Number) value).literal;
            if (!digits.startsWith("-")) {
                try {
                    return Long.parseUnsignedLong(digits);
                } catch (NumberFormatException e) {
                    // above 2^64 - 1: refused below
                }
            }
            throw invalid(path, "invalid count `" + digits + "`, expected a whole number from 0 to 18446744073709551615");
        }
        throw invalid(path, "expected a count (a whole number), got " + kind(value));
    }

    static <T> List<T> list(Object value, String path, Reader<T> element) {
        if (!(value instanceof List)) {
            throw invalid(path, "expected a list, got " + kind(value));
        }
        List<?> values = (List<?>) value;
        List<T> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(element.read(values.get(i), path + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
    }

    /** What kind of JSON value {@code value} is, for messages. */
    static String kind(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof Json.Number) {
            return "a number";
        } else if (value instanceof List) {
            return "a list";
        }
        return "an object";
    }

    static InvalidInputException invalid(String path, String message) {
        return new InvalidInputException(message, path.isEmpty() ? null : path, null);
    }
}
