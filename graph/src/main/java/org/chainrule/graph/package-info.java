/**
 * The recorded graph and its backward pass: {@link org.chainrule.graph.Graph} records
 * {@link org.chainrule.graph.Node}s in creation (topological) order; leaves are
 * {@link org.chainrule.graph.Parameter}s, inputs or constants; every other node applies an
 * {@link org.chainrule.graph.Operation}. {@code Graph.backward} walks the nodes in reverse
 * order, adding every consumer's vector-Jacobian product into each node's gradient — the
 * multivariable chain rule computed once per node. The engine owns that sum and the nodes'
 * buffers (pooled; {@link org.chainrule.graph.Graph#recycle()} hands them to the next graph):
 * an operation's forward rule and VJP only write, or add when told, into the buffer they are
 * handed. With {@link org.chainrule.graph.Graph#setDetectAnomalies(boolean)} on, the first NaN
 * or infinity of either pass throws an {@link org.chainrule.graph.AnomalyException} naming the
 * operation, its node, its input shapes and the pass. A {@link org.chainrule.graph.Replay}
 * evaluates a recorded graph again at shifted values, recomputing only the nodes a shift
 * reaches, in the graph's own buffers (what the gradient checker's finite differences use).
 *
 * <p>The built-in operations live in {@link org.chainrule.graph.ops}, one file each. A user's
 * own operation implements {@link org.chainrule.graph.Operation} (or, for an element-wise
 * function, extends {@link org.chainrule.graph.ElementwiseOperation} or is made with its
 * {@link org.chainrule.graph.ElementwiseOperation#of of}) and is recorded with {@link
 * org.chainrule.graph.Graph#apply}; {@link org.chainrule.graph.check} checks its gradient
 * against finite differences.
 */
package org.chainrule.graph;
