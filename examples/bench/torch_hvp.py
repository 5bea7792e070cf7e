#!/usr/bin/python3
"""PyTorch's side of HessianVectorBenchmark: the 784-256-10 tanh MLP, batch 128, mean softmax
cross-entropy, float64, one thread: the gradient (forward + backward) and a Hessian-vector product
by double backward (autograd.grad with create_graph=True, then the gradient of <g, v>).
Prints one line per measurement: torch NAME median_us (of 7 rounds of timed loops, in-process)."""
import time
import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(1)
x = torch.rand(128, 784, generator=gen)
labels = torch.randint(0, 10, (128,), generator=gen)
w1 = (torch.randn(784, 256, generator=gen) * (2 / (784 + 256)) ** 0.5).requires_grad_(True)
b1 = torch.zeros(1, 256).requires_grad_(True)
w2 = (torch.randn(256, 10, generator=gen) * (2 / (256 + 10)) ** 0.5).requires_grad_(True)
b2 = torch.zeros(1, 10).requires_grad_(True)
params = [w1, b1, w2, b2]
v = [torch.randn(p.shape, generator=gen) for p in params]


def loss():
    return torch.nn.functional.cross_entropy(torch.tanh(x @ w1 + b1) @ w2 + b2, labels)


def gradient():
    return torch.autograd.grad(loss(), params)


def hvp():
    g = torch.autograd.grad(loss(), params, create_graph=True)
    dot = sum((gi * vi).sum() for gi, vi in zip(g, v))
    return torch.autograd.grad(dot, params)


def median_us(f, seconds=1.0, rounds=7):
    for _ in range(20):
        f()
    results = []
    for _ in range(rounds):
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            f()
            n += 1
        results.append((time.perf_counter() - start) / n * 1e6)
    return sorted(results)[rounds // 2]


print("torch hvp-gradient", median_us(gradient))
print("torch hvp", median_us(hvp))
