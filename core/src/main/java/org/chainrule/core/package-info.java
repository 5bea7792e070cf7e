/**
 * The numbers: Chainrule's immutable {@link org.chainrule.core.Tensor} value on EJML's
 * {@code DMatrixRMaj}, the shape and axis vocabulary, the framework's one exception root
 * {@link org.chainrule.core.ChainruleException}, and the numeric kernels the graph module
 * composes (element-wise functions, broadcasting, reductions, softmax and — in exactly one
 * place, {@link org.chainrule.core.Products} — matrix products).
 *
 * <p>Kernels follow EJML's procedural style: inputs first, an optional output last (reshaped
 * as needed; {@code null} allocates), and the output is returned. Inputs are never modified.
 */
package org.chainrule.core;
