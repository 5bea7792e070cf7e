"""Writes the fixture files that nn's interop tests load (no Python is needed to run the tests).

Run from the repository root with Debian's python (apt-get install python3-torch python3-numpy):
    /usr/bin/python3 examples/interop/make_fixtures.py
It builds a small PyTorch MLP with seeded weights and writes, into
nn/src/test/resources/org/chainrule/nn/interop/:
  mlp_f64.safetensors         its state_dict, float64, with "__metadata__"
  mlp_f32.safetensors         the same weights cast to float32, data stored in reverse order
  mlp_f64.npz                 the float64 state_dict via numpy.savez (entries stored)
  mlp_f32_compressed.npz      the float32 state_dict via numpy.savez_compressed (deflated)
  mlp_io.txt                  a fixed input and the model's outputs in float64 and float32
  matrix_f8.npy, matrix_f4.npy, matrix_fortran.npy, matrix_v2.npy, vector.npy, scalar.npy
                              single arrays: values (k - 2.5) / 7, k = 0, 1, ... in C order
safetensors is written by hand from the format's published spec (the safetensors package is
not used): 8-byte little-endian header length N, N bytes of JSON padded with spaces to a
multiple of 8, then the little-endian row-major data at the header's data_offsets.
"""
import json
import os
import struct

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "nn", "src", "test", "resources", "org", "chainrule", "nn", "interop")


def write_safetensors(path, tensors, metadata=None, reverse_data=False):
    """tensors: dict name -> numpy array (little-endian float64 or float32)."""
    dtypes = {np.dtype("<f8"): "F64", np.dtype("<f4"): "F32"}
    names = list(tensors)
    order = list(reversed(names)) if reverse_data else names
    offsets, position = {}, 0
    for name in order:
        size = tensors[name].nbytes
        offsets[name] = [position, position + size]
        position += size
    header = {} if metadata is None else {"__metadata__": metadata}
    for name in names:
        a = tensors[name]
        header[name] = {"dtype": dtypes[a.dtype], "shape": list(a.shape), "data_offsets": offsets[name]}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name in order:
            f.write(np.ascontiguousarray(tensors[name]).tobytes(order="C"))


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(15)
    torch.set_default_dtype(torch.float64)  # draw the weights in double, so F32 really rounds them
    model = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(), torch.nn.Linear(5, 4), torch.nn.ReLU(),
                                torch.nn.Linear(4, 2))
    x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-2.0, 1.0, 0.0], [0.1, 0.2, 0.3]], dtype=torch.float64)
    state64 = {k: v.numpy().astype("<f8") for k, v in model.state_dict().items()}
    state32 = {k: v.float().numpy().astype("<f4") for k, v in model.state_dict().items()}
    with torch.no_grad():
        hidden = model[:3](x)  # before the relu
        y64 = model(x)
        y32 = model.float()(x.float())
    assert (hidden > 0).any() and (hidden < 0).any(), "pick a seed where the relu cuts something"

    write_safetensors(os.path.join(OUT, "mlp_f64.safetensors"), state64,
                      metadata={"format": "pt", "written_by": "examples/interop/make_fixtures.py"})
    write_safetensors(os.path.join(OUT, "mlp_f32.safetensors"), state32, reverse_data=True)
    np.savez(os.path.join(OUT, "mlp_f64.npz"), **state64)
    np.savez_compressed(os.path.join(OUT, "mlp_f32_compressed.npz"), **state32)

    with open(os.path.join(OUT, "mlp_io.txt"), "w") as f:
        f.write(f"# written by examples/interop/make_fixtures.py with torch {torch.__version__},"
                f" numpy {np.__version__}\n")
        f.write("# the model: nn.Sequential(Linear(3, 5), Tanh(), Linear(5, 4), ReLU(), Linear(4, 2))\n")
        for label, t in (("input", x), ("output_f64", y64), ("output_f32", y32.double())):
            for row in t.tolist():
                f.write(label + " " + " ".join(repr(v) for v in row) + "\n")

    values = (np.arange(6, dtype="<f8").reshape(2, 3) - 2.5) / 7
    np.save(os.path.join(OUT, "matrix_f8.npy"), values)
    np.save(os.path.join(OUT, "matrix_f4.npy"), values.astype("<f4"))
    np.save(os.path.join(OUT, "matrix_fortran.npy"), np.asfortranarray(values))
    with open(os.path.join(OUT, "matrix_v2.npy"), "wb") as f:
        np.lib.format.write_array(f, values, version=(2, 0))
    np.save(os.path.join(OUT, "vector.npy"), (np.arange(4, dtype="<f8") - 2.5) / 7)
    np.save(os.path.join(OUT, "scalar.npy"), np.array(-2.5 / 7))


if __name__ == "__main__":
    main()
