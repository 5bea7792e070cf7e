/**
 * The operations nn adds to the graph, one file each with the forward rule above its
 * vector-Jacobian product, like {@code org.chainrule.graph.ops}: a dense layer's fused
 * affine map {@code X W + b}, the leaky relu activation and the two fused, numerically
 * stable cross-entropy losses on scores. {@link org.chainrule.nn.ops.NnOperations} lists them
 * once, with the inputs the gradient checks draw for each.
 */
package org.chainrule.nn.ops;
