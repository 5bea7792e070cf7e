"""Reads files that Chainrule saved back with NumPy (and PyTorch), independently of Chainrule.

Usage: /usr/bin/python3 examples/interop/check_with_numpy.py DIR
DIR holds what a Chainrule program saved from an Mlp 3 -> 5 tanh -> 4 relu -> 2:
  chainrule.safetensors, chainrule.npz   Safetensors.save(net, ...), Npz.save(net, ...)
  torch.safetensors, torch.npz           the same with WeightLayout.pytorch(net)
  layer1_weight.npy, input.npy, chainrule_output.npy   Npy.write of a weight, an input, net.predict(input)
safetensors is parsed by hand from the spec (struct + json): the safetensors package is not used.
"""
import json
import os
import struct
import sys

import numpy as np


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    dtypes = {"F64": "<f8", "F32": "<f4"}
    buffer = data[8 + n:]
    out = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        out[name] = np.frombuffer(buffer[begin:end], dtype=dtypes[entry["dtype"]]).reshape(entry["shape"])
    return out, metadata


def same(a, b):
    """Bit-for-bit equality of two float64 arrays (NaN included)."""
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


def main(folder):
    p = lambda name: os.path.join(folder, name)
    ours, meta = read_safetensors(p("chainrule.safetensors"))
    npz = np.load(p("chainrule.npz"))
    print("chainrule.safetensors:", {k: v.shape for k, v in ours.items()}, "metadata", meta)
    print("chainrule.npz        :", {k: npz[k].shape for k in npz.files})
    assert list(ours) == npz.files, (list(ours), npz.files)
    assert all(same(ours[k], npz[k]) for k in ours), "safetensors and npz differ"
    layer1 = np.load(p("layer1_weight.npy"))
    assert same(layer1, ours["layer1.weight"]), "npy and safetensors differ"
    print("layer1_weight.npy    :", layer1.dtype, layer1.shape, "== layer1.weight in both, bit for bit")

    torch_st, torch_meta = read_safetensors(p("torch.safetensors"))
    torch_npz = np.load(p("torch.npz"))
    print("torch.safetensors    :", {k: v.shape for k, v in torch_st.items()}, "metadata", torch_meta)
    assert all(same(torch_st[k], torch_npz[k]) for k in torch_st)
    for i, layer in ((0, "layer1"), (2, "layer2"), (4, "layer3")):
        assert same(torch_st[f"{i}.weight"], np.ascontiguousarray(ours[layer + ".weight"].T))
        assert same(torch_st[f"{i}.bias"], ours[layer + ".bias"].reshape(-1))
    print("PyTorch layout       : weights are the transposes, biases the flattened rows, bit for bit")

    x = np.load(p("input.npy"))
    expected = np.load(p("chainrule_output.npy"))
    h = np.tanh(x @ ours["layer1.weight"] + ours["layer1.bias"])
    h = np.maximum(0, h @ ours["layer2.weight"] + ours["layer2.bias"])
    numpy_out = h @ ours["layer3.weight"] + ours["layer3.bias"]
    print("NumPy forward pass vs Chainrule's predict: max |difference| =", np.abs(numpy_out - expected).max())
    try:
        import torch
    except ImportError:
        print("PyTorch not installed: skipping load_state_dict")
        return
    model = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(), torch.nn.Linear(5, 4), torch.nn.ReLU(),
                                torch.nn.Linear(4, 2)).double()
    model.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in torch_st.items()}, strict=True)
    with torch.no_grad():
        torch_out = model(torch.from_numpy(x)).numpy()
    print("PyTorch load_state_dict(strict=True) forward vs Chainrule's predict: max |difference| =",
          np.abs(torch_out - expected).max())


if __name__ == "__main__":
    main(sys.argv[1])
