/**
 * Seeing the chain rule at work, for teachers and students.
 *
 * <ul>
 *   <li>{@link org.chainrule.graph.trace.BackwardTrace}: a real backward pass written down
 *       node by node in reverse topological order — each node's value, the contribution
 *       {@code dh'/dh · Delta(h')} arriving along each edge, their sum
 *       {@code Delta(h) = sum over consumers h' of dh'/dh · Delta(h')}, and the local
 *       derivatives the node applies.</li>
 *   <li>{@link org.chainrule.graph.trace.PathSum}: on a scalar graph, every path from
 *       {@code w} to the output with the product of its local derivatives, their sum, and the
 *       backward pass that gets the same number with one product per edge; it refuses when
 *       the paths are too many, which is the reason backpropagation exists.</li>
 *   <li>{@link org.chainrule.graph.trace.GraphPicture}: any graph as Graphviz DOT, drawn as
 *       SVG or PNG when Graphviz's {@code dot} is installed.</li>
 * </ul>
 *
 * <p>All three render as plain text or Markdown ({@link org.chainrule.graph.trace.Format}) or
 * DOT, and all walk the graph iteratively, so a million-node graph is no problem.
 */
package org.chainrule.graph.trace;
