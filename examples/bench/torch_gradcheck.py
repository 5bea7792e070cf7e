"""PyTorch's side of the gradient-check benchmark (GradcheckBenchmark, GradcheckColdBenchmark).

The reference problem: an MLP 10-16-16-3, tanh hidden layers, batch 8, mean softmax
cross-entropy over one-hot targets, float64, checked with torch.autograd.gradcheck (its
defaults: eps 1e-6, atol 1e-5, rtol 1e-3) with respect to all six weights and biases (499
elements), on one thread.

    python3 torch_gradcheck.py              # warm full and fast mode, then ten cold processes
    python3 torch_gradcheck.py --warm-only  # warm full and fast mode only
    python3 torch_gradcheck.py --cold-only  # ten fresh processes only (--forks N for another number)
    python3 torch_gradcheck.py --cold       # this fresh process: the first ten full checks

Prints "torch gradcheck-full US", "torch gradcheck-fast US" (microseconds per check, warm)
and "torch gradcheck-cold MS" (milliseconds for the first ten checks, one line per fresh
process). import torch and drawing the problems are not timed.
"""
import subprocess
import sys
import time

import torch

torch.set_num_threads(1)
WIDTHS = (10, 16, 16, 3)
BATCH = 8


def problem(seed):
    """Data, one-hot targets and the six parameters for one seed (uniform, as in Java's GradcheckProblem)."""
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(BATCH, WIDTHS[0], generator=g, dtype=torch.float64) * 2 - 1
    classes = torch.randint(0, WIDTHS[3], (BATCH,), generator=g)
    y = torch.nn.functional.one_hot(classes, WIDTHS[3]).to(torch.float64)
    params = []
    for layer in range(3):
        params.append((torch.rand(WIDTHS[layer], WIDTHS[layer + 1], generator=g, dtype=torch.float64) * 2 - 1)
                      .requires_grad_())
        params.append((torch.rand(1, WIDTHS[layer + 1], generator=g, dtype=torch.float64) * 2 - 1)
                      .requires_grad_())

    def loss(w1, b1, w2, b2, w3, b3):
        h1 = torch.tanh(x @ w1 + b1)
        h2 = torch.tanh(h1 @ w2 + b2)
        return torch.nn.functional.cross_entropy(h2 @ w3 + b3, y)

    return loss, tuple(params)


def check(p, fast=False):
    loss, params = p
    return torch.autograd.gradcheck(loss, params, fast_mode=fast)


def cold():
    problems = [problem(seed) for seed in range(1, 11)]
    start = time.perf_counter()
    for p in problems:
        assert check(p)
    print(f"torch gradcheck-cold {(time.perf_counter() - start) * 1e3:.1f}", flush=True)


def warm(fast, seconds=10.0):
    p = problem(1)
    for _ in range(20 if not fast else 500):
        check(p, fast)
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        check(p, fast)
        n += 1
    return (time.perf_counter() - start) / n * 1e6


if __name__ == "__main__":
    if "--cold" in sys.argv:
        cold()
        sys.exit(0)
    forks = int(sys.argv[sys.argv.index("--forks") + 1]) if "--forks" in sys.argv else 10
    if "--cold-only" not in sys.argv:
        print(f"torch gradcheck-full {warm(False):.1f}", flush=True)
        print(f"torch gradcheck-fast {warm(True):.2f}", flush=True)
    if "--warm-only" in sys.argv:
        forks = 0
    for _ in range(forks):
        subprocess.run([sys.executable, __file__, "--cold"], check=True)
