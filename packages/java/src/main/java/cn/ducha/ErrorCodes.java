package cn.ducha;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The stable error codes of ducha ({@link DuchaException#code()}), as the
 * core and the C ABI write them. Branch on the code (or on the exception's
 * class, one per code); the message is for people.
 */
public final class ErrorCodes {
    private ErrorCodes() {
    }

    /** {@value}: not JSON ({@link JsonSyntaxException}). */
    public static final String SYNTAX = "syntax";
    /** {@value}: bytes that are not UTF-8, or a Java string with a lone surrogate ({@link Utf8Exception}). */
    public static final String UTF8 = "utf8";
    /** {@value}: a required pointer was NULL; the C ABI's, never raised by this binding ({@link NullArgumentException}). */
    public static final String NULL_POINTER = "null-pointer";
    /** {@value}: a failure of the library itself, never expected ({@link InternalException}). */
    public static final String INTERNAL = "internal";
    /** {@value}: above an input limit: 16 MiB, 127 levels of nesting, 100,000 rules or nodes ({@link LimitException}). */
    public static final String LIMIT = "limit";
    /** {@value}: JSON that does not fit the contract; see the path ({@link InvalidInputException}). */
    public static final String INVALID = "invalid";
    /** {@value}: a rubric that fails validation; see the id ({@link InvalidRubricException}). */
    public static final String INVALID_RUBRIC = "invalid-rubric";
    /** {@value}: the inspection names another rubric ({@link RubricMismatchException}). */
    public static final String RUBRIC_MISMATCH = "rubric-mismatch";
    /** {@value}: a fact for a rule the rubric does not have ({@link UnknownRuleException}). */
    public static final String UNKNOWN_RULE = "unknown-rule";
    /** {@value}: a fact of a type its rule does not read ({@link WrongFactTypeException}). */
    public static final String WRONG_FACT_TYPE = "wrong-fact-type";
    /** {@value}: a date rule without the period or date it needs ({@link MissingContextException}). */
    public static final String MISSING_CONTEXT = "missing-context";
    /** {@value}: the working-day calendar does not know a year ({@link CalendarException}). */
    public static final String CALENDAR = "calendar";
    /** {@value}: a malformed deadline case ({@link InvalidCaseException}). */
    public static final String INVALID_CASE = "invalid-case";
    /** {@value}: a value outside what its rule reads, such as a ratio of 96 ({@link OutOfDomainException}). */
    public static final String OUT_OF_DOMAIN = "out-of-domain";
    /** {@value}: a deduction too large to represent ({@link PointsOverflowException}). */
    public static final String OVERFLOW = "overflow";
    /** {@value}: a fact its rule counts but cannot price ({@link InvalidFactException}). */
    public static final String INVALID_FACT = "invalid-fact";
    /** {@value}: a not-applicable mark that cannot be ({@link NotApplicableException}). */
    public static final String NOT_APPLICABLE = "not-applicable";

    /** {@value}: no single version of the rubric in force for the inspection ({@link VersionException}). */
    public static final String VERSION = "version";

    /**
     * Every code, in the core's order.
     */
    public static final List<String> ALL = Collections.unmodifiableList(Arrays.asList(
            SYNTAX, UTF8, NULL_POINTER, INTERNAL, LIMIT, INVALID, INVALID_RUBRIC, RUBRIC_MISMATCH,
            UNKNOWN_RULE, WRONG_FACT_TYPE, MISSING_CONTEXT, CALENDAR, INVALID_CASE, OUT_OF_DOMAIN,
            OVERFLOW, INVALID_FACT, NOT_APPLICABLE, VERSION));
}
