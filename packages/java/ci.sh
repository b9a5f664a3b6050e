#!/usr/bin/env bash
# CI of the Java package (packages/java): builds the native library, builds
# the jar with build.sh (javac --release 8, jar), checks the Javadoc with
# -Xdoclint:all, runs the JUnit tests against the jar (every conformance case
# byte for byte, the typed scorecard written back byte for byte, errors,
# Chinese text, threads, closing), runs them again under LANG=C with an ASCII
# file.encoding and on every other JDK installed, builds and tests with
# Maven from Debian's repository (/usr/share/maven-repo) where it has the
# plugins, and finally installs the jar as a user would (the jar and
# jna.jar alone in a scratch folder) and runs the example at the top of
# README.md, which must print 69.5.
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

step "the tests again under LANG=C, file.encoding ASCII"
LANG=C LC_ALL=C JAVA_TEST_OPTS="-Dfile.encoding=ANSI_X3.4-1968 -Dducha.test.charset=US-ASCII" \
  bash "$pkg/build.sh" test | grep '^tests' || fail "the tests under LANG=C"

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
  mcount=$(cat "$tmp"/maven/surefire-reports/*.txt | sed -n 's/^Tests run: \([0-9]*\), Failures: 0, Errors: 0.*/\1/p' |
    awk '{ n += $1 } END { print n + 0 }')
  [ "$mcount" = "$count" ] || fail "Maven ran $mcount tests without failure, build.sh $count"
  echo "mvn package: ducha-$pom_version.jar, $mcount tests passed (surefire 2.22.3, Debian's)"
else
  echo "no mvn, or Debian's repository lacks the plugins (${need[*]}); the Maven build was not checked"
fi

step "the README: installed as a user would, then its example"
readme=$pkg/README.md
install=$(awk '/^```sh$/ {n++; next} /^```$/ && n == 1 {exit} n == 1 {print; exit}' "$readme" | sed 's/ *#.*$//')
[ "$install" = "bash packages/java/build.sh" ] ||
  fail "the README's first install line is \`$install\`, not \`bash packages/java/build.sh\`"
user=$tmp/user
mkdir -p "$user"
cp "$jarfile" "$user/"
cp "$(readlink -f "$jna")" "$user/jna.jar"
awk '/^```java$/ {n++; next} /^```$/ && n == 1 {exit} n == 1 {print}' "$readme" >"$user/Example.java"
lines=$(wc -l <"$user/Example.java" | tr -d ' ')
[ "$lines" -ge 1 ] && [ "$lines" -le 10 ] || fail "the README's example has $lines lines (at most 10)"
classpath="$user/ducha-$pom_version.jar:$user/jna.jar"
javac --release 8 -encoding UTF-8 -cp "$classpath" -d "$user" "$user/Example.java" || fail "the README's example does not compile"
(cd "$root" && java -cp "$user:$classpath" Example) >"$tmp/example.out" 2>&1 ||
  { cat "$tmp/example.out"; fail "the README's example failed"; }
cat "$tmp/example.out"
[ "$(sed -n 1p "$tmp/example.out")" = "69.5" ] || fail "the README's example: the seed sample did not score 69.5"
grep -qx 'unknown-rule 7z' "$tmp/example.out" || fail "the README's example: no unknown-rule error"

step "java done: $count tests"
