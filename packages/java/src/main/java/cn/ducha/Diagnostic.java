package cn.ducha;

import java.util.List;
import java.util.Objects;

/**
 * Something valid but probably not meant in a rubric ({@link Engine#diagnostics()},
 * {@link Engine#validate(String)}): two items printing the same serial, rules
 * that can deduct more than their item's points, and so on.
 *
 * <p>Immutable and thread-safe.
 */
public final class Diagnostic {
    private final String code;
    private final String id;
    private final String message;

    private Diagnostic(Fields f) {
        code = f.string("code");
        id = f.string("id");
        message = f.string("message");
        f.done("code", "id", "message");
    }

    static Diagnostic read(Object value, String path) {
        return new Diagnostic(Fields.of(value, path, "a diagnostic"));
    }

    /** The diagnostics of the core's {@code {"diagnostics":[…]}} JSON. */
    static List<Diagnostic> list(String json) {
        Fields f = Fields.of(Json.parse(json), "", "diagnostics");
        List<Diagnostic> list = f.list("diagnostics", Diagnostic::read);
        f.done("diagnostics");
        return list;
    }

    /**
     * The stable kind, for tools to match on: {@code duplicate-serial},
     * {@code serial-gap}, {@code exceeds-points}, {@code cap-below-amount},
     * {@code unbounded-rule}, {@code points-mismatch}, {@code empty-text},
     * {@code unreachable-band}, {@code unused-exemptions},
     * {@code unreachable-bonus}, {@code unreachable-grade},
     * {@code na-without-policy}, or one a later
     * core adds.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * The node or rule concerned.
     *
     * @return its id
     */
    public String id() {
        return id;
    }

    /**
     * What is wrong, in words, for people.
     *
     * @return the message
     */
    public String message() {
        return message;
    }

    /**
     * This diagnostic as the core's JSON.
     *
     * @return {@code {"code":…,"id":…,"message":…}}
     */
    public String toJson() {
        JsonOut out = new JsonOut(new StringBuilder(64 + message.length()));
        out.begin().string("code", code).string("id", id).string("message", message).end();
        return out.text.toString();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Diagnostic)) {
            return false;
        }
        Diagnostic d = (Diagnostic) other;
        return code.equals(d.code) && id.equals(d.id) && message.equals(d.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, id, message);
    }

    /**
     * The diagnostic for logs.
     *
     * @return {@code duplicate-serial 11-2: …}
     */
    @Override
    public String toString() {
        return code + " " + id + ": " + message;
    }
}
