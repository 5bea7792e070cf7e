#!/usr/bin/python3
"""PyTorch peer of Chainrule's JMH training-step benchmarks.

Runs one training step (forward, loss, backward, SGD update) of the same two networks in
float64 with 2 cores (TORCH_THREADS intra-op threads, default 2; OpenBLAS's own threads are
set with OPENBLAS_NUM_THREADS), and prints the median time per step:

    torch <name> <microseconds>

Networks (examples as rows, like Chainrule's nn):
  mnist: 784-256-10, relu hidden, softmax cross-entropy, batch 128
  tiny:  2-6-6-1, tanh hidden, sigmoid output with binary cross-entropy, batch 10

Run with Debian's python (apt-get install python3-torch python3-numpy libopenblas0-pthread):
    /usr/bin/python3 examples/bench/torch_step.py
"""
import os
import statistics
import sys
import time

import torch

torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "2")))
torch.set_default_dtype(torch.float64)
torch.manual_seed(1)


def network(sizes, hidden):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(hidden())
    return torch.nn.Sequential(*layers)


def bench(name, sizes, hidden, batch, loss_fn, targets, seconds=3.0):
    model = network(sizes, hidden)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.randn(batch, sizes[0])
    y = targets(batch)

    def step():
        optimizer.zero_grad(set_to_none=False)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(200):
        step()
    samples = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        n = 20
        start = time.perf_counter()
        for _ in range(n):
            step()
        samples.append((time.perf_counter() - start) / n)
    print(f"torch {name} {statistics.median(samples) * 1e6:.2f}")
    sys.stdout.flush()


bench("mnist", [784, 256, 10], torch.nn.ReLU, 128, torch.nn.functional.cross_entropy,
      lambda b: torch.randint(0, 10, (b,)))
bench("tiny", [2, 6, 6, 1], torch.nn.Tanh, 10, torch.nn.functional.binary_cross_entropy_with_logits,
      lambda b: torch.randint(0, 2, (b, 1)).to(torch.float64))
print(f"# torch threads {torch.get_num_threads()}, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, version {torch.__version__}")
