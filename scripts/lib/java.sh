# shellcheck shell=bash
# Finds a JDK whose major version is at least GANTRY_MIN_JAVA (21). Sourced by ./gantry and
# ./scripts/test; defines functions only.

GANTRY_MIN_JAVA=21

# Prints the major version of the given java binary ("17", "21", "25"), or nothing if it does
# not run. "1.8.0_x" style versions print "1".
gantry_java_major() {
  local java=$1 out
  [[ -x $java ]] || return 0
  out=$("$java" -version 2>&1) || return 0
  sed -n 's/^.* version "\([0-9][0-9]*\).*$/\1/p' <<<"$out" | head -n 1
}

# Prints the home of the JDK to use: JAVA_HOME when it holds a JDK >= GANTRY_MIN_JAVA, else the
# newest such JDK under /usr/lib/jvm. Prints a clear error to stderr and returns 1 if none.
gantry_find_jdk() {
  local major best_home="" best_major=0 java home
  if [[ -n ${JAVA_HOME:-} ]]; then
    major=$(gantry_java_major "$JAVA_HOME/bin/java")
    if [[ -n $major && $major -ge $GANTRY_MIN_JAVA && -x $JAVA_HOME/bin/javac ]]; then
      printf '%s\n' "$JAVA_HOME"
      return 0
    fi
  fi
  for java in /usr/lib/jvm/*/bin/java; do
    home=${java%/bin/java}
    [[ -x $home/bin/javac ]] || continue
    major=$(gantry_java_major "$java")
    if [[ -n $major && $major -ge $GANTRY_MIN_JAVA && $major -gt $best_major ]]; then
      best_major=$major
      best_home=$home
    fi
  done
  if [[ -n $best_home ]]; then
    printf '%s\n' "$best_home"
    return 0
  fi
  {
    printf 'error: Gantry needs a JDK %s or newer (java and javac).\n' "$GANTRY_MIN_JAVA"
    if [[ -n ${JAVA_HOME:-} ]]; then
      major=$(gantry_java_major "$JAVA_HOME/bin/java")
      if [[ -n $major ]]; then
        printf '  JAVA_HOME=%s is Java %s (or lacks javac).\n' "$JAVA_HOME" "$major"
      else
        printf '  JAVA_HOME=%s has no working bin/java.\n' "$JAVA_HOME"
      fi
    else
      printf '  JAVA_HOME is not set.\n'
    fi
    printf '  No JDK %s+ found under /usr/lib/jvm.\n' "$GANTRY_MIN_JAVA"
    printf '  Install one (for example openjdk-21-jdk-headless or a Temurin JDK) and set JAVA_HOME to it.\n'
  } >&2
  return 1
}

# Exports JAVA_HOME as the JDK found by gantry_find_jdk and puts its bin first on PATH.
gantry_use_jdk() {
  local home
  home=$(gantry_find_jdk) || return 1
  export JAVA_HOME=$home
  export PATH="$JAVA_HOME/bin:$PATH"
}
