#!/usr/bin/env bash
# CI of the Java package (packages/java): builds the native library, builds
# the jar with build.sh (javac --release 8, jar), checks the Javadoc with
# -Xdoclint:all, runs the JUnit tests against the jar (every conformance case
# byte for byte, the typed scorecard written back byte for byte, errors,
# Chinese text, threads, closing), runs them again under LANG=C with an ASCII
# file.encoding and on every other JDK installed, builds and tests with
# Maven from Debian's repository (/usr/share/maven-repo) where it has the
# plugins, and finally runs the commands at the top of README.md exactly as
# written, from the root of a scratch copy of the repository: build.sh, then
# javac and java on the example (fewer than 10 lines), which must print 69.5
# and `unknown-rule 7z` through the jar alone.
#
#   bash packages/java/ci.sh          # from the repository root (or anywhere)
#
# Uses cargo's target directory (target/, or CARGO_TARGET_DIR); writes
# nothing into the source tree. Exits 0 with "SKIPPED: …" when a JDK, JNA or
# JUnit 4 cannot be had (it tries apt-get as root); otherwise fails on any
# wrong result.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export CARGO_TERM_COLOR=never

pkg=packages/java
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n== java: %s [%ss]\n' "$*" "$SECONDS"; }
fail() { printf 'FAIL: %s\n' "$*"; exit 1; }
skip() { printf 'SKIPPED: %s\n' "$*"; exit 0; }

# Installs Debian packages when root with apt-get; quiet, never fatal.
apt_install() {
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    # A fresh machine may have no package lists yet: update once, then retry.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 || {
      apt-get update -qq >/dev/null 2>&1 || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 || true
    }
  fi
}

step "tools: a JDK, JNA, JUnit 4"
command -v javac >/dev/null 2>&1 || apt_install openjdk-17-jdk-headless
command -v javac >/dev/null 2>&1 || skip "no javac here and none could be installed; the Java package was not built"
javac -version 2>&1 | grep -Eq '^javac (1\.|[2-8]($|[^0-9]))' &&
  skip "$(javac -version 2>&1) cannot compile with --release 8 (a JDK 9 or later is needed); the Java package was not built"
jna=${JNA_JAR:-/usr/share/java/jna.jar}
[ -f "$jna" ] || apt_install libjna-java
[ -f "$jna" ] || skip "no JNA jar at $jna and libjna-java could not be installed; the Java package was not built"
junit=${JUNIT_JAR:-/usr/share/java/junit4.jar}
[ -f "$junit" ] || apt_install junit4
[ -f "$junit" ] || skip "no JUnit 4 at $junit and junit4 could not be installed; the Java tests were not run"
echo "$(javac -version 2>&1); $(basename "$(readlink -f "$jna")"); $(basename "$(readlink -f "$junit")")"

step "versions: pom.xml and ducha-ffi agree"
pom_version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$pkg/pom.xml" | head -n 1)
ffi_version=$(sed -n 's/^version = "\(.*\)"$/\1/p' examples/ffi/Cargo.toml | head -n 1)
[ "$pom_version" = "$ffi_version" ] ||
  fail "pom.xml is version $pom_version, examples/ffi/Cargo.toml $ffi_version"
echo "$pom_version"

step "native library (cargo build -p ducha-ffi --release)"
cargo build -p ducha-ffi --release
target=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
target=${target:-${CARGO_TARGET_DIR:-target}}
native=""
for name in libducha_ffi.so libducha_ffi.dylib ducha_ffi.dll; do
  [ -f "$target/release/$name" ] && native="$target/release/$name" && break
done
[ -n "$native" ] || fail "no dynamic library in $target/release"
export DUCHA_NATIVE_LIB=$native DUCHA_JAVA_BUILD=$tmp/build JNA_JAR=$jna JUNIT_JAR=$junit

step "jar, javadoc (-Xdoclint:all -Werror) and the tests against the jar (build.sh)"
bash "$pkg/build.sh" jar javadoc test | tee "$tmp/build.out"
jarfile=$tmp/build/ducha-$pom_version.jar
[ -f "$jarfile" ] || fail "no $jarfile"
count=$(sed -n 's/.*OK (\([0-9]*\) tests).*/\1/p' "$tmp/build.out")
[ -n "$count" ] && [ "$count" -gt 0 ] || fail "no test count from build.sh"
# The classes are Java 8's (class file version 52) and the library sits in JNA's folder.
(cd "$tmp" && unzip -q -o "$jarfile" cn/ducha/Engine.class -d "$tmp/peek")
major=$(od -An -j6 -N2 -tu1 "$tmp/peek/cn/ducha/Engine.class" | awk '{print $1 * 256 + $2}')
[ "$major" = 52 ] || fail "Engine.class has class file version $major, not 52 (Java 8)"
# The listing goes to a file first: `unzip -l | grep -q` under pipefail fails
# at random, when grep exits early and unzip dies of SIGPIPE.
unzip -l "$jarfile" >"$tmp/jar.list"
grep -Eq ' (linux|darwin|win32)-[a-z0-9-]+/(lib)?ducha_ffi\.(so|dylib|dll)$' "$tmp/jar.list" ||
  fail "the jar has no native library under a JNA platform folder"
