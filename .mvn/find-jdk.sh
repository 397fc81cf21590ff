#!/bin/sh
# Prints the home of a JDK whose major version is at least ${NINES_MIN_JAVA:-21}.
# Looks at JAVA_HOME, then the java on PATH, then every JDK under /usr/lib/jvm (newest first).
# Used by ./mvnw and ./nines so that neither needs JAVA_HOME set by hand.
min="${NINES_MIN_JAVA:-21}"

major_of() { # $1 = java home; prints the major version or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

try() { # $1 = java home
  v="$(major_of "$1")"
  if [ -n "$v" ] && [ "$v" -ge "$min" ]; then printf '%s\n' "$1"; exit 0; fi
}

[ -n "${JAVA_HOME:-}" ] && try "$JAVA_HOME"
if command -v java >/dev/null 2>&1; then
  j="$(command -v java)"
  j="$(readlink -f "$j" 2>/dev/null || printf '%s' "$j")"
  try "$(dirname "$(dirname "$j")")"
fi
for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
  try "${home%/}"
done
echo "No JDK $min or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install one, e.g. apt-get install openjdk-21-jdk-headless." >&2
exit 1
