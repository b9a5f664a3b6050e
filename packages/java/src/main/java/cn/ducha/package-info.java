/**
 * ducha for Java: executable deduction-based scorecards (督查细则 / 考核细则)
 * through the C ABI of the Rust crate, with JNA.
 *
 * <p>{@link cn.ducha.Engine} loads a rubric once and scores inspections into
 * a {@link cn.ducha.Scorecard} (indicators, items, rules, reasons, and the
 * card-level grade, bonus, penalties and vetoes), or into the core's JSON
 * text and bytes. Every failure is a {@link cn.ducha.DuchaException} with a
 * stable {@link cn.ducha.DuchaException#code() code} (one subclass per code,
 * listed in {@link cn.ducha.ErrorCodes}). The jar carries the native library
 * for each platform it was built for, under JNA's platform folders
 * ({@code linux-x86-64/libducha_ffi.so}, …); it needs JNA 5 and Java 8 or
 * later.
 */
package cn.ducha;
