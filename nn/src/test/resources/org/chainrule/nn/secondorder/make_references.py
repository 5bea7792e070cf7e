#!/usr/bin/python3
"""PyTorch float64 references for Chainrule's derivatives of derivatives (SecondOrderReferenceTest).

Run with Debian's python3-torch:  /usr/bin/python3 make_references.py > references.txt
Every input is a deterministic formula (no random numbers), written out with the results, one
tensor per line: NAME ROWS COLS v1 v2 ... (row-major, repr of float64).
"""
import math
import torch

torch.set_default_dtype(torch.float64)


def values(rows, cols, offset, scale=1.0):
    return torch.tensor([[scale * math.sin(offset + 1.7 * i + 0.9 * j + 0.3 * i * j) for j in range(cols)]
                         for i in range(rows)])


def emit(name, t):
    t = t.detach().reshape(t.shape[0] if t.dim() > 1 else 1, -1) if t.dim() > 0 else t.detach().reshape(1, 1)
    flat = " ".join(repr(float(v)) for v in t.flatten())
    print(f"{name} {t.shape[0]} {t.shape[1]} {flat}")


# 1. The Hessian of a small MLP's mean softmax cross-entropy (3-4-3, tanh, batch 5, class indices),
#    over all parameters flattened in the order W1, b1, W2, b2.
x = values(5, 3, 0.1)
labels = torch.tensor([0, 2, 1, 1, 0])
w1, b1, w2, b2 = values(3, 4, 1.0, 0.8), values(1, 4, 2.0, 0.3), values(4, 3, 3.0, 0.8), values(1, 3, 4.0, 0.3)
for n, t in [("mlp.x", x), ("mlp.labels", labels.double().reshape(5, 1)), ("mlp.W1", w1), ("mlp.b1", b1),
             ("mlp.W2", w2), ("mlp.b2", b2)]:
    emit(n, t)
shapes = [w1.shape, b1.shape, w2.shape, b2.shape]


def mlp_loss(flat):
    parts, at = [], 0
    for s in shapes:
        n = s[0] * s[1]
        parts.append(flat[at:at + n].reshape(s))
        at += n
    W1, B1, W2, B2 = parts
    z = torch.tanh(x @ W1 + B1) @ W2 + B2
    return torch.nn.functional.cross_entropy(z, labels)


flat = torch.cat([t.flatten() for t in (w1, b1, w2, b2)])
emit("mlp.hessian", torch.autograd.functional.hessian(mlp_loss, flat))

# 2. A Hessian-vector product through attention with layer norm: L = sum(LN(softmax(Q K^T / sqrt(d)) V)^2)
#    with Q = X Wq, K = X Wk, V = X Wv, LN(y) = (y - mean) / sqrt(var + 1e-5) per row; H v with respect to Wq.
xa = values(4, 3, 5.0)
wq, wk, wv = values(3, 3, 6.0, 0.7), values(3, 3, 7.0, 0.7), values(3, 3, 8.0, 0.7)
va = values(3, 3, 9.0)
for n, t in [("attention.x", xa), ("attention.Wq", wq), ("attention.Wk", wk), ("attention.Wv", wv),
             ("attention.v", va)]:
    emit(n, t)


def attention_loss(q_weight):
    q, k, v = xa @ q_weight, xa @ wk, xa @ wv
    y = torch.softmax(q @ k.T / math.sqrt(3.0), dim=1) @ v
    centred = y - y.mean(dim=1, keepdim=True)
    normed = centred / torch.sqrt((centred * centred).mean(dim=1, keepdim=True) + 1e-5)
    return (normed * normed * torch.tensor([[1.0, 2.0, 3.0]])).sum()


emit("attention.hv", torch.autograd.functional.hvp(attention_loss, wq, va)[1])

# 3. A gradient penalty: P = |d f / d x|^2 for f = sum(sigmoid(tanh(x W1 + b1) W2)), differentiated w.r.t. W1 and W2.
xp = values(3, 2, 10.0)
p1, pb, p2 = values(2, 4, 11.0, 0.9), values(1, 4, 12.0, 0.4), values(4, 1, 13.0, 0.9)
for n, t in [("penalty.x", xp), ("penalty.W1", p1), ("penalty.b1", pb), ("penalty.W2", p2)]:
    emit(n, t)
xq = xp.clone().requires_grad_(True)
q1 = p1.clone().requires_grad_(True)
q2 = p2.clone().requires_grad_(True)
f = torch.sigmoid(torch.tanh(xq @ q1 + pb) @ q2).sum()
(gx,) = torch.autograd.grad(f, xq, create_graph=True)
penalty = (gx * gx).sum()
emit("penalty.value", penalty)
d1, d2 = torch.autograd.grad(penalty, (q1, q2))
emit("penalty.dW1", d1)
emit("penalty.dW2", d2)

# 4. The first three derivatives of g(x) = sqrt(exp(sigmoid(x)) + log(1 + x^2)) / (1 + tanh(x)^2) + relu(x) x,
#    element-wise at five points.
xs = torch.tensor([[-1.5, -0.4, 0.3, 0.9, 2.2]])
emit("scalar.x", xs)
xr = xs.clone().requires_grad_(True)
g = torch.sqrt(torch.exp(torch.sigmoid(xr)) + torch.log(1 + xr * xr)) / (1 + torch.tanh(xr) ** 2) + torch.relu(xr) * xr
(g1,) = torch.autograd.grad(g.sum(), xr, create_graph=True)
(g2,) = torch.autograd.grad(g1.sum(), xr, create_graph=True)
(g3,) = torch.autograd.grad(g2.sum(), xr)
emit("scalar.d1", g1)
emit("scalar.d2", g2)
emit("scalar.d3", g3)
