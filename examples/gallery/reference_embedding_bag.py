"""PyTorch reference for EmbeddingClassifier: embed each sentence's tokens with E, average them
per sentence, scores = pooled W + b, loss = softmax cross-entropy averaged over the sentences,
at seeded weights and sentences; writes the loss and every gradient to
examples/src/test/resources/org/chainrule/examples/gallery/embedding-bag.txt.
Run: /usr/bin/python3 examples/gallery/reference_embedding_bag.py"""
import os
import sys

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from reference_io import write  # noqa: E402

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(2026)
sentences = torch.randint(0, 10, (5, 4), generator=g)
sentences[0] = torch.tensor([3, 3, 7, 3])  # a token repeated within a sentence
classes = torch.tensor([0, 1, 1, 0, 1])
params = {
    "E": torch.randn(10, 4, generator=g).mul(0.5),
    "W": torch.randn(4, 2, generator=g).mul(0.5),
    "b": torch.randn(1, 2, generator=g).mul(0.1),
}
for p in params.values():
    p.requires_grad_()

pooled = F.embedding(sentences, params["E"]).mean(dim=1)  # 5 x 4 x 4 -> 5 x 4
scores = pooled @ params["W"] + params["b"]
loss = F.cross_entropy(scores, classes)
loss.backward()

values = {"sentences": sentences.double(), "classes": classes.reshape(-1, 1).double()}
values.update(params)
values["loss"] = loss
values.update({"grad_" + name: p.grad for name, p in params.items()})
write(os.path.join(HERE, "../src/test/resources/org/chainrule/examples/gallery/embedding-bag.txt"),
      os.path.basename(__file__), values)
