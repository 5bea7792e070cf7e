package org.chainrule.graph.check;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * One recording of a {@link GraphFunction} in a fresh graph: the input parameters
 * {@code x0, x1, ...}, the output, and the analytic gradients read from it.
 */
final class Recording {
    final Graph graph;
    final Node[] inputs;
    final Node output;

    private Recording(Graph graph, Node[] inputs, Node output) {
        this.graph = graph;
        this.inputs = inputs;
        this.output = output;
    }

    /** Records {@code function} at {@code x}, each input as a parameter named {@code x0, x1, ...}. */
    static Recording of(GraphFunction function, List<Tensor> x) {
        ChainruleException.requireNonNull(x, "GraphFunction: the list of inputs");
        Graph graph = new Graph();
        Node[] nodes = new Node[x.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = graph.parameter("x" + i, x.get(i));
        }
        Node output = function.build(graph, nodes.clone());
        if (output == null) {
            throw new ChainruleException("GraphFunction.build returned null: it must return the output node");
        }
        if (output.graph() != graph) {
            throw new ChainruleException("GraphFunction.build returned node " + output.label()
                    + " of another graph: record the function in the graph it is given");
        }
        return new Recording(graph, nodes, output);
    }

    /** The output's value, read without marking it as read (see {@link org.chainrule.graph.Replay#valuesWereRead()}). */
    double[] outputValues(org.chainrule.graph.Replay replay) {
        return replay.copyOutputInto(new double[output.shape().size()]);
    }

    /**
     * The gradient of {@code seed . output} with respect to each input, by one backward pass
     * (each input's gradient is zeroed first, so passes do not accumulate); zero for an
     * output that depends on no input.
     */
    List<Tensor> gradients(Tensor seed) {
        for (Node input : inputs) {
            input.parameter().zeroGradient();
        }
        if (output.requiresGradient()) {
            if (seed == null) {
                graph.backward(output);
            } else {
                graph.backward(output, seed);
            }
        }
        List<Tensor> gradients = new ArrayList<>(inputs.length);
        for (Node input : inputs) {
            gradients.add(input.parameter().gradient());
        }
        return gradients;
    }

    /**
     * The Jacobian of the output with respect to each input, one backward pass per output
     * element: for a {@code 1x1} output the gradient itself, shaped like the input; otherwise
     * one row per output element and one column per input element, both row-major.
     */
    List<Tensor> jacobians() {
        int m = output.shape().size();
        if (m == 1) {
            return gradients(null);
        }
        List<DMatrixRMaj> rows = new ArrayList<>(inputs.length);
        for (Node input : inputs) {
            rows.add(new DMatrixRMaj(m, input.shape().size()));
        }
        DMatrixRMaj seed = new DMatrixRMaj(output.shape().rows(), output.shape().cols());
        for (int r = 0; r < m; r++) {
            seed.zero();
            seed.data[r] = 1;
            List<Tensor> g = gradients(Tensor.copyOf(seed));
            for (int i = 0; i < inputs.length; i++) {
                System.arraycopy(g.get(i).matrixView().data, 0, rows.get(i).data, r * g.get(i).size(), g.get(i).size());
            }
        }
        List<Tensor> jacobians = new ArrayList<>(inputs.length);
        for (DMatrixRMaj j : rows) {
            jacobians.add(Tensor.adopt(j));
        }
        return jacobians;
    }
}
