#!/usr/bin/env bash
# Builds the Java package (packages/java) with javac and jar only: the jar
# ducha-VERSION.jar, with the native library of this machine (and any in
# packages/java/native/PLATFORM/) under JNA's platform folders.
#
#   bash packages/java/build.sh [jar] [test] [javadoc]     # from anywhere
#
#   jar      (the default) builds the native library (cargo build -p ducha-ffi
#            --release), compiles the classes for Java 8 (javac --release 8)
#            and writes build/ducha-VERSION.jar, with the JSON Schemas of
#            schemas/*.json under cn/ducha/schemas/
#   test     also compiles the JUnit 4 tests and runs them against the jar
#   javadoc  also runs javadoc with -Xdoclint:all -Werror (build/javadoc/)
#
# Environment (all optional):
#   DUCHA_JAVA_BUILD   output folder (default packages/java/build)
#   DUCHA_NATIVE_LIB   a native library to package instead of building one
#   JNA_JAR            JNA 5.x (default /usr/share/java/jna.jar, Debian's libjna-java)
#   JUNIT_JAR, HAMCREST_JAR   for `test` (default Debian's junit4 and hamcrest)
#   JAVA, JAVAC, JAR, JAVADOC  the tools (default: those on the PATH)
#   JAVA_TEST_OPTS     extra options for the JVM that runs the tests
#   CARGO_TARGET_DIR   cargo's target folder, as cargo reads it
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
pkg=packages/java

fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

want_test=0 want_javadoc=0
for arg in "$@"; do
  case "$arg" in
    jar) ;;
    test) want_test=1 ;;
    javadoc) want_javadoc=1 ;;
    *) echo "usage: $0 [jar] [test] [javadoc]" >&2; exit 2 ;;
  esac
done

java=${JAVA:-java} javac=${JAVAC:-javac} jar=${JAR:-jar} javadoc=${JAVADOC:-javadoc}
jna=${JNA_JAR:-/usr/share/java/jna.jar}
[ -f "$jna" ] || fail "no JNA jar at $jna (apt-get install libjna-java, or set JNA_JAR)"
command -v "$javac" >/dev/null 2>&1 || fail "no javac (a JDK 9 or later is needed to build; the jar runs on Java 8)"

out=${DUCHA_JAVA_BUILD:-$pkg/build}
mkdir -p "$out"
out=$(cd "$out" && pwd)
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$pkg/pom.xml" | head -n 1)
[ -n "$version" ] || fail "no <version> in $pkg/pom.xml"

# JNA's folder for this machine (com.sun.jna.Platform.RESOURCE_PREFIX) and
# the library's file name there.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86-64 lib=libducha_ffi.so ;;
  Linux-aarch64 | Linux-arm64) platform=linux-aarch64 lib=libducha_ffi.so ;;
  Linux-loongarch64) platform=linux-loongarch64 lib=libducha_ffi.so ;;
  Linux-riscv64) platform=linux-riscv64 lib=libducha_ffi.so ;;
  Darwin-arm64) platform=darwin-aarch64 lib=libducha_ffi.dylib ;;
  Darwin-x86_64) platform=darwin-x86-64 lib=libducha_ffi.dylib ;;
  MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) platform=win32-x86-64 lib=ducha_ffi.dll ;;
  *) fail "no JNA platform folder known for $(uname -s) $(uname -m); see $pkg/README.md, Platforms" ;;
esac

# The native library: given, or built by cargo.
native=${DUCHA_NATIVE_LIB:-}
if [ -z "$native" ]; then
  command -v cargo >/dev/null 2>&1 || fail "no cargo to build the native library (or set DUCHA_NATIVE_LIB)"
  cargo build -q -p ducha-ffi --release
  target=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  native=${target:-${CARGO_TARGET_DIR:-target}}/release/$lib
fi
[ -f "$native" ] || fail "no native library at $native"

