package org.chainrule.graph;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * The result of a functional backward pass ({@link Graph#computeGradients(Node)}): the
 * gradient {@code d output / d node} of every node between the parameters and the output, in
 * buffers of its own. Computing it changed no {@link Parameter}'s gradient and no node's
 * {@link Node#gradient()}; nothing changes it afterwards (it holds no buffer of the graph's, so
 * it stays valid after the graph is {@linkplain Graph#recycle() recycled}).
 */
public final class Gradients {
    private final Node output;
    /** By node id; null for a node the pass did not reach. Never handed out, only copied. */
    private final DMatrixRMaj[] byNode;

    Gradients(Node output, DMatrixRMaj[] byNode) {
        this.output = output;
        this.byNode = byNode;
    }

    /**
     * The node the pass started from.
     *
     * @return the output.
     */
    public Node output() {
        return output;
    }

    /**
     * The gradient of the output with respect to {@code node}, shaped like the node: zero for
     * a node that lies on no path to the output (recorded after it, or beside it).
     *
     * @param node a node of the output's graph that depends on a parameter.
     * @return a copy of the gradient.
     * @throws ChainruleException if {@code node} is null, belongs to another graph, or depends
     *     on no parameter (inputs and constants get no gradient).
     */
    public Tensor of(Node node) {
        ChainruleException.requireNonNull(node, "Gradients.of: node");
        if (node.graph != output.graph) {
            throw new ChainruleException("Gradients.of: node " + node.label()
                    + " belongs to a different graph from the output " + output.label());
        }
        if (!node.requiresGradient) {
            throw new ChainruleException("Gradients.of: node " + node.label() + " has no gradient: it does not depend"
                    + " on any parameter. Record the leaves you want gradients for with graph.parameter(...)");
        }
        DMatrixRMaj g = node.id < byNode.length ? byNode[node.id] : null;
        return g == null ? Tensor.zeros(node.shape.rows(), node.shape.cols()) : Tensor.copyOf(g);
    }

    /**
     * The gradient of the output with respect to a parameter, as recorded in the output's graph.
     *
     * @param parameter a parameter the graph recorded.
     * @return a copy of the gradient, shaped like the parameter.
     * @throws ChainruleException if {@code parameter} is null or the graph did not record it.
     */
    public Tensor of(Parameter parameter) {
        ChainruleException.requireNonNull(parameter, "Gradients.of: parameter");
        for (Node node : output.graph.nodes()) {
            if (node.parameter == parameter) {
                return of(node);
            }
        }
        throw new ChainruleException("Gradients.of: parameter '" + parameter.name()
                + "' is not recorded in the output's graph");
    }
}
