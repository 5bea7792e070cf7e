"""PyTorch reference for ElmanRnn: an Elman RNN unrolled over 4 bits, sigmoid cross-entropy on
the parity. Writes examples/src/test/resources/org/chainrule/examples/gallery/elman-parity.txt."""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_io import write  # noqa: E402

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(20261203)
hidden = 3
x = torch.tensor([[(i >> (3 - t)) & 1 for t in range(4)] for i in range(16)], dtype=torch.float64)
parity = x.sum(dim=1, keepdim=True) % 2
params = {
    "Wx": torch.randn(1, hidden, generator=g),
    "Wh": torch.randn(hidden, hidden, generator=g),
    "b": torch.randn(1, hidden, generator=g),
    "Wout": torch.randn(hidden, 1, generator=g),
    "bout": torch.randn(1, 1, generator=g),
}
for p in params.values():
    p.requires_grad_(True)

h = torch.zeros(16, hidden)
for t in range(4):
    h = torch.tanh(x[:, t:t + 1] @ params["Wx"] + h @ params["Wh"] + params["b"])
score = h @ params["Wout"] + params["bout"]
loss = torch.nn.functional.binary_cross_entropy_with_logits(score, parity)
loss.backward()

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "src", "test", "resources", "org", "chainrule", "examples", "gallery",
                   "elman-parity.txt")
values = {"x": x, "parity": parity, **params, "loss": loss}
values.update({"grad_" + name: p.grad for name, p in params.items()})
write(out, os.path.basename(__file__), values)
