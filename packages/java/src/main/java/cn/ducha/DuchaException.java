package cn.ducha;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure reported by ducha: a stable {@link #code() code}, a message for
 * people ({@link #getMessage()}), and where: the {@link #path() path} in the
 * input JSON ({@code facts.7a[0].start}) and the {@link #id() id} of the
 * rule, node or rubric concerned, when they apply.
 *
 * <p>Each code has its own subclass ({@link UnknownRuleException} for
 * {@code unknown-rule}, and so on; see {@link ErrorCodes}), so a caller can
 * catch the failures it expects by class, or catch {@code DuchaException}
 * and branch on {@link #code()}. A code that a later core adds arrives as a
 * plain {@code DuchaException} with that code.
 *
 * <p>Unchecked: bad input is the caller's to prevent or to catch. Java-side
 * misuse throws the usual Java exceptions instead: {@link NullPointerException}
 * for a {@code null} argument, {@link IllegalStateException} for an engine
 * used after {@link Engine#close()}.
 */
public class DuchaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The stable code. */
    private final String code;
    /** Where in the input, or {@code null}. */
    private final String path;
    /** The rule, node or rubric concerned, or {@code null}. */
    private final String id;
    /** The error JSON as the native library wrote it, or {@code null}. */
    private final String json;

    /**
     * An error with this code, message, path and id.
     *
     * @param code the stable code: one of {@link ErrorCodes}, or another
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     * @throws NullPointerException if {@code code} or {@code message} is null
     */
    public DuchaException(String code, String message, String path, String id) {
        this(code, message, path, id, null);
    }

    DuchaException(String code, String message, String path, String id, String json) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.path = path;
        this.id = id;
        this.json = json;
    }

    /**
     * The stable machine code: {@code unknown-rule}, {@code invalid}, …
     *
     * @return one of {@link ErrorCodes} (or a code a later core adds)
     */
    public String code() {
        return code;
    }

    /**
     * Where in the input the error is, as a path: {@code facts.7a[0].start}.
     *
     * @return the path, or empty when the error has none
     */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /**
     * The rule, node or rubric concerned: {@code 7z}.
     *
     * @return the id, or empty when the error has none
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * The error as the core's JSON: {@code {"error":{"code":…,"message":…,"path":…,"id":…}}},
     * {@code path} and {@code id} only when present. For an error from the
     * native library, exactly the text it wrote.
     *
     * @return the JSON text
     */
    public String toJson() {
        if (json != null) {
            return json;
        }
        StringBuilder out = new StringBuilder(64 + getMessage().length());
        out.append("{\"error\":{\"code\":");
        Json.writeString(out, code);
        out.append(",\"message\":");
        Json.writeString(out, getMessage());
        if (path != null) {
            out.append(",\"path\":");
            Json.writeString(out, path);
        }
        if (id != null) {
            out.append(",\"id\":");
            Json.writeString(out, id);
        }
        return out.append("}}").toString();
    }

    /**
     * The error for logs: class, code, message, path and id.
     *
     * @return {@code cn.ducha.UnknownRuleException: [unknown-rule] unknown rule `7z` (id 7z)}
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(getClass().getName()).append(": [").append(code).append("] ")
                .append(getMessage());
        if (path != null || id != null) {
            out.append(" (");
            if (path != null) {
                out.append("path ").append(path);
            }
            if (id != null) {
                out.append(path != null ? ", id " : "id ").append(id);
            }
            out.append(')');
        }
        return out.toString();
    }

    /**
     * The exception of this code, of its class: {@link UnknownRuleException}
     * for {@code unknown-rule}, a plain {@code DuchaException} for a code
     * this version does not know.
     *
     * @param code the stable code
     * @param message what went wrong
     * @param path where in the input, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     * @return the exception (not thrown)
     * @throws NullPointerException if {@code code} or {@code message} is null
     */
    public static DuchaException of(String code, String message, String path, String id) {
        return of(code, message, path, id, null);
    }

    /**
     * Reads an error JSON of the core's shape,
     * {@code {"error":{"code","message","path"?,"id"?}}}.
     *
     * @param json the error JSON, such as one from {@link #toJson()}
     * @return the exception of its code's class (not thrown), whose
     *     {@link #toJson()} is {@code json}
     * @throws JsonSyntaxException if the text is not JSON
     * @throws InvalidInputException if it is not an error JSON
     * @throws NullPointerException if {@code json} is null
     */
    public static DuchaException fromJson(String json) {
        Fields outer = Fields.of(Json.parse(Objects.requireNonNull(json, "json")), "", "an error");
        Fields f = outer.object("error", (value, path) -> Fields.of(value, path, "an error"));
        outer.done("error");
        String code = f.string("code");
        String message = f.string("message");
        String path = f.optString("path");
        String id = f.optString("id");
        f.done("code", "message", "path", "id");
        return of(code, message, path, id, json);
    }

    /** The error of a native call's error JSON; an {@code internal} one if it is not one. */
    static DuchaException fromNative(String json) {
        try {
            return fromJson(json);
        } catch (DuchaException e) {
            return new InternalException("the native library returned an error this binding cannot read ("
                    + e.getMessage() + "): " + json, null, null);
        }
    }

    static DuchaException of(String code, String message, String path, String id, String json) {
        switch (code) {
            case ErrorCodes.SYNTAX:
                return new JsonSyntaxException(message, path, id, json);
            case ErrorCodes.UTF8:
                return new Utf8Exception(message, path, id, json);
            case ErrorCodes.NULL_POINTER:
                return new NullArgumentException(message, path, id, json);
            case ErrorCodes.INTERNAL:
                return new InternalException(message, path, id, json);
            case ErrorCodes.LIMIT:
                return new LimitException(message, path, id, json);
            case ErrorCodes.INVALID:
                return new InvalidInputException(message, path, id, json);
            case ErrorCodes.INVALID_RUBRIC:
                return new InvalidRubricException(message, path, id, json);
            case ErrorCodes.RUBRIC_MISMATCH:
                return new RubricMismatchException(message, path, id, json);
            case ErrorCodes.UNKNOWN_RULE:
                return new UnknownRuleException(message, path, id, json);
            case ErrorCodes.WRONG_FACT_TYPE:
                return new WrongFactTypeException(message, path, id, json);
            case ErrorCodes.MISSING_CONTEXT:
                return new MissingContextException(message, path, id, json);
            case ErrorCodes.CALENDAR:
                return new CalendarException(message, path, id, json);
            case ErrorCodes.INVALID_CASE:
                return new InvalidCaseException(message, path, id, json);
            case ErrorCodes.OUT_OF_DOMAIN:
                return new OutOfDomainException(message, path, id, json);
            case ErrorCodes.OVERFLOW:
                return new PointsOverflowException(message, path, id, json);
            case ErrorCodes.INVALID_FACT:
                return new InvalidFactException(message, path, id, json);
            case ErrorCodes.NOT_APPLICABLE:
                return new NotApplicableException(message, path, id, json);
            case ErrorCodes.VERSION:
                return new VersionException(message, path, id, json);
            default:
                return new DuchaException(code, message, path, id, json);
        }
    }
}
