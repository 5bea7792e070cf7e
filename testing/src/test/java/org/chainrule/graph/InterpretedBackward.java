package org.chainrule.graph;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.chainrule.core.Broadcast;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GraphFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * A second reverse-mode engine for tests, written apart from {@link Graph#backward}: it walks a
 * recorded graph through the public API only, asks each operation for its vector-Jacobian
 * products and combines them as {@link Accumulation} says. With {@link Accumulation#ADD} it is
 * the multivariable chain rule; with {@link Accumulation#OVERWRITE} it has the classic bug of
 * {@code grad = contribution} instead of {@code grad += contribution}, which is right on every
 * chain and wrong as soon as a node feeds two consumers.
 */
final class InterpretedBackward {

    /** How a node combines the gradients its consumers hand it. */
    enum Accumulation {
        /** {@code grad += contribution}: the sum over paths. */
        ADD,
        /** {@code grad = contribution}: the last consumer wins (a bug). */
        OVERWRITE
    }

    private InterpretedBackward() {
    }

    /**
     * The gradient of {@code function} at {@code inputs}, computed by this engine.
     *
     * @param function the function, recorded in a fresh graph with one parameter per input.
     * @param inputs the point.
     * @param accumulation how contributions combine.
     * @return one gradient per input.
     */
    static List<Tensor> gradient(GraphFunction function, List<Tensor> inputs, Accumulation accumulation) {
        Graph graph = new Graph();
        Node[] parameters = new Node[inputs.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = graph.parameter("x" + i, inputs.get(i));
        }
        Node loss = function.build(graph, parameters.clone());
        Map<Node, DMatrixRMaj> gradients = new IdentityHashMap<>();
        gradients.put(loss, Tensor.scalar(1).toMatrix());
        List<Node> nodes = graph.nodes();
        for (int id = loss.id(); id >= 0; id--) {
            Node node = nodes.get(id);
            DMatrixRMaj g = gradients.get(node);
            if (g == null || node.operation() == null) {
                continue;
            }
            List<Node> args = node.inputs();
            DMatrixRMaj[] values = new DMatrixRMaj[args.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = args.get(k).value().matrixView();
            }
            for (int k = 0; k < values.length; k++) {
                Node arg = args.get(k);
                if (!arg.requiresGradient()) {
                    continue;
                }
                boolean broadcast = node.operation().broadcastsInputs() && !arg.shape().equals(node.shape());
                Shape vjpShape = broadcast ? node.shape() : arg.shape();
                DMatrixRMaj vjp = new DMatrixRMaj(vjpShape.rows(), vjpShape.cols());
                node.operation().vjp(k, values, node.value().matrixView(), g, vjp);
                DMatrixRMaj contribution = Broadcast.reduceTo(vjp, arg.shape(), null);
                DMatrixRMaj existing = gradients.get(arg);
                if (existing == null || accumulation == Accumulation.OVERWRITE) {
                    gradients.put(arg, contribution);
                } else {
                    Elementwise.addInPlace(existing, contribution);
                }
            }
        }
        List<Tensor> result = new ArrayList<>();
        for (Node parameter : parameters) {
            DMatrixRMaj g = gradients.get(parameter);
            result.add(g == null ? Tensor.zeros(parameter.shape().rows(), parameter.shape().cols()) : Tensor.adopt(g));
        }
        return result;
    }
}
