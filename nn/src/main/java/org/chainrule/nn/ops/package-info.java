/**
 * The operations nn adds to the graph, one file each with the forward rule above its
 * vector-Jacobian product, like {@code org.chainrule.graph.ops}: a dense layer's fused
 * affine map {@code X W + b}, the leaky relu activation and the two fused, numerically
 * stable cross-entropy losses on scores.
 */
package org.chainrule.nn.ops;
