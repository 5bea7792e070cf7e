"""PyTorch reference for MaxPoolingConv: a width-3 convolution over length-8 signals (unfold =
im2col), relu, max over positions, a linear read-out, sigmoid cross-entropy.
Writes examples/src/test/resources/org/chainrule/examples/gallery/conv-maxpool.txt."""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_io import write  # noqa: E402

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(20261204)
n, length, kernel, channels = 4, 8, 3, 3
signals = torch.rand(n, length, generator=g) - 0.5
labels = torch.tensor([[s % 2] for s in range(n)], dtype=torch.float64)
signals[1, 2:5] += torch.tensor([1.0, 2.0, 1.0])
signals[3, 4:7] += torch.tensor([1.0, 2.0, 1.0])
params = {
    "W": torch.randn(kernel, channels, generator=g),
    "b": torch.randn(1, channels, generator=g) / 2,
    "Wout": torch.randn(channels, 1, generator=g),
    "bout": torch.randn(1, 1, generator=g),
}
for p in params.values():
    p.requires_grad_(True)

patches = signals.unfold(1, kernel, 1)                    # n x 6 x 3, patch i = signal[i:i+3]
features = torch.relu(patches @ params["W"] + params["b"]).max(dim=1).values   # n x channels
score = features @ params["Wout"] + params["bout"]
loss = torch.nn.functional.binary_cross_entropy_with_logits(score, labels)
loss.backward()

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "src", "test", "resources", "org", "chainrule", "examples", "gallery",
                   "conv-maxpool.txt")
values = {"signals": signals, "labels": labels, **params, "loss": loss}
values.update({"grad_" + name: p.grad for name, p in params.items()})
write(out, os.path.basename(__file__), values)
