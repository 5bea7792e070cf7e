#!/usr/bin/env bash
# Runs Chainrule's JMH benchmarks and the PyTorch peer in one go and prints the ratios that
# BENCHMARKS.md reports. Usage, from the repository root:
#   examples/bench/compare.sh            # full run (about 10 minutes)
#   examples/bench/compare.sh --quick    # fewer iterations, for a rough look
#   examples/bench/compare.sh --gradcheck  # only the gradient-check pair (about 8 minutes)
# PyTorch needs Debian's python: apt-get install python3-torch python3-numpy libopenblas0-pthread
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${BENCH_OUT:-$root/benchmarks/target/bench}"
mkdir -p "$out"
"$root/chainrule" --version >/dev/null        # builds the jars when they are missing or stale
jar="$root/benchmarks/target/benchmarks.jar"  # the benchmarks module's jar: JMH and the benchmarks
if [ "${1:-}" = "--quick" ]; then iters=(-wi 2 -w 1 -i 3 -r 1); else iters=(-wi 5 -w 2 -i 10 -r 2); fi
benchmarks='TrainingStepBenchmark|ChainBackwardBenchmark|AnomalyDetectionBenchmark|KernelBenchmark|GradcheckBenchmark|HessianVectorBenchmark'
has_torch=false
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then has_torch=true; fi
if [ "${1:-}" = "--gradcheck" ]; then
  # The gradient-check pair alone. The machine may be shared, so the warm sides run twice,
  # alternating (Chainrule, PyTorch, Chainrule, PyTorch), and each side's faster round counts.
  : > "$out/torch-gradcheck.txt"
  for round in 1 2; do
    java --add-modules jdk.incubator.vector -Xmx2g -cp "$jar" org.openjdk.jmh.Main 'GradcheckBenchmark' -f 1 \
      "${iters[@]}" -prof gc -rf json -rff "$out/jmh-$round.json" > "$out/jmh-$round.txt" 2>&1 \
      || { tail -30 "$out/jmh-$round.txt"; exit 1; }
    if $has_torch; then
      OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/examples/bench/torch_gradcheck.py" --warm-only >> "$out/torch-gradcheck.txt"
    fi
  done
  python3 - "$out/jmh.json" "$out/jmh-1.json" "$out/jmh-2.json" <<'PY'
import json, sys
best = {}
for f in sys.argv[2:]:
    for r in json.load(open(f)):
        if r["benchmark"] not in best or r["primaryMetric"]["score"] < best[r["benchmark"]]["primaryMetric"]["score"]:
            best[r["benchmark"]] = r
json.dump(list(best.values()), open(sys.argv[1], "w"))
PY
else
  java --add-modules jdk.incubator.vector -Xmx2g -cp "$jar" org.openjdk.jmh.Main \
    "$benchmarks" -f 1 "${iters[@]}" -prof gc \
    -rf json -rff "$out/jmh.json" > "$out/jmh.txt" 2>&1 || { tail -30 "$out/jmh.txt"; exit 1; }
  if $has_torch; then
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/examples/bench/torch_gradcheck.py" --warm-only > "$out/torch-gradcheck.txt"
  fi
fi
# The first ten checks in a fresh JVM: its own forks (ten, single-shot, the JVM's default flags),
# as the benchmark's annotations say; the JMH options above would override them. Then PyTorch's
# first ten in each of ten fresh processes, one thread.
java -cp "$jar" org.openjdk.jmh.Main 'GradcheckColdBenchmark' -rf json -rff "$out/jmh-cold.json" \
  > "$out/jmh-cold.txt" 2>&1 || { tail -30 "$out/jmh-cold.txt"; exit 1; }
if $has_torch; then
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/examples/bench/torch_gradcheck.py" --cold-only >> "$out/torch-gradcheck.txt"
fi
if [ "${1:-}" = "--gradcheck" ]; then
  python3 "$root/examples/bench/summarise.py" "$out/jmh.json" "$out/torch-gradcheck.txt" /dev/null "$out/jmh-cold.json"
  exit 0
fi
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  # OpenBLAS and PyTorch each start a thread per core; on 2 cores that oversubscribes, so give
  # PyTorch both splits of its two threads and keep its faster time (summarise.py takes the minimum).
  { TORCH_THREADS=2 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/examples/bench/torch_step.py"
    TORCH_THREADS=1 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 "$root/examples/bench/torch_step.py"
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/examples/bench/torch_hvp.py"; } > "$out/torch.txt"
else
  echo "PyTorch not found for /usr/bin/python3: skipping the PyTorch comparison" > "$out/torch.txt"
fi
java --add-modules jdk.incubator.vector -cp "$jar" org.chainrule.benchmarks.ProductsReport > "$out/products.txt" 2>/dev/null
cat "$out/torch-gradcheck.txt" >> "$out/torch.txt" 2>/dev/null || true
python3 "$root/examples/bench/summarise.py" "$out/jmh.json" "$out/torch.txt" "$out/products.txt" "$out/jmh-cold.json"
