/**
 * Exchanging weights with PyTorch and NumPy: {@link org.chainrule.nn.interop.Safetensors}
 * (a model's parameters as safetensors), {@link org.chainrule.nn.interop.Npy} (one tensor as
 * a NumPy {@code .npy}) and {@link org.chainrule.nn.interop.Npz} (a model's parameters as a
 * NumPy {@code .npz}), each under a {@link org.chainrule.nn.interop.WeightLayout}: Chainrule's
 * own names and shapes, or PyTorch's ({@code nn.Sequential} numbering, {@code nn.Linear}'s
 * transposed weight and vector bias).
 *
 * <p>Readers check every header against the file's length, the layout and the free memory
 * before they allocate any array, and refuse what they cannot read with an
 * {@link org.chainrule.nn.interop.InteropException} whose one-line message names the file,
 * the entry and the problem; a refused load changes no parameter. The JSON and Python-literal
 * headers are parsed by this package's own small code: Chainrule adds no dependency for them.
 */
package org.chainrule.nn.interop;
