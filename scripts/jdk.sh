# Sourced by ./ninep and ./run-tests: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME if new enough, else the newest JDK under /usr/lib/jvm.
# The `java` on PATH is never consulted: on this kind of machine it is 17.

NINEP_MIN_JAVA=25

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
ninep_jdk_version() {
  local home=$1 release line
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  release="$home/release"
  if [ -r "$release" ]; then
    line=$(grep -E '^JAVA_VERSION=' "$release" | head -n1)
    line=${line#JAVA_VERSION=}
    line=${line//\"/}
  else
    line=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = //p')
  fi
  line=${line#1.}           # 1.8 -> 8
  echo "${line%%[.+-]*}"
}

ninep_find_jdk() {
  local v best="" best_v=0 dir
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(ninep_jdk_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$NINEP_MIN_JAVA" ]; then
      return 0
    fi
    echo "ninep: JAVA_HOME=$JAVA_HOME is ${v:-not a JDK}; looking for JDK $NINEP_MIN_JAVA+ under /usr/lib/jvm" >&2
  fi
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -L "$dir" ] && continue          # aliases such as default-java point at a real entry
    v=$(ninep_jdk_version "$dir")
    if [ -n "$v" ] && [ "$v" -ge "$NINEP_MIN_JAVA" ] && [ "$v" -gt "$best_v" ]; then
      best=$dir best_v=$v
    fi
  done
  if [ -z "$best" ]; then
    cat >&2 <<MSG
ninep: no JDK $NINEP_MIN_JAVA or newer found.
  Looked at JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*.
  Install one, e.g. Temurin 25 (apt-get install temurin-25-jdk from Adoptium's
  repository, or unpack a JDK 25 under /usr/lib/jvm), or point JAVA_HOME at it.
MSG
    return 1
  fi
  export JAVA_HOME=$best
}

ninep_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "ninep: Apache Maven (mvn, 3.8 or newer) is needed to build; install it (apt-get install maven)." >&2
    return 1
  fi
}
