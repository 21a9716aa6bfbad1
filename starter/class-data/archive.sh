#!/usr/bin/env bash
# Writes a class-data sharing archive for the CLI: the JDK and Sluice classes that commands load,
# parsed and laid out once, so each `sluice` start maps them instead of reading jars. It records
# the classes three commands load that need no server: --help, status (against a closed port) and
# an image copy (from a closed port). A JVM whose jars or JDK differ from the archive's ignores it.
# Usage: archive.sh ARCHIVE CLASSPATH
set -euo pipefail

archive="$1"
classpath="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

train() {
  local list="$1"
  shift
  # These commands fail on purpose (nothing listens on port 9); the classes they loaded are the point.
  java -XX:DumpLoadedClassList="$work/$list" -cp "$classpath" io.sluice.starter.SluiceMain "$@" >/dev/null 2>&1 || true
}

train help.lst --help
train status.lst status training/class-data/run --config "$here/training.yaml"
train copy.lst bench image-copy 127.0.0.1:9/training/image:1 127.0.0.1:9/training/copy:1
cat "$work"/*.lst >"$work/classes.lst"
java -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$work/sluice.jsa" -cp "$classpath" \
  >"$work/dump.log" 2>&1 || { tail -n 5 "$work/dump.log" >&2; exit 1; }
mv -f "$work/sluice.jsa" "$archive"
