package org.chainrule.graph.check;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;

/**
 * A scalar function of tensors, written as the graph that computes it: given a fresh
 * {@link Graph} and one node per input, {@link #build} records the computation and returns
 * its {@code 1x1} output. The gradient checker calls it once per evaluation, each time in a
 * new graph, so it must record the same computation every time and keep no state between
 * calls.
 *
 * <p>Each input is recorded as a parameter named {@code x0, x1, ...}; anything the function
 * holds fixed (targets, masks, weights that are not being checked) it records itself, for
 * example with {@link Graph#constant(Tensor)}:
 * <pre>{@code
 * GraphFunction loss = (graph, x) -> x[0].matmul(x[1]).sigmoid().mul(graph.constant(targets)).sum();
 * }</pre>
 */
@FunctionalInterface
public interface GraphFunction {

    /**
     * Records the function in {@code graph}.
     *
     * @param graph a fresh graph in which the inputs are already recorded.
     * @param inputs one parameter node per input tensor, in order.
     * @return the output, a {@code 1x1} node of {@code graph}.
     */
    Node build(Graph graph, Node... inputs);

    /**
     * Evaluates the function: records it in a fresh graph and reads the output.
     *
     * @param inputs the input tensors. Not modified.
     * @return {@code f(inputs)}.
     * @throws ShapeMismatchException if {@link #build} returns a node that is not {@code 1x1}.
     * @throws ChainruleException if {@code inputs} or an input is null, or {@link #build}
     *     returns null.
     */
    default double value(List<Tensor> inputs) {
        Graph graph = new Graph();
        Node[] nodes = record(graph, inputs);
        return scalarOutput(graph, nodes).value().item();
    }

    /**
     * The analytic gradient: records the function in a fresh graph, runs
     * {@link Graph#backward(Node)} from its output and reads each input's gradient. An input
     * the output does not depend on gets a zero gradient.
     *
     * @param inputs the input tensors. Not modified.
     * @return {@code df/dinputs}, one tensor per input, each shaped like its input.
     * @throws ShapeMismatchException if {@link #build} returns a node that is not {@code 1x1}.
     * @throws ChainruleException if {@code inputs} or an input is null, or {@link #build}
     *     returns null.
     */
    default List<Tensor> gradient(List<Tensor> inputs) {
        Graph graph = new Graph();
        Node[] nodes = record(graph, inputs);
        Node output = scalarOutput(graph, nodes);
        if (output.requiresGradient()) {
            graph.backward(output);
        }
        List<Tensor> gradients = new ArrayList<>(nodes.length);
        for (Node node : nodes) {
            gradients.add(node.parameter().gradient());
        }
        return List.copyOf(gradients);
    }

    private static Node[] record(Graph graph, List<Tensor> inputs) {
        ChainruleException.requireNonNull(inputs, "GraphFunction: the list of inputs");
        Node[] nodes = new Node[inputs.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = graph.parameter("x" + i, inputs.get(i));
        }
        return nodes;
    }

    private Node scalarOutput(Graph graph, Node[] nodes) {
        Node output = build(graph, nodes.clone());
        if (output == null) {
            throw new ChainruleException("GraphFunction.build returned null: it must return the 1x1 output node");
        }
        if (!output.shape().isScalar()) {
            throw new ShapeMismatchException("gradient check: the function's output " + output.label() + " is "
                    + output.shape() + ", not 1x1: reduce it to a scalar first, for example with .sum(),"
                    + " or with .mul(graph.constant(weights)).sum() so every element matters differently");
        }
        return output;
    }
}
