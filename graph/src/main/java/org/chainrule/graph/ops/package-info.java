/**
 * Chainrule's primitive operations, one small file each, the forward rule written above its
 * vector-Jacobian product. The seven primitives of the design are {@link
 * org.chainrule.graph.ops.MatMul}, {@link org.chainrule.graph.ops.AddBroadcast}, {@link
 * org.chainrule.graph.ops.Sigmoid}, {@link org.chainrule.graph.ops.Tanh}, {@link
 * org.chainrule.graph.ops.Relu}, {@link org.chainrule.graph.ops.Softmax} and {@link
 * org.chainrule.graph.ops.Log}; the support operations the losses need are {@link
 * org.chainrule.graph.ops.MultiplyBroadcast}, {@link org.chainrule.graph.ops.Scale}, {@link
 * org.chainrule.graph.ops.Sum} and {@link org.chainrule.graph.ops.Exp}. Subtract, negate and
 * mean are composed from these on {@link org.chainrule.graph.Node}. Beyond them: division,
 * element-wise maximum and minimum ({@link org.chainrule.graph.ops.Divide},
 * {@link org.chainrule.graph.ops.Extremum}), powers, square roots, absolute values and squares,
 * maxima along an axis ({@link org.chainrule.graph.ops.Max}), log-softmax, and the shape
 * operations transpose, reshape, concat, slice and gatherRows (an embedding lookup).
 * The checker's catalogue, {@code org.chainrule.graph.check.GraphOperations}, lists them all
 * once, with the inputs the gradient checks draw for each; nothing here imports the checker or
 * the teaching tools (an architecture test holds the layers).
 *
 * <p>Each writes its value and its vector-Jacobian products into buffers the engine hands it,
 * every element written and none read. The element-wise ones (sigmoid, tanh, relu, log, exp)
 * extend {@link org.chainrule.graph.ElementwiseOperation}, add and multiply
 * {@link org.chainrule.graph.BroadcastingOperation}, and the rest
 * {@link org.chainrule.graph.NamedOperation}, except {@link org.chainrule.graph.ops.Scale},
 * which holds only its constant (every scaling records a new one). None of them touches the
 * graph: gradient accumulation and un-broadcasting (for the operations that {@linkplain
 * org.chainrule.graph.Operation#broadcastsInputs() broadcast}) belong to the engine in {@link
 * org.chainrule.graph.Graph}.
 */
package org.chainrule.graph.ops;
