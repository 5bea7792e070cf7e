"""PyTorch reference for ResidualMlp: y = X + relu(X W1 + b1) W2 + b2, scores = y Wout + bout,
loss = softmax cross-entropy averaged over the rows, at seeded weights and examples; writes the
loss and every gradient to
examples/src/test/resources/org/chainrule/examples/gallery/residual-mlp.txt.
Run: /usr/bin/python3 examples/gallery/reference_residual_mlp.py"""
import os
import sys

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from reference_io import write  # noqa: E402

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(2026)
X = torch.randn(6, 4, generator=g)
classes = torch.tensor([0, 1, 2, 2, 1, 0])
params = {
    "W1": torch.randn(4, 8, generator=g).mul(0.5),
    "b1": torch.randn(1, 8, generator=g).mul(0.1),
    "W2": torch.randn(8, 4, generator=g).mul(0.5),
    "b2": torch.randn(1, 4, generator=g).mul(0.1),
    "Wout": torch.randn(4, 3, generator=g).mul(0.5),
    "bout": torch.randn(1, 3, generator=g).mul(0.1),
}
for p in params.values():
    p.requires_grad_()

pre = X @ params["W1"] + params["b1"]
# relu has a kink at 0, where frameworks may pick different derivatives: stay clear of it
assert pre.abs().min() > 1e-3, pre.abs().min()
y = X + torch.relu(pre) @ params["W2"] + params["b2"]
scores = y @ params["Wout"] + params["bout"]
loss = F.cross_entropy(scores, classes)
loss.backward()

values = {"X": X, "classes": classes.reshape(-1, 1).double()}
values.update(params)
values["loss"] = loss
values.update({"grad_" + name: p.grad for name, p in params.items()})
write(os.path.join(HERE, "../src/test/resources/org/chainrule/examples/gallery/residual-mlp.txt"),
      os.path.basename(__file__), values)