echo "class file version 52 (Java 8); $(grep -Eo '[a-z0-9-]+/(lib)?ducha_ffi\.(so|dylib|dll)$' "$tmp/jar.list" | paste -sd ' ' -)"
# The JSON Schemas: exactly schemas/*.json, under cn/ducha/schemas/, byte for byte.
schemas_in() { sed -n 's:.* cn/ducha/schemas/\([^/]*\.json\)$:\1:p' "$1" | sort | paste -sd ' ' -; }
want_schemas=$(cd schemas && ls -- *.json | sort | paste -sd ' ' -)
[ "$(schemas_in "$tmp/jar.list")" = "$want_schemas" ] ||
  fail "the jar's cn/ducha/schemas/ holds \`$(schemas_in "$tmp/jar.list")\`, not \`$want_schemas\`"
(cd "$tmp" && unzip -q -o "$jarfile" 'cn/ducha/schemas/*' -d "$tmp/peek")
for f in schemas/*.json; do
  cmp -s "$f" "$tmp/peek/cn/ducha/schemas/${f#schemas/}" || fail "the jar's copy of $f differs from it"
done
echo "schemas: cn/ducha/schemas/{$(echo "$want_schemas" | tr ' ' ',')}, byte for byte"

step "the tests again under LANG=C, file.encoding ASCII"
LANG=C LC_ALL=C JAVA_TEST_OPTS="-Dfile.encoding=ANSI_X3.4-1968 -Dducha.test.charset=US-ASCII" \
  bash "$pkg/build.sh" test | grep '^tests' || fail "the tests under LANG=C"

step "an older JDK (8 or 11), from apt where it has one"
# The jar claims Java 8; Debian 12 has no openjdk-8 or openjdk-11 package,
# so on such a machine this only says so.
older=""
for candidate in openjdk-8-jdk-headless openjdk-11-jdk-headless; do
  if command -v apt-cache >/dev/null 2>&1 &&
    apt-cache policy "$candidate" 2>/dev/null | grep -Eq 'Candidate: [0-9]'; then
    apt_install "$candidate"
    older="$older $candidate"
  fi
done
found=$(for j in /usr/lib/jvm/*/bin/java; do [ -x "$j" ] && "$j" -version 2>&1 | head -n 1; done |
  grep -E '"(1\.8|11)\.' | sort -u || true)
if [ -n "$found" ]; then
  echo "found: $found; the next step runs the tests on it"
elif [ -n "$older" ]; then
  echo "apt has$older but it could not be installed (not root?); the tests do not run on Java 8 or 11"
else
  echo "no JDK 8 or 11 installed and none installable from apt here; the tests do not run on Java 8 or 11" \
    "(verified for Java 8: javac --release 8, class file version 52)"
fi

step "the tests on the other JDKs installed"
default_java=$(readlink -f "$(command -v java)")
others=0
for candidate in /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  [ "$(readlink -f "$candidate")" = "$default_java" ] && continue
  # Only one run per JDK (Debian installs symlinked aliases).
  real=$(readlink -f "$candidate")
  case " ${seen:-} " in *" $real "*) continue ;; esac
  seen="${seen:-} $real"
  others=$((others + 1))
  JAVA=$candidate bash "$pkg/build.sh" test | grep '^tests' || fail "the tests on $candidate"
done
[ "$others" -gt 0 ] || echo "no other JDK in /usr/lib/jvm; the tests ran on $(java -version 2>&1 | head -n 1) only"

step "Maven, from Debian's repository (no network)"
# Debian's versions of the plugins, where pom.xml names Maven Central's.
repo=/usr/share/maven-repo
need=(org/apache/maven/plugins/maven-compiler-plugin/3.10.1 org/apache/maven/plugins/maven-resources-plugin/3.3.0
  org/apache/maven/plugins/maven-jar-plugin/3.3.0 org/apache/maven/plugins/maven-surefire-plugin/2.22.3
  net/java/dev/jna/jna/5.13.0 junit/junit/4.13.2)
have_all() { for p in "${need[@]}"; do [ -d "$repo/$p" ] || return 1; done; }
command -v mvn >/dev/null 2>&1 && ! have_all &&
  apt_install libmaven-compiler-plugin-java libmaven-resources-plugin-java libmaven-jar-plugin-java libsurefire-java
if command -v mvn >/dev/null 2>&1 && have_all; then
  # `mvn -o` refuses even a file:// repository in offline mode, so the
  # repository is a mirror of everything instead: Maven never goes online.
  cat >"$tmp/settings.xml" <<EOF
<settings>
  <localRepository>$tmp/m2</localRepository>
  <mirrors><mirror><id>debian</id><mirrorOf>*</mirrorOf><url>file://$repo</url></mirror></mirrors>
