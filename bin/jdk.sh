# Sourced by the other scripts: sets JAVA_HOME to a JDK 21 or newer and says which.
# Order: $JAVA_HOME, the `java` on PATH, then JDKs installed in the usual places (newest first).

_chorus_java_version() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

_chorus_pick_jdk() {
  local candidates=() home version
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in $(ls -d /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* 2>/dev/null | sort -rV); do
    candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    version=$(_chorus_java_version "$home/bin/java")
    case "$version" in
      ''|1.*) continue ;;
    esac
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

if ! CHORUS_JDK=$(_chorus_pick_jdk); then
  echo "Chorus needs a JDK 21 or newer; none found (checked JAVA_HOME, PATH and /usr/lib/jvm). Install one, e.g. apt-get install openjdk-21-jdk." >&2
  exit 1
fi
export JAVA_HOME="$CHORUS_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
echo "Using JDK $(_chorus_java_version "$JAVA_HOME/bin/java") at $JAVA_HOME" >&2
