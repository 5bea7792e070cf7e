#!/usr/bin/env bash
# Runs Chainrule's JMH benchmarks and the PyTorch peer in one go and prints the ratios that
# BENCHMARKS.md reports. Usage, from the repository root:
#   examples/bench/compare.sh            # full run (about 10 minutes)
#   examples/bench/compare.sh --quick    # fewer iterations, for a rough look
# PyTorch needs Debian's python: apt-get install python3-torch python3-numpy libopenblas0-pthread
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${BENCH_OUT:-$root/benchmarks/target/bench}"
mkdir -p "$out"
"$root/chainrule" --version >/dev/null        # builds the jars when they are missing or stale
jar="$root/benchmarks/target/benchmarks.jar"  # the benchmarks module's jar: JMH and the benchmarks
if [ "${1:-}" = "--quick" ]; then iters=(-wi 2 -w 1 -i 3 -r 1); else iters=(-wi 5 -w 2 -i 10 -r 2); fi
java --add-modules jdk.incubator.vector -Xmx2g -cp "$jar" org.openjdk.jmh.Main \
  'TrainingStepBenchmark|ChainBackwardBenchmark|AnomalyDetectionBenchmark|KernelBenchmark' -f 1 "${iters[@]}" -prof gc \
  -rf json -rff "$out/jmh.json" > "$out/jmh.txt" 2>&1 || { tail -30 "$out/jmh.txt"; exit 1; }
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  # OpenBLAS and PyTorch each start a thread per core; on 2 cores that oversubscribes, so give
  # PyTorch both splits of its two threads and keep its faster time (summarise.py takes the minimum).
  { TORCH_THREADS=2 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/examples/bench/torch_step.py"
    TORCH_THREADS=1 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 "$root/examples/bench/torch_step.py"; } > "$out/torch.txt"
else
  echo "PyTorch not found for /usr/bin/python3: skipping the PyTorch comparison" > "$out/torch.txt"
fi
java --add-modules jdk.incubator.vector -cp "$jar" org.chainrule.benchmarks.ProductsReport > "$out/products.txt" 2>/dev/null
python3 "$root/examples/bench/summarise.py" "$out/jmh.json" "$out/torch.txt" "$out/products.txt"
