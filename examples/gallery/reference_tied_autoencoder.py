"""PyTorch reference for TiedAutoencoder: h = tanh(X W + b), Xhat = h W^T + c,
loss = mean((Xhat - X)^2), at seeded weights and points; writes the loss and every gradient to
examples/src/test/resources/org/chainrule/examples/gallery/tied-autoencoder.txt.
Run: /usr/bin/python3 examples/gallery/reference_tied_autoencoder.py"""
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from reference_io import write  # noqa: E402

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(2026)
X = torch.randn(6, 8, generator=g)
W = torch.randn(8, 3, generator=g).mul(0.5).requires_grad_()
b = torch.randn(1, 3, generator=g).mul(0.1).requires_grad_()
c = torch.randn(1, 8, generator=g).mul(0.1).requires_grad_()

h = torch.tanh(X @ W + b)
Xhat = h @ W.T + c
loss = (Xhat - X).square().mean()
loss.backward()

write(os.path.join(HERE, "../src/test/resources/org/chainrule/examples/gallery/tied-autoencoder.txt"),
      os.path.basename(__file__),
      {"X": X, "W": W, "b": b, "c": c, "loss": loss,
       "grad_W": W.grad, "grad_b": b.grad, "grad_c": c.grad})