# Classes for Java 8, then the native libraries under their platform folders.
rm -rf "$out/classes" "$out/ducha-$version.jar"
mkdir -p "$out/classes"
find "$pkg/src/main/java" -name '*.java' >"$out/main-sources.txt"
"$javac" --release 8 -encoding UTF-8 -Xlint:all -Werror -cp "$jna" -d "$out/classes" @"$out/main-sources.txt"
if [ -d "$pkg/native" ]; then
  for dir in "$pkg"/native/*/; do
    [ -d "$dir" ] || continue
    name=$(basename "$dir")
    for file in "$dir"*ducha_ffi*; do
      [ -f "$file" ] || continue
      mkdir -p "$out/classes/$name"
      cp "$file" "$out/classes/$name/"
    done
  done
fi
mkdir -p "$out/classes/$platform"
cp "$native" "$out/classes/$platform/$lib"
for license in LICENSE-MIT LICENSE-APACHE; do
  mkdir -p "$out/classes/META-INF"
  cp "$license" "$out/classes/META-INF/"
done
# The JSON Schemas of the contract (schemas/*.json), as the resources
# cn/ducha/schemas/NAME: Engine.class.getResourceAsStream("schemas/NAME").
mkdir -p "$out/classes/cn/ducha/schemas"
cp schemas/*.json "$out/classes/cn/ducha/schemas/"
cat >"$out/manifest.txt" <<EOF
Implementation-Title: ducha
Implementation-Version: $version
Automatic-Module-Name: cn.ducha
EOF
"$jar" cfm "$out/ducha-$version.jar" "$out/manifest.txt" -C "$out/classes" .
echo "jar: $out/ducha-$version.jar ($(wc -c <"$out/ducha-$version.jar" | tr -d ' ') bytes; native: $(
  cd "$out/classes" && find . -name '*ducha_ffi*' | sed 's:^\./::' | sort | paste -sd ' ' -))"

if [ "$want_javadoc" = 1 ]; then
  rm -rf "$out/javadoc"
  # -Xdoclint:all checks every public and protected element; -Werror makes
  # a warning (a missing comment, a broken link) fail the build.
  "$javadoc" -quiet --release 8 -encoding UTF-8 -docencoding UTF-8 -charset UTF-8 -Xdoclint:all -Werror \
    -cp "$jna" -d "$out/javadoc" -sourcepath "$pkg/src/main/java" cn.ducha >"$out/javadoc.log" 2>&1 ||
    { cat "$out/javadoc.log"; fail "javadoc"; }
  "$jar" cf "$out/ducha-$version-javadoc.jar" -C "$out/javadoc" .
  echo "javadoc: $out/javadoc/index.html (-Xdoclint:all: clean)"
fi

if [ "$want_test" = 1 ]; then
  junit=${JUNIT_JAR:-/usr/share/java/junit4.jar}
  hamcrest=${HAMCREST_JAR:-/usr/share/java/hamcrest-core.jar}
  [ -f "$junit" ] || fail "no JUnit 4 jar at $junit (apt-get install junit4, or set JUNIT_JAR)"
  [ -f "$hamcrest" ] || fail "no hamcrest jar at $hamcrest (set HAMCREST_JAR)"
  rm -rf "$out/test-classes"
  mkdir -p "$out/test-classes"
  find "$pkg/src/test/java" -name '*.java' >"$out/test-sources.txt"
  classpath="$out/ducha-$version.jar:$jna:$junit:$hamcrest"
  "$javac" --release 8 -encoding UTF-8 -Xlint:all,-processing -Werror -cp "$classpath" \
    -d "$out/test-classes" @"$out/test-sources.txt"
  tests=$(cd "$pkg/src/test/java" && find . -name '*Test.java' | sed 's:^\./::; s:\.java$::; s:/:.:g' | sort)
  # The tests run against the jar (the classes and the native library in it),
  # from outside the repository.
  # shellcheck disable=SC2086 # JAVA_TEST_OPTS holds several options
  (cd "$out" && "$java" ${JAVA_TEST_OPTS:-} -Dducha.repo="$root" -Dducha.test.from=jar \
    -cp "$out/test-classes:$classpath" org.junit.runner.JUnitCore $tests) >"$out/test.log" 2>&1 ||
    { cat "$out/test.log"; fail "the Java tests failed"; }
  summary=$(grep -E '^OK \(' "$out/test.log" | tail -n 1)
  [ -n "$summary" ] || { cat "$out/test.log"; fail "no JUnit summary"; }
  echo "tests ($("$java" -version 2>&1 | head -n 1)${JAVA_TEST_OPTS:+, $JAVA_TEST_OPTS}): $summary"
fi
