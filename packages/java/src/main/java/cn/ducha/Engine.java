package cn.ducha;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A rubric loaded once, parsed and validated, ready to score any number of
 * inspections: the native engine of the C ABI ({@code ducha_engine_*}).
 *
 * <pre>{@code
 * try (Engine engine = Engine.load(rubricJson)) {       // or Engine.seed()
 *     Scorecard card = engine.evaluate(inspectionJson);  // typed; or evaluateJson for the text
 *     System.out.println(card.score());                  // a BigDecimal
 * } catch (UnknownRuleException e) {
 *     System.out.println(e.code() + " " + e.id().orElse(""));
 * }
 * }</pre>
 *
 * <p><b>Inputs</b> are JSON, as a {@link String} or as UTF-8 bytes
 * ({@code byte[]}, passed to the library as they are, with their length).
 * A string is encoded to UTF-8 here, never with the platform's charset, so
 * Chinese text works under any locale ({@code LANG=C} included); a string
 * holding a lone surrogate has no UTF-8 form and is refused with a
 * {@link Utf8Exception}. Bytes that are not UTF-8 (GBK, UTF-16) are refused
 * by the library with the same exception, naming the byte offset.
 *
 * <p><b>Outputs</b> are the library's text, read as UTF-8 bytes: scorecards
 * ({@link #evaluate(String)} typed, {@link #evaluateJson(String)} as text,
 * {@link #evaluateUtf8(byte[])} as the exact bytes), diagnostics and the
 * rubric's JSON. Every failure is a {@link DuchaException}, of the subclass
 * of its code.
 *
 * <p><b>Threads</b>: any number of threads may call {@code evaluate*},
 * {@code diagnostics*}, {@link #rubricJson()} and {@link #copy()} on one
 * engine at once. {@link #addCalendarYear(String)} and {@link #close()} need
 * the engine to themselves: this class enforces it with a read-write lock
 * (they wait for the calls running and hold off new ones), so no call can
 * use a freed or changing engine. To update a shared engine without pausing
 * its readers, use {@link #withCalendarYear(String)} and swap the new engine
 * in.
 *
 * <p><b>Memory</b>: the engine lives in native memory; {@link #close()}
 * frees it (try-with-resources). An engine never closed is freed only when
 * the process ends. After {@code close()}, every method but {@code close()}
 * and {@link #isClosed()} throws {@link IllegalStateException}; closing
 * twice is harmless.
 */
public final class Engine implements AutoCloseable {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Lock reading = lock.readLock();
    private final Lock writing = lock.writeLock();
    /** The native engine; {@code null} once closed. Guarded by {@link #lock}. */
    private Pointer handle;

    private Engine(Pointer handle) {
        this.handle = handle;
    }

    // ---- making engines ---------------------------------------------------

    /**
     * An engine of the built-in seed rubric: the Yuxi 双随机、一公开
     * scorecard ({@code yuxi-shuangsuiji}).
     *
     * @return a new engine, to be closed
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static Engine seed() {
        Lib.ensureLoaded();
        Pointer handle = Lib.ducha_engine_seed();
        if (handle == null) {
            throw new InternalException("ducha_engine_seed returned NULL", null, null);
        }
        return new Engine(handle);
    }

    /**
     * Loads a rubric from its JSON, parsed and validated once.
     *
     * @param rubricJson the rubric JSON
     * @return a new engine, to be closed
     * @throws DuchaException if the rubric does not load: {@link JsonSyntaxException},
     *     {@link Utf8Exception}, {@link LimitException}, {@link InvalidInputException}
     *     (see its path) or {@link InvalidRubricException} (see its id)
     * @throws NullPointerException if {@code rubricJson} is null
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static Engine load(String rubricJson) {
        return load(utf8(rubricJson, "the rubric"));
    }

    /**
     * Loads a rubric from its JSON as UTF-8 bytes (a byte-order mark at the
     * start is skipped).
     *
     * @param rubricJson the rubric JSON, UTF-8
     * @return a new engine, to be closed
     * @throws DuchaException if the rubric does not load, as {@link #load(String)}
     * @throws NullPointerException if {@code rubricJson} is null
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static Engine load(byte[] rubricJson) {
        Objects.requireNonNull(rubricJson, "rubricJson");
        Lib.ensureLoaded();
        PointerByReference error = new PointerByReference();
        Pointer handle = Lib.ducha_engine_load(Lib.nonEmpty(rubricJson), Lib.length(rubricJson), error);
        if (handle == null) {
            String json = Lib.takeString(error.getValue());
            throw json == null
                    ? new InternalException("ducha_engine_load returned NULL and no error", null, null)
                    : DuchaException.fromNative(json);
        }
        return new Engine(handle);
    }

    /**
     * Loads a rubric from a JSON file (UTF-8).
     *
     * @param rubricFile the file
     * @return a new engine, to be closed
     * @throws IOException if the file cannot be read
     * @throws DuchaException if the rubric does not load, as {@link #load(String)}
     * @throws NullPointerException if {@code rubricFile} is null
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static Engine load(Path rubricFile) throws IOException {
        return load(Files.readAllBytes(Objects.requireNonNull(rubricFile, "rubricFile")));
    }

    /**
     * An independent copy of this engine ({@code ducha_engine_clone}): the
     * same rubric and calendar, closed separately.
     *
     * @return a new engine, to be closed
     * @throws IllegalStateException if this engine is closed
     */
    public Engine copy() {
        reading.lock();
        try {
            Pointer copy = Lib.ducha_engine_clone(open());
            if (copy == null) {
                throw new InternalException("ducha_engine_clone returned NULL", null, null);
            }
            return new Engine(copy);
        } finally {
            reading.unlock();
        }
    }

    // ---- scoring ------------------------------------------------------------

    /**
     * Scores an inspection.
     *
     * @param inspectionJson the inspection JSON
     * @return the typed scorecard; its {@link Scorecard#json()} is the core's text
     * @throws DuchaException if the inspection cannot be scored, of the
     *     subclass of its code ({@link UnknownRuleException},
     *     {@link InvalidInputException}, {@link CalendarException}, …)
     * @throws NullPointerException if {@code inspectionJson} is null
     * @throws IllegalStateException if the engine is closed
     */
    public Scorecard evaluate(String inspectionJson) {
        return evaluate(utf8(inspectionJson, "the inspection"));
    }

    /**
     * Scores an inspection given as UTF-8 bytes.
     *
     * @param inspectionJson the inspection JSON, UTF-8
     * @return the typed scorecard; its {@link Scorecard#json()} is the core's text
     * @throws DuchaException if the inspection cannot be scored, as {@link #evaluate(String)}
     * @throws NullPointerException if {@code inspectionJson} is null
     * @throws IllegalStateException if the engine is closed
     */
    public Scorecard evaluate(byte[] inspectionJson) {
        String json = evaluateJson(inspectionJson);
        try {
            return Scorecard.parse(json);
        } catch (DuchaException e) {
            throw new InternalException("the scorecard from the native library does not fit this binding: "
                    + e + "; is the library (" + Lib.LOCATION + ") of another version?", null, null);
        }
    }

    /**
     * Scores an inspection read from a JSON file (UTF-8).
     *
     * @param inspectionFile the file
     * @return the typed scorecard; its {@link Scorecard#json()} is the core's text
     * @throws IOException if the file cannot be read
     * @throws DuchaException if the inspection cannot be scored, as {@link #evaluate(String)}
     * @throws NullPointerException if {@code inspectionFile} is null
     * @throws IllegalStateException if the engine is closed
     */
    public Scorecard evaluate(Path inspectionFile) throws IOException {
        return evaluate(Files.readAllBytes(Objects.requireNonNull(inspectionFile, "inspectionFile")));
    }

    /**
     * Scores an inspection and returns the scorecard JSON as the core wrote
     * it (compact, keys in a fixed order).
     *
     * @param inspectionJson the inspection JSON
     * @return the scorecard JSON
     * @throws DuchaException if the inspection cannot be scored, as {@link #evaluate(String)}
     * @throws NullPointerException if {@code inspectionJson} is null
     * @throws IllegalStateException if the engine is closed
     */
    public String evaluateJson(String inspectionJson) {
        return evaluateJson(utf8(inspectionJson, "the inspection"));
    }

    /**
     * Scores an inspection given as UTF-8 bytes and returns the scorecard
     * JSON as the core wrote it.
     *
     * @param inspectionJson the inspection JSON, UTF-8
     * @return the scorecard JSON
     * @throws DuchaException if the inspection cannot be scored, as {@link #evaluate(String)}
     * @throws NullPointerException if {@code inspectionJson} is null
     * @throws IllegalStateException if the engine is closed
     */
    public String evaluateJson(byte[] inspectionJson) {
        return new String(evaluateUtf8(inspectionJson), StandardCharsets.UTF_8);
    }

    /**
     * Scores an inspection given as UTF-8 bytes and returns the scorecard
     * JSON's exact bytes: what every host of the C ABI gets for the same
     * input (the files of {@code tests/conformance}).
     *
     * @param inspectionJson the inspection JSON, UTF-8
     * @return the scorecard JSON, UTF-8, without a NUL
     * @throws DuchaException if the inspection cannot be scored, as {@link #evaluate(String)}
     * @throws NullPointerException if {@code inspectionJson} is null
     * @throws IllegalStateException if the engine is closed
     */
    public byte[] evaluateUtf8(byte[] inspectionJson) {
        Objects.requireNonNull(inspectionJson, "inspectionJson");
        PointerByReference out = new PointerByReference();
        int status;
        reading.lock();
        try {
            status = Lib.ducha_evaluate(open(), Lib.nonEmpty(inspectionJson), Lib.length(inspectionJson), out);
        } finally {
            reading.unlock();
        }
        return result("ducha_evaluate", status, out);
    }

    /**
     * Scores many assessees' inspections in one call and returns the batch
     * report JSON: every entry's {@code scorecard} or {@code error} in input
     * order, the {@code ranking} with shared places (并列), the
     * {@code incomplete} and {@code failed} entries, and the {@code summary}
     * per node and rule (the main README, <i>Batches</i>). The input is
     * {@code {"assessees":[{"id","name"?,"inspection"},…],"rank_incomplete"?}}.
     * One inspection that fails is its entry's error, never the call's.
     *
     * @param batchJson the batch JSON
     * @return the batch report JSON
     * @throws DuchaException only if the batch document itself is malformed
     *     (not JSON, not the batch shape, an empty or repeated id)
     * @throws NullPointerException if {@code batchJson} is null
     * @throws IllegalStateException if the engine is closed
     */
    public String evaluateBatchJson(String batchJson) {
        byte[] bytes = utf8(batchJson, "the batch");
        PointerByReference out = new PointerByReference();
        int status;
        reading.lock();
        try {
            status = Lib.ducha_evaluate_batch(open(), Lib.nonEmpty(bytes), Lib.length(bytes), out);
        } finally {
            reading.unlock();
        }
        return new String(result("ducha_evaluate_batch", status, out), StandardCharsets.UTF_8);
    }

    /**
     * The JSON Schema (draft 2020-12) of this rubric's inspections, for a
     * form builder: each rule id under {@code facts} with the fact forms its
     * trigger reads, titled with the rule's label.
     *
     * @return the schema JSON (the same bytes for the same rubric)
     * @throws IllegalStateException if the engine is closed
     */
    public String inspectionSchema() {
        PointerByReference out = new PointerByReference();
        int status;
        reading.lock();
        try {
            status = Lib.ducha_inspection_schema(open(), out);
        } finally {
            reading.unlock();
        }
        return new String(result("ducha_inspection_schema", status, out), StandardCharsets.UTF_8);
    }

    // ---- the rubric ---------------------------------------------------------

    /**
     * The rubric's diagnostics: what is valid but probably not meant.
     *
     * @return an unmodifiable list, empty for a clean rubric
     * @throws IllegalStateException if the engine is closed
     */
    public List<Diagnostic> diagnostics() {
        return Diagnostic.list(diagnosticsJson());
    }

    /**
     * The rubric's diagnostics as the core's JSON:
     * {@code {"diagnostics":[{"code":…,"id":…,"message":…},…]}}.
     *
     * @return the JSON text
     * @throws IllegalStateException if the engine is closed
     */
    public String diagnosticsJson() {
        PointerByReference out = new PointerByReference();
        int status;
        reading.lock();
        try {
            status = Lib.ducha_diagnostics(open(), out);
        } finally {
            reading.unlock();
        }
        return new String(result("ducha_diagnostics", status, out), StandardCharsets.UTF_8);
    }

    /**
     * The engine's rubric as JSON: what {@link #load(String)} reads.
     *
     * @return the rubric JSON
     * @throws IllegalStateException if the engine is closed
     */
    public String rubricJson() {
        PointerByReference out = new PointerByReference();
        int status;
        reading.lock();
        try {
            status = Lib.ducha_rubric_json(open(), out);
        } finally {
            reading.unlock();
        }
        return new String(result("ducha_rubric_json", status, out), StandardCharsets.UTF_8);
    }

    // ---- the calendar -------------------------------------------------------

    /**
     * Adds a year to the engine's working-day calendar, or replaces it, from
     * JSON in the holiday-cn shape:
     * {@code {"year":2027,"papers":["https://…"],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true},…]}}.
     * The core knows 2018 to 2026; add a year when the State Council
     * publishes its schedule.
     *
     * <p>Needs the engine to itself: it waits for the calls running on other
     * threads, and holds off new ones until it is done.
     *
     * @param yearJson the year's JSON
     * @throws DuchaException if the JSON is not a calendar year
     *     ({@link InvalidInputException}, {@link JsonSyntaxException}, …);
     *     the engine is then unchanged
     * @throws NullPointerException if {@code yearJson} is null
     * @throws IllegalStateException if the engine is closed
     */
    public void addCalendarYear(String yearJson) {
        addCalendarYear(utf8(yearJson, "the calendar year"));
    }

    /**
     * Adds another version of the rubric (the same id, another
     * {@code version}, each version with its {@code in_force} dates): each
     * inspection is then scored against the version in force for its period
     * (or on its {@code as_of} date), and its scorecard names the version
     * ({@link Scorecard#version()}); none or several in force is a
     * {@link VersionException}. Needs the engine to itself, as
     * {@link #addCalendarYear(String)} does.
     *
     * @param rubricJson the other version's rubric JSON
     * @throws DuchaException if it is not a rubric, or not another version
     *     of this one ({@link InvalidRubricException})
     * @throws NullPointerException if {@code rubricJson} is null
     * @throws IllegalStateException if the engine is closed
     */
    public void addVersion(String rubricJson) {
        byte[] bytes = utf8(rubricJson, "the rubric");
        PointerByReference error = new PointerByReference();
        int status;
        writing.lock();
        try {
            status = Lib.ducha_engine_add_version(open(), Lib.nonEmpty(bytes), Lib.length(bytes), error);
        } finally {
            writing.unlock();
        }
        String json = Lib.takeString(error.getValue());
        if (status == Lib.OK) {
            return;
        }
        throw json == null || status != Lib.ERROR
                ? new InternalException("ducha_engine_add_version returned " + status + " and " + json, null, null)
                : DuchaException.fromNative(json);
    }

    /**
     * Adds a calendar year given as UTF-8 bytes; as {@link #addCalendarYear(String)}.
     *
     * @param yearJson the year's JSON, UTF-8
     * @throws DuchaException if the JSON is not a calendar year
     * @throws NullPointerException if {@code yearJson} is null
     * @throws IllegalStateException if the engine is closed
     */
    public void addCalendarYear(byte[] yearJson) {
        Objects.requireNonNull(yearJson, "yearJson");
        PointerByReference error = new PointerByReference();
        int status;
        writing.lock();
        try {
            status = Lib.ducha_add_calendar_year(open(), Lib.nonEmpty(yearJson), Lib.length(yearJson), error);
        } finally {
            writing.unlock();
        }
        String json = Lib.takeString(error.getValue());
        if (status == Lib.OK) {
            return;
        }
        throw json == null || status != Lib.ERROR
                ? new InternalException("ducha_add_calendar_year returned " + status + " and " + json, null, null)
                : DuchaException.fromNative(json);
    }

    /**
     * A copy of this engine with a calendar year added; this engine is
     * unchanged and keeps serving other threads meanwhile.
     *
     * @param yearJson the year's JSON, as {@link #addCalendarYear(String)}
     * @return a new engine, to be closed
     * @throws DuchaException if the JSON is not a calendar year
     * @throws NullPointerException if {@code yearJson} is null
     * @throws IllegalStateException if this engine is closed
     */
    public Engine withCalendarYear(String yearJson) {
        byte[] year = utf8(yearJson, "the calendar year");
        Engine copy = copy();
        try {
            copy.addCalendarYear(year);
            return copy;
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    // ---- without an engine --------------------------------------------------

    /**
     * Validates a rubric without keeping it and lists its diagnostics.
     *
     * @param rubricJson the rubric JSON
     * @return an unmodifiable list, empty for a clean rubric
     * @throws DuchaException if the rubric is not valid at all, as {@link #load(String)}
     * @throws NullPointerException if {@code rubricJson} is null
     */
    public static List<Diagnostic> validate(String rubricJson) {
        return Diagnostic.list(validateJson(rubricJson));
    }

    /**
     * Validates a rubric given as UTF-8 bytes; as {@link #validate(String)}.
     *
     * @param rubricJson the rubric JSON, UTF-8
     * @return an unmodifiable list, empty for a clean rubric
     * @throws DuchaException if the rubric is not valid at all
     * @throws NullPointerException if {@code rubricJson} is null
     */
    public static List<Diagnostic> validate(byte[] rubricJson) {
        return Diagnostic.list(validateJson(rubricJson));
    }

    /**
     * Validates a rubric and returns its diagnostics as the core's JSON, as
     * {@link #diagnosticsJson()}.
     *
     * @param rubricJson the rubric JSON
     * @return the JSON text
     * @throws DuchaException if the rubric is not valid at all
     * @throws NullPointerException if {@code rubricJson} is null
     */
    public static String validateJson(String rubricJson) {
        return validateJson(utf8(rubricJson, "the rubric"));
    }

    /**
     * Validates a rubric given as UTF-8 bytes and returns its diagnostics as
     * the core's JSON.
     *
     * @param rubricJson the rubric JSON, UTF-8
     * @return the JSON text
     * @throws DuchaException if the rubric is not valid at all
     * @throws NullPointerException if {@code rubricJson} is null
     */
    public static String validateJson(byte[] rubricJson) {
        Objects.requireNonNull(rubricJson, "rubricJson");
        Lib.ensureLoaded();
        PointerByReference out = new PointerByReference();
        int status = Lib.ducha_validate(Lib.nonEmpty(rubricJson), Lib.length(rubricJson), out);
        return new String(result("ducha_validate", status, out), StandardCharsets.UTF_8);
    }

    /**
     * The native library's version ({@code ducha_version}).
     *
     * @return the version: {@code "0.1.0"}
     * @throws UnsatisfiedLinkError if the native library cannot be loaded
     */
    public static String version() {
        Lib.ensureLoaded();
        return new String(Lib.bytes(Lib.ducha_version()), StandardCharsets.UTF_8);
    }

    // ---- closing ------------------------------------------------------------

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        reading.lock();
        try {
            return handle == null;
        } finally {
            reading.unlock();
        }
    }

    /**
     * Frees the native engine ({@code ducha_engine_free}), after the calls
     * running on other threads finish. Closing twice is harmless.
     */
    @Override
    public void close() {
        writing.lock();
        try {
            if (handle != null) {
                Lib.ducha_engine_free(handle);
                handle = null;
            }
        } finally {
            writing.unlock();
        }
    }

    /**
     * The engine for logs.
     *
     * @return {@code Engine[open]} or {@code Engine[closed]}
     */
    @Override
    public String toString() {
        return isClosed() ? "Engine[closed]" : "Engine[open]";
    }

    // ---- helpers --------------------------------------------------------------

    /** The native engine; the caller holds the lock. */
    private Pointer open() {
        Pointer h = handle;
        if (h == null) {
            throw new IllegalStateException("the engine is closed");
        }
        return h;
    }

    /** The output of a call returning a status: the document, or the error thrown. */
    private static byte[] result(String function, int status, PointerByReference out) {
        byte[] bytes = Lib.take(out.getValue());
        if (status == Lib.OK && bytes != null) {
            return bytes;
        }
        String text = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        if (status == Lib.ERROR && text != null) {
            throw DuchaException.fromNative(text);
        }
        throw new InternalException(function + " returned " + status + " and " + text, null, null);
    }

    /**
     * {@code text} as UTF-8, never through the platform's charset. A lone
     * surrogate has no UTF-8 form: {@link String#getBytes} would write
     * {@code ?} in its place, changing the input; it is refused instead.
     */
    static byte[] utf8(String text, String what) {
        Objects.requireNonNull(text, what);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new Utf8Exception(what + " is not valid Unicode: a lone surrogate "
                        + String.format("U+%04X", (int) c) + " at index " + i
                        + " of the string has no UTF-8 form", null, null);
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
