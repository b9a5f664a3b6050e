package cn.ducha;

import java.math.BigDecimal;
import java.util.List;

/**
 * Writes the scorecard JSON as the core does: compact, keys in the order of
 * the core's report types, optional fields left out when absent. Internal.
 */
final class JsonOut {
    /** How a value of type {@code T} writes itself as one JSON object. */
    interface Writer<T> {
        /**
         * Appends the value's JSON object.
         *
         * @param value the value
         * @param out where to write
         */
        void write(T value, JsonOut out);
    }

    final StringBuilder text;
    private boolean first;

    JsonOut(StringBuilder text) {
        this.text = text;
    }

    /** The JSON of {@code value}. */
    static <T> String of(T value, Writer<T> writer) {
        JsonOut out = new JsonOut(new StringBuilder(256));
        writer.write(value, out);
        return out.text.toString();
    }

    JsonOut begin() {
        text.append('{');
        first = true;
        return this;
    }

    JsonOut end() {
        text.append('}');
        first = false;
        return this;
    }

    private JsonOut key(String name) {
        text.append(first ? "\"" : ",\"").append(name).append("\":");
        first = false;
        return this;
    }

    JsonOut string(String name, String value) {
        key(name);
        Json.writeString(text, value);
        return this;
    }

    JsonOut optString(String name, String value) {
        return value == null ? this : string(name, value);
    }

    JsonOut amount(String name, BigDecimal value) {
        key(name);
        text.append('"').append(Json.amount(value)).append('"');
        return this;
    }

    JsonOut optAmount(String name, BigDecimal value) {
        return value == null ? this : amount(name, value);
    }

    JsonOut bool(String name, boolean value) {
        key(name);
        text.append(value ? "true" : "false");
        return this;
    }

    JsonOut optBool(String name, Boolean value) {
        return value == null ? this : bool(name, value);
    }

    JsonOut u64(String name, long value) {
        key(name);
        text.append(Long.toUnsignedString(value));
        return this;
    }

    JsonOut optU64(String name, Long value) {
        return value == null ? this : u64(name, value);
    }

    /** An object field; {@code null} is written as JSON {@code null}. */
    <T> JsonOut object(String name, T value, Writer<T> writer) {
        key(name);
        if (value == null) {
            text.append("null");
        } else {
            writer.write(value, this);
            first = false;
        }
        return this;
    }

    /** An object field left out when {@code null}. */
    <T> JsonOut optObject(String name, T value, Writer<T> writer) {
        return value == null ? this : object(name, value, writer);
    }

    <T> JsonOut list(String name, List<T> values, Writer<? super T> writer) {
        key(name);
        text.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            writer.write(values.get(i), this);
        }
        text.append(']');
        first = false;
        return this;
    }

    <T> JsonOut optList(String name, List<T> values, Writer<? super T> writer) {
        return values == null ? this : list(name, values, writer);
    }
}