</settings>
EOF
  # build.sh's classes folder holds the libraries under their platform
  # folders, as native/ would (pom.xml takes only */*ducha_ffi* from it).
  (cd "$tmp" && mvn -B -q -s "$tmp/settings.xml" -f "$root/$pkg/pom.xml" -Dducha.native.dir="$tmp/build/classes" \
    -Dducha.build.dir="$tmp/maven" -Dsurefire.plugin.version=2.22.3 package) >"$tmp/maven.out" 2>&1 ||
    { cat "$tmp/maven.out"; fail "mvn package"; }
  [ -f "$tmp/maven/ducha-$pom_version.jar" ] || fail "mvn package wrote no ducha-$pom_version.jar"
  unzip -l "$tmp/maven/ducha-$pom_version.jar" >"$tmp/maven.list"
  grep -Eq ' [a-z0-9-]+/(lib)?ducha_ffi\.(so|dylib|dll)$' "$tmp/maven.list" ||
    fail "the Maven jar has no native library"
  [ "$(schemas_in "$tmp/maven.list")" = "$want_schemas" ] ||
    fail "the Maven jar's cn/ducha/schemas/ holds \`$(schemas_in "$tmp/maven.list")\`, not \`$want_schemas\`"
  mcount=$(cat "$tmp"/maven/surefire-reports/*.txt | sed -n 's/^Tests run: \([0-9]*\), Failures: 0, Errors: 0.*/\1/p' |
    awk '{ n += $1 } END { print n + 0 }')
  [ "$mcount" = "$count" ] || fail "Maven ran $mcount tests without failure, build.sh $count"
  echo "mvn package: ducha-$pom_version.jar, $mcount tests passed (surefire 2.22.3, Debian's)"
else
  echo "no mvn, or Debian's repository lacks the plugins (${need[*]}); the Maven build was not checked"
fi

step "the README, as written: its commands from the root of a copy of the repository"
readme=$pkg/README.md
# A fenced block of the README: the $2-th block opened by ```$1 after the
# first block opened by ```$3 (or from the top, with no $3).
block() {
  awk -v lang="$1" -v nth="$2" -v after="${3:-}" '
    /^```/ && open { open = 0; if (want) exit; next }
    /^```/ { open = 1; tag = substr($0, 4)
             if (after != "" && !seen) { if (tag == after) seen = 1; next }
             if (tag == lang && ++n == nth) want = 1
             next }
    want { print }' "$readme"
}
block sh 1 >"$tmp/install.sh"
install=$(sed 's/ *#.*$//' "$tmp/install.sh")
[ "$install" = "bash packages/java/build.sh" ] ||
  fail "the README's first block is \`$install\`, not \`bash packages/java/build.sh\`"
block java 1 >"$tmp/Example.java"
block sh 1 java >"$tmp/run.sh"
lines=$(grep -c . "$tmp/Example.java" || true)
[ "$lines" -ge 1 ] && [ "$lines" -lt 10 ] || fail "the README's example has $lines non-empty lines (fewer than 10 wanted)"
grep -q . "$tmp/run.sh" || fail "the README has no commands after its example"
if [ "$(readlink -f "$jna")" != "$(readlink -f /usr/share/java/jna.jar 2>/dev/null || echo none)" ]; then
  echo "the README's commands name Debian's /usr/share/java/jna.jar, and this run uses $jna: not run as written"
else
  # The copy stands for a clone: every file git knows (tracked, or new and
  # not ignored), as the work tree has it. The README's commands run there
  # verbatim, and write where they say (packages/java/build/, Example.class);
  # only the native library is handed to build.sh, built above.
  copy=$tmp/repo
  mkdir -p "$copy"
  (cd "$root" && git ls-files -z --cached --others --exclude-standard |
    tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -C "$copy" -xf - ||
    fail "could not copy the repository to $copy"
  cp "$tmp/Example.java" "$copy/Example.java"
  readme_env=(env -u DUCHA_JAVA_BUILD -u JNA_JAR -u JAVA -u JAVAC -u JAR DUCHA_NATIVE_LIB="$native")
  sed 's/^/$ /' "$tmp/install.sh"
  (cd "$copy" && "${readme_env[@]}" bash -euo pipefail "$tmp/install.sh") || fail "the README's \`$install\` failed"
  sed 's/^/$ /' "$tmp/run.sh"
  (cd "$copy" && "${readme_env[@]}" bash -euo pipefail "$tmp/run.sh") >"$tmp/example.out" 2>"$tmp/example.err" ||
    { cat "$tmp/example.out" "$tmp/example.err"; fail "the README's commands failed"; }
  cat "$tmp/example.out"
  [ "$(sed -n 1p "$tmp/example.out")" = "69.5" ] || fail "the README's example: the seed sample did not score 69.5"
  grep -qx 'unknown-rule 7z' "$tmp/example.out" || fail "the README's example: no unknown-rule error"
fi

step "java done: $count tests"
