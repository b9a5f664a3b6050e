package cn.ducha;

import com.sun.jna.IntegerType;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The C ABI of {@code examples/ffi/include/ducha.h}, through JNA direct
 * mapping, and the two rules every call follows: inputs are UTF-8 bytes
 * with an explicit {@code size_t} length; every output string is read as
 * UTF-8 bytes up to its NUL and then freed with {@code ducha_string_free}.
 * JNA never converts a {@code char *} to a {@code String} here (it would
 * use the platform's charset and never free the memory). Internal.
 *
 * <p>The library is found, in order: at the path of the system property
 * {@value #PATH_PROPERTY}; in the jar (or on the classpath) under JNA's
 * platform folder ({@code linux-x86-64/libducha_ffi.so}, extracted by JNA to
 * a temporary file); then by the system's own search (JNA's
 * {@code jna.library.path}, {@code LD_LIBRARY_PATH}, …).
 */
final class Lib {
    /** The system property naming the native library's file, to override the jar's. */
    static final String PATH_PROPERTY = "ducha.library.path";
    /** The library's base name: {@code libducha_ffi.so}, {@code ducha_ffi.dll}, {@code libducha_ffi.dylib}. */
    static final String NAME = "ducha_ffi";

    static final int OK = 0;
    static final int ERROR = 1;

    /** Why the library did not load, or {@code null} once it has. */
    private static final Throwable FAILURE;
    /** Where it was loaded from, for messages. */
    static final String LOCATION;

    static {
        Throwable failure = null;
        String location = null;
        try {
            NativeLibrary library = open();
            location = library.getFile() == null ? library.getName() : library.getFile().getPath();
            Native.register(Lib.class, library);
        } catch (LinkageError | RuntimeException e) {
            failure = e;
        }
        FAILURE = failure;
        LOCATION = location;
    }

    private Lib() {
    }

    /** The C {@code size_t}: unsigned, {@link Native#SIZE_T_SIZE} bytes (4 or 8). */
    public static final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        /** Zero; JNA needs a public no-argument constructor. */
        public SizeT() {
            this(0);
        }

        /**
         * A length.
         *
         * @param value the value, at least 0
         */
        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }

    private static NativeLibrary open() {
        String explicit = System.getProperty(PATH_PROPERTY);
        if (explicit != null && !explicit.isEmpty()) {
            return NativeLibrary.getInstance(explicit);
        }
        ClassLoader loader = Lib.class.getClassLoader();
        File file;
        try {
            file = Native.extractFromResourcePath(NAME, loader);
        } catch (IOException notInJar) {
            try {
                return NativeLibrary.getInstance(NAME);
            } catch (UnsatisfiedLinkError e) {
                UnsatisfiedLinkError error = new UnsatisfiedLinkError("ducha: no native library for this platform ("
                        + Platform.RESOURCE_PREFIX + "): the jar has no " + Platform.RESOURCE_PREFIX + "/"
                        + System.mapLibraryName(NAME) + ", and the system has no " + System.mapLibraryName(NAME)
                        + "; build it with `cargo build -p ducha-ffi --release` and add it to the jar"
                        + " (packages/java/README.md, Platforms), or name it with -D" + PATH_PROPERTY + "=FILE");
                error.initCause(e);
                error.addSuppressed(notInJar);
                throw error;
            }
        }
        return NativeLibrary.getInstance(file.getAbsolutePath());
    }

    /** Throws the reason the library did not load, if it did not. */
    static void ensureLoaded() {
        if (FAILURE != null) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError(
                    "ducha: the native library did not load: " + FAILURE.getMessage());
            error.initCause(FAILURE);
            throw error;
        }
    }

    // ---- the C functions (ducha.h) --------------------------------------

    static native Pointer ducha_version();

    static native Pointer ducha_engine_load(byte[] rubricJson, SizeT len, PointerByReference errorOut);

    static native Pointer ducha_engine_seed();

    static native Pointer ducha_engine_clone(Pointer engine);

    static native void ducha_engine_free(Pointer engine);

    static native int ducha_evaluate(Pointer engine, byte[] inspectionJson, SizeT len, PointerByReference out);

    static native int ducha_add_calendar_year(Pointer engine, byte[] yearJson, SizeT len,
            PointerByReference errorOut);

    static native int ducha_engine_add_version(Pointer engine, byte[] rubricJson, SizeT len,
            PointerByReference errorOut);

    static native int ducha_diagnostics(Pointer engine, PointerByReference out);

    static native int ducha_rubric_json(Pointer engine, PointerByReference out);

    static native int ducha_evaluate_batch(Pointer engine, byte[] batchJson, SizeT len, PointerByReference out);

    static native int ducha_inspection_schema(Pointer engine, PointerByReference out);

    static native int ducha_validate(byte[] rubricJson, SizeT len, PointerByReference out);

    static native void ducha_string_free(Pointer s);

    // ---- strings ----------------------------------------------------------

    /** The bytes of a NUL-terminated string, without the NUL; not freed. */
    static byte[] bytes(Pointer p) {
        long n = p.indexOf(0, (byte) 0);
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new InternalException("a string from the native library is " + n + " bytes long", null, null);
        }
        return p.getByteArray(0, (int) n);
    }

    /**
     * The bytes of an output string, which is then freed with
     * {@code ducha_string_free}; {@code null} for a NULL pointer.
     */
    static byte[] take(Pointer p) {
        if (p == null) {
            return null;
        }
        try {
            return bytes(p);
        } finally {
            ducha_string_free(p);
        }
    }

    /** The text of an output string, decoded as UTF-8, which is then freed. */
    static String takeString(Pointer p) {
        byte[] b = take(p);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** The length argument of {@code input}. */
    static SizeT length(byte[] input) {
        return new SizeT(input.length);
    }

    /**
     * What the empty input is passed as: JNA may pass a zero-length array as
     * NULL, which the library would answer with {@code null-pointer} rather
     * than {@code syntax}; one byte with a length of 0 is the empty input.
     */
    static byte[] nonEmpty(byte[] input) {
        return input.length == 0 ? new byte[1] : input;
    }
}
