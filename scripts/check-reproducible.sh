#!/usr/bin/env bash
# Reproducible builds: builds the working tree twice, from two fresh copies in two different
# directories, and fails unless every jar (library, sources, javadoc, the command-line and
# benchmark jars) is byte-identical between the two. CI runs it after the tests.
# Usage, from anywhere:  scripts/check-reproducible.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for build in first second; do
  mkdir -p "$work/$build"
  # The sources as they are, without earlier build output or Git's files.
  tar -C "$root" --exclude=./.git --exclude='*/target' --exclude=./target -cf - . | tar -C "$work/$build" -xf -
  (cd "$work/$build" && mvn -B -q -Dstyle.color=never -DskipTests -Dinvoker.skip=true package) >"$work/$build.log" 2>&1 \
    || { tail -40 "$work/$build.log"; echo "check-reproducible: the $build build failed" >&2; exit 1; }
  (cd "$work/$build" && find . -path '*/target/*.jar' -not -path '*/target/it/*' -not -path '*/target/local-repo/*' \
    | sort | xargs sha256sum) >"$work/$build.sums"
done
count=$(wc -l <"$work/first.sums")
if [ "$count" -eq 0 ]; then echo "check-reproducible: no jars were built" >&2; exit 1; fi
if ! diff -u "$work/first.sums" "$work/second.sums"; then
  echo "check-reproducible: FAILED: the two builds differ (above)" >&2
  exit 1
fi
echo "check-reproducible: $count jars byte-identical across two clean builds"
