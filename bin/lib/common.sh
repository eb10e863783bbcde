# Shared by the bin/ scripts: finds a JDK 25 and knows where the server jar is.
# Sourced, not executed.

CINNABAR_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CINNABAR_JAR="$CINNABAR_HOME/cinnabar-server/target/cinnabar-server-0.1.0-SNAPSHOT-all.jar"

# java_major <java binary>: prints the major version of that Java (e.g. 25), or nothing.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# find_java25: sets JAVA_HOME and JAVA to a JDK 25: $JAVA_HOME when it is 25 or newer, else a
# JDK 25 under /usr/lib/jvm, else stops with a message naming what is missing.
find_java25() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local major
    major="$(java_major "$JAVA_HOME/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      JAVA="$JAVA_HOME/bin/java"
      export JAVA_HOME
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/jdk-25* /usr/lib/jvm/java-25*; do
    if [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ]; then
      JAVA_HOME="$candidate"
      JAVA="$candidate/bin/java"
      export JAVA_HOME
      return 0
    fi
  done
  echo "error: Cinnabar needs a JDK 25 (java and javac)." >&2
  echo "  JAVA_HOME is '${JAVA_HOME:-unset}' and no JDK 25 was found under /usr/lib/jvm." >&2
  echo "  Install Temurin 25 (https://adoptium.net) or point JAVA_HOME at a JDK 25." >&2
  exit 1
}

# require_maven: stops with a message when Maven is missing.
require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "error: Maven (mvn) is needed to build Cinnabar: install it (apt-get install -y maven)." >&2
    exit 1
  fi
}

# jar_is_stale: true when the server jar is missing or older than any source or pom.
jar_is_stale() {
  [ ! -f "$CINNABAR_JAR" ] && return 0
  [ -n "$(find "$CINNABAR_HOME" -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.spec' \) -newer "$CINNABAR_JAR" -print -quit 2>/dev/null)" ]
}

# build_server_jar: builds the runnable server jar (tests skipped).
build_server_jar() {
  require_maven
  echo "Building Cinnabar (first run or sources changed)..." >&2
  (cd "$CINNABAR_HOME" && mvn -q -B -DskipTests -pl cinnabar-server -am package) >&2
}

# The JVM options the server runs with (see docs/ARCHITECTURE.md, "Runtime").
# G1 that gives memory back (free-ratio bounds, a periodic collection when idle) with a young
# generation of at least 64 MB (fewer, cheaper pauses under write load), on transparent huge
# pages where the kernel offers them (fewer TLB misses in key lookups): measured against ZGC and
# other settings in docs/BENCHMARKS.md, "Choosing the JVM options".
CINNABAR_JVM_OPTS=(-XX:+UseCompactObjectHeaders -XX:+UseG1GC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20
  -XX:G1PeriodicGCInterval=2000 -XX:NewSize=64m -XX:+UseTransparentHugePages
  --enable-native-access=ALL-UNNAMED -XX:+PerfDisableSharedMem)
