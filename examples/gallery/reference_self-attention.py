"""PyTorch reference for SelfAttention: single-head self-attention, residual, LayerNorm, MSE.
Writes examples/src/test/resources/org/chainrule/examples/gallery/self-attention.txt."""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_io import write  # noqa: E402

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(20261202)
T, d = 5, 4
x = torch.randn(T, d, generator=g)
target = torch.randn(T, d, generator=g)
params = {
    "Wq": torch.randn(d, d, generator=g) / 2,
    "Wk": torch.randn(d, d, generator=g) / 2,
    "Wv": torch.randn(d, d, generator=g) / 2,
    "gamma": 1 + torch.randn(1, d, generator=g) / 4,
    "beta": torch.randn(1, d, generator=g) / 4,
}
for p in params.values():
    p.requires_grad_(True)

q, k, v = x @ params["Wq"], x @ params["Wk"], x @ params["Wv"]
a = torch.softmax(q @ k.T / d ** 0.5, dim=1)
r = x + a @ v
y = torch.nn.functional.layer_norm(r, (d,), params["gamma"].reshape(d), params["beta"].reshape(d), eps=1e-5)
loss = torch.nn.functional.mse_loss(y, target)
loss.backward()

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "src", "test", "resources", "org", "chainrule", "examples", "gallery",
                   "self-attention.txt")
values = {"x": x, "target": target, **params, "loss": loss}
values.update({"grad_" + name: p.grad for name, p in params.items()})
write(out, os.path.basename(__file__), values)
