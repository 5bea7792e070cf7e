package org.chainrule.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;

/**
 * The backward pass recorded as a graph ({@link Graph#gradients}): the same walk as
 * {@code backward}, in reverse recording order from the output, but each step is a node made
 * by the operation's graph rule ({@link Operation#vjpGraph}) and the contributions to a node
 * are summed with {@code add} nodes, so the gradients are nodes that can be differentiated
 * again. The walk is a loop over the recorded nodes, never a recursion, so a deep chain needs
 * no deep stack.
 */
final class GradientGraph {
    private GradientGraph() {
    }

    /**
     * The gradients of {@code output} with respect to each of {@code wrt}, seeded with
     * {@code seed}, as nodes of the output's graph; every node from {@code firstNew} on is
     * marked as a backward node (the caller's seed of ones included).
     */
    static List<Node> of(Graph graph, Node output, Node seed, List<Node> wrt, int firstNew) {
        List<Node> nodes = graph.nodes();
        int last = output.id;
        boolean[] fromWrt = new boolean[last + 1];
        for (Node w : wrt) {
            if (w.id <= last) {
                fromWrt[w.id] = true;
            }
        }
        for (int id = 0; id <= last; id++) {
            Node n = nodes.get(id);
            if (fromWrt[id] || n.operation == null || !n.operation.passesGradients()) {
                continue;
            }
            for (Node in : n.inputs) {
                if (fromWrt[in.id]) {
                    fromWrt[id] = true;
                    break;
                }
            }
        }
        Map<Integer, Node> gradients = new HashMap<>();
        gradients.put(last, seed);
        for (int id = last; id >= 0; id--) {
            Node n = nodes.get(id);
            Node g = gradients.get(id);
            if (g == null || n.operation == null || !fromWrt[id] || !n.operation.passesGradients()) {
                continue;
            }
            for (int k = 0; k < n.inputs.length; k++) {
                Node in = n.inputs[k];
                if (!fromWrt[in.id]) {
                    continue;
                }
                if (!n.operation.hasVjpGraph()) {
                    String supply = n.operation instanceof ElementwiseOperation
                            ? "build it with ElementwiseOperation.builder(name)...graphDerivative((x, y) -> f'(x))"
                            : n.operation instanceof BinaryElementwiseOperation
                            ? "build it with BinaryElementwiseOperation.builder(name)...graphPartials(da, db)"
                            : "give the operation a graph rule (Operation.vjpGraph and hasVjpGraph)";
                    throw new ChainruleException("gradients: " + n.operation.name() + " (node " + n.label() + ") has no"
                            + " graph rule, so the gradient cannot be recorded as a graph and differentiated again: "
                            + supply + ", or take first derivatives with backward or computeGradients");
                }
                int before = nodes.size();
                Node c = n.operation.vjpGraph(k, n.inputs, n, g);
                if (c == null) {
                    continue;
                }
                c = reduceTo(c, in.shape, n.operation.name());
                graph.markRuleOf(before, nodes.size(), n);
                Node sum = gradients.get(in.id);
                gradients.put(in.id, sum == null ? c : sum.add(c));
            }
        }
        List<Node> result = new ArrayList<>(wrt.size());
        for (Node w : wrt) {
            Node g = gradients.get(w.id);
            if (g == null) {
                g = graph.constant(Tensor.of(new double[w.shape.rows()][w.shape.cols()]));
            }
            if (g.id >= firstNew && g.name() == null) {
                g.setName("d(" + name(output) + ")/d(" + name(w) + ")");
            }
            result.add(g);
        }
        graph.markBackward(firstNew, nodes.size());
        return result;
    }

    /** A contribution in a broadcast output's shape, summed back to the input's. */
    private static Node reduceTo(Node c, Shape target, String operation) {
        Shape from = c.shape;
        if (from.equals(target)) {
            return c;
        }
        if (target.rows() == 1 && target.cols() == 1) {
            return c.sum();
        }
        if (target.rows() == 1 && target.cols() == from.cols()) {
            return c.sum(Axis.EACH_COLUMN);
        }
        if (target.cols() == 1 && target.rows() == from.rows()) {
            return c.sum(Axis.EACH_ROW);
        }
        throw new ShapeMismatchException("gradients: the graph rule of " + operation + " gave a " + from
                + " contribution for a " + target + " input, which cannot be summed back to it");
    }

    private static String name(Node n) {
        return n.name() != null ? n.name() : "#" + n.id;
    }
}
