#!/usr/bin/env bash
# A/B/A/B JMH comparison of two Chainrule benchmarks jars, alternating back to back.
#
#   abab.sh BEFORE_JAR AFTER_JAR ROUNDS OUTDIR
#
# Typical use, for a change on a hot path (the "before" is a worktree of the commit before it):
#   git worktree add /tmp/before COMMIT && (cd /tmp/before && mvn -B -q package -DskipTests -pl benchmarks -am)
#   mvn -B -q package -DskipTests -pl benchmarks -am
#   examples/bench/abab.sh /tmp/before/benchmarks/target/benchmarks.jar benchmarks/target/benchmarks.jar 4 /tmp/abab
#
# For r in 1..ROUNDS: runs the selected benchmarks on BEFORE, then on AFTER, each in its own
# `java ... org.openjdk.jmh.Main` (one fork per benchmark x params, as JMH does with -f 1),
# writing OUTDIR/before-<r>.json and OUTDIR/after-<r>.json (+ .txt with JMH's console output),
# then prints the summary table (abab_summary.py beside this script).
#
# Selected (org.chainrule.benchmarks.*):
#   TrainingStepBenchmark.chainrule    -p network=mnist,tiny   Trainer.step: 784-256-10 batch 128 / 2-6-6-1 batch 10
#   TrainingStepBenchmark.handWritten  -p network=mnist,tiny   same step by hand on EJML: same-run yardstick
#   ChainBackwardBenchmark.backward                             backward over the 1,000,000-node chain, ns/node
# (not chainruleFreshGraphs: the `$` anchor keeps it out; no PyTorch, no gradcheck/kernel benchmarks.)
#
# Environment:
#   QUICK=1          smoke test: -wi 1 -w 1 -i 1 -r 1 (numbers meaningless)
#   WI W I R         override warm-up iterations/time and measurement iterations/time
#                    (defaults 5 / 1 s / 8 / 1 s)
#   NO_HAND=1        leave out the hand-written baseline
#   JAVA             java binary (default: java on PATH)
#   JVM_OPTS         extra options for the host JVM, inherited by JMH's forks (default -Xmx2g,
#                    as examples/bench/compare.sh)
#
# Time per round (defaults): 5 benchmark x params combos x (5 x 1 s + 8 x 1 s = 13 s) = 65 s of
# timed iterations per side, plus about 3-5 s per fork of JVM start-up and setup (the chain's
# setup records 1,000,000 nodes) => about 1.3 min per side, about 2.5-3 min per round of both.
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 BEFORE_JAR AFTER_JAR ROUNDS OUTDIR" >&2
  exit 2
fi
before_jar="$(realpath "$1")"
after_jar="$(realpath "$2")"
rounds="$3"
out="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java="${JAVA:-java}"
read -r -a jvm_opts <<< "${JVM_OPTS:--Xmx2g}"

for j in "$before_jar" "$after_jar"; do
  [ -f "$j" ] || { echo "no such jar: $j" >&2; exit 2; }
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive integer" >&2; exit 2; }
mkdir -p "$out"

if [ "${QUICK:-0}" = 1 ]; then
  iters=(-wi 1 -w 1 -i 1 -r 1)
else
  iters=(-wi "${WI:-5}" -w "${W:-1}" -i "${I:-8}" -r "${R:-1}")
fi
if [ "${NO_HAND:-0}" = 1 ]; then
  regex='TrainingStepBenchmark\.chainrule$|ChainBackwardBenchmark\.backward$'
else
  regex='TrainingStepBenchmark\.(chainrule|handWritten)$|ChainBackwardBenchmark\.backward$'
fi
params=(-p network=mnist,tiny)

log="$out/abab.log"
{
  echo "# $(date -Is) abab.sh rounds=$rounds"
  echo "regex: $regex"
  echo "flags: -f 1 ${iters[*]} ${params[*]}; host JVM: --add-modules jdk.incubator.vector ${jvm_opts[*]}"
  for side in before after; do
    if [ "$side" = before ]; then j="$before_jar"; else j="$after_jar"; fi
    echo "$side: $j sha256=$(sha256sum "$j" | cut -c1-16)"
    echo "$side: $("$java" --add-modules jdk.incubator.vector -cp "$j" org.chainrule.benchmarks.ProductsReport 2>/dev/null | tail -1)"
  done
} | tee -a "$log"

run_side() { # side jar round
  local side="$1" jar="$2" r="$3"
  local base="$out/$side-$r"
  echo "$(date -Is) round $r $side start, load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
  local t0=$SECONDS
  if ! "$java" --add-modules jdk.incubator.vector "${jvm_opts[@]}" -cp "$jar" org.openjdk.jmh.Main \
      "$regex" "${params[@]}" -f 1 "${iters[@]}" -rf json -rff "$base.json" > "$base.txt" 2>&1; then
    tail -30 "$base.txt" >&2
    echo "round $r $side failed; output in $base.txt" >&2
    exit 1
  fi
  echo "$(date -Is) round $r $side done in $((SECONDS - t0)) s, load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
}

for ((r = 1; r <= rounds; r++)); do
  run_side before "$before_jar" "$r"
  run_side after "$after_jar" "$r"
done

/usr/bin/python3 "$here/abab_summary.py" "$out" | tee "$out/summary.md"
