"""Prints the BENCHMARKS.md table from one run's JMH JSON and PyTorch output.

Usage: summarise.py jmh.json torch.txt products.txt [jmh-cold.json]
"""
import json
import sys

jmh = json.load(open(sys.argv[1]))
torch = {}
torch_cold = []
for line in open(sys.argv[2]):
    parts = line.split()
    if len(parts) == 3 and parts[0] == "torch":
        if parts[1] == "gradcheck-cold":
            torch_cold.append(float(parts[2]))
        else:
            torch[parts[1]] = min(float(parts[2]), torch.get(parts[1], float("inf")))

score = {}
alloc = {}
for r in jmh:
    name = r["benchmark"].rsplit(".", 2)
    key = (name[-2], name[-1], r.get("params", {}).get("network", ""))
    unit = r["primaryMetric"]["scoreUnit"]
    value = r["primaryMetric"]["score"]
    if unit == "ns/op":
        value /= 1000.0
    score[key] = value
    gc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    if gc:
        alloc[key] = gc["score"]

def us(v):
    """Microseconds with three significant figures at the small end (2.26 us, 1393.2 us)."""
    return f"{v:.2f}" if v < 10 else f"{v:.1f}"


products = open(sys.argv[3]).read().strip()
if products:
    print(products)
    print()
print("| measurement | Chainrule | baseline | ratio | target |")
print("|---|---|---|---|---|")
for net, label, target_hand, target_torch in [("mnist", "784-256-10 MLP, batch 128", "<= 1.10", "<= 1.2"),
                                              ("tiny", "2-6-6-1 net, batch 10", "<= 2", ">= 50x faster")]:
    c = score.get(("TrainingStepBenchmark", "chainrule", net))
    h = score.get(("TrainingStepBenchmark", "handWritten", net))
    if c and h:
        print(f"| {label}: Chainrule / hand-written EJML | {us(c)} us | {us(h)} us | {c / h:.2f} | {target_hand} |")
    if c and net in torch:
        t = torch[net]
        if net == "tiny":
            print(f"| {label}: PyTorch / Chainrule | {us(c)} us | {us(t)} us (PyTorch) | {t / c:.1f}x faster | {target_torch} |")
        else:
            print(f"| {label}: Chainrule / PyTorch | {us(c)} us | {us(t)} us (PyTorch) | {c / t:.2f} | {target_torch} |")
    f = score.get(("TrainingStepBenchmark", "chainruleFreshGraphs", net))
    if c and f:
        print(f"| {label}: Trainer (recycled graph) / new Graph() every step | {us(c)} us | {us(f)} us | {c / f:.2f} | measured |")
    ca = alloc.get(("TrainingStepBenchmark", "chainrule", net))
    ha = alloc.get(("TrainingStepBenchmark", "handWritten", net))
    if ca is not None and ha is not None:
        print(f"| {label}: allocation per step | {ca / 1024:.1f} KiB | {ha / 1024:.1f} KiB | | |")
    fa = alloc.get(("TrainingStepBenchmark", "chainruleFreshGraphs", net))
    if fa is not None:
        print(f"| {label}: allocation per step with a new Graph() every step | {fa / 1024:.1f} KiB | | | |")
b = score.get(("ChainBackwardBenchmark", "backward", ""))
if b is not None:
    print(f"| backward on a 1,000,000-node scalar chain, per node | {b * 1000:.1f} ns | | | <= 1000 ns |")
off = on = None
for r in jmh:
    if r["benchmark"].endswith("AnomalyDetectionBenchmark.forwardAndBackward"):
        if r["params"]["detectAnomalies"] == "true":
            on = r["primaryMetric"]["score"]
        else:
            off = r["primaryMetric"]["score"]
if off and on:
    print(f"| anomaly detection on / off, forward+backward of a 64-128-128-10 MLP, batch 32 | {on:.1f} us | {off:.1f} us | {on / off:.2f} | measured |")
for kind, ours, theirs, what in [("products", "productsChainrule", "productsEjml", "the 8 products of a 2-6-6-1 step, batch 10: core's small-product loops / EJML"),
                                 ("tanh", "tanhChainrule", "tanhMath", "tanh of 120 values: Elementwise.tanh / Math.tanh")]:
    o = score.get(("KernelBenchmark", ours, ""))
    t = score.get(("KernelBenchmark", theirs, ""))
    if o and t:
        print(f"| {what} | {o * 1000:.0f} ns | {t * 1000:.0f} ns | {o / t:.2f} | measured |")

full = score.get(("GradcheckBenchmark", "full", ""))
fast = score.get(("GradcheckBenchmark", "fast", ""))
recorded = score.get(("GradcheckBenchmark", "fullRecordingEachEvaluation", ""))
if full and "gradcheck-full" in torch:
    t = torch["gradcheck-full"]
    print(f"| gradcheck, MLP 10-16-16-3 (499 elements), full, warm: PyTorch / Chainrule | {full / 1000:.2f} ms | {t / 1000:.2f} ms (PyTorch) | {t / full:.1f}x faster | >= 10x faster |")
if fast and "gradcheck-fast" in torch:
    t = torch["gradcheck-fast"]
    print(f"| same, fast mode, warm: PyTorch / Chainrule | {fast:.1f} us | {t:.1f} us (PyTorch) | {t / fast:.1f}x faster | >= 20x faster |")
if full and recorded:
    print(f"| same, full: recording afresh for every evaluation / replaying | {full / 1000:.2f} ms | {recorded / 1000:.2f} ms | {recorded / full:.1f}x faster | measured |")
if len(sys.argv) > 4:
    for r in json.load(open(sys.argv[4])):
        if r["benchmark"].endswith("GradcheckColdBenchmark.firstTenChecks") and torch_cold:
            runs = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
            ours = sum(runs) / len(runs)
            theirs = sum(torch_cold) / len(torch_cold)
            print(f"| same, full, first ten checks in a fresh JVM / process ({len(runs)} / {len(torch_cold)} of them, mean): Chainrule / PyTorch | {ours:.0f} ms | {theirs:.0f} ms (PyTorch) | {ours / theirs:.2f} | <= 1 (goal 0.5) |")
grad = score.get(("HessianVectorBenchmark", "gradient", ""))
hvp = score.get(("HessianVectorBenchmark", "hessianVectorProduct", ""))
if grad and hvp:
    print(f"| Hessian-vector product, 784-256-10 tanh MLP, batch 128, softmax cross-entropy: H v / its gradient | {hvp:.1f} us | {grad:.1f} us | {hvp / grad:.2f} | <= 3 |")
    if "hvp" in torch:
        t = torch["hvp"]
        print(f"| same H v: Chainrule / PyTorch double backward (float64, one thread each) | {hvp:.1f} us | {t:.1f} us (PyTorch) | {hvp / t:.2f} | <= 1 |")
        if "hvp-gradient" in torch:
            g = torch["hvp-gradient"]
            print(f"| PyTorch's own H v / its gradient, for reference | {t:.1f} us | {g:.1f} us | {t / g:.2f} | measured |")
