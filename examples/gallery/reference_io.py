"""Writes reference values in the plain-text format ReferenceValues reads (one tensor a line:
name, rows, columns, then the elements row-major as Python float reprs, which round-trip
doubles exactly). Used by the gallery's reference scripts; run them with Debian's python:
/usr/bin/python3 examples/gallery/<script>.py  (apt-get install python3-torch)."""
import torch


def write(path, script, tensors):
    """tensors: a dict name -> 2-D float64 torch tensor (or a Python float for a 1x1)."""
    with open(path, "w") as out:
        out.write(f"# written by examples/gallery/{script} with torch {torch.__version__}, float64\n")
        for name, t in tensors.items():
            t = torch.as_tensor(t, dtype=torch.float64).detach()
            if t.dim() == 0:
                t = t.reshape(1, 1)
            if t.dim() == 1:
                t = t.reshape(1, -1)
            rows, cols = t.shape
            values = " ".join(repr(float(v)) for v in t.reshape(-1).tolist())
            out.write(f"{name} {rows} {cols} {values}\n")
