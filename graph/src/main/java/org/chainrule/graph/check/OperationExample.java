package org.chainrule.graph.check;

import java.util.List;
import java.util.function.Function;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * One operation applied to given inputs and read out through given weights, as a scalar
 * function to gradient-check: {@code f(x) = sum(op(x) * R)}. Reading out through weights
 * rather than a plain sum gives every output element its own upstream gradient, so a VJP
 * that mixes elements up, or one that is wrong only where the sum's gradient cancels (the
 * sum of a softmax is constant), is still caught.
 *
 * @param name the operation's name, for reports.
 * @param operation records the operation on the input nodes; anything it holds fixed (targets,
 *     indices) it records as constants.
 * @param inputs the input tensors, the ones differentiated by.
 * @param weights {@code R}, shaped like the operation's output.
 */
public record OperationExample(String name, Function<Node[], Node> operation, List<Tensor> inputs, Tensor weights)
        implements GraphFunction {

    /**
     * Copies the inputs into an unmodifiable list.
     *
     * @throws org.chainrule.core.ChainruleException if a component is null.
     */
    public OperationExample {
        ChainruleException.requireNonNull(name, "OperationExample: name");
        ChainruleException.requireNonNull(operation, "OperationExample: operation");
        inputs = List.copyOf(inputs);
        ChainruleException.requireNonNull(weights, "OperationExample: weights");
    }

    /**
     * An example whose readout weights, in {@code [-1, 1]}, are drawn for the operation's
     * output shape.
     *
     * @param draw where the weights come from.
     * @param name the operation's name.
     * @param operation records the operation on the input nodes.
     * @param inputs the input tensors.
     * @return the example.
     */
    public static OperationExample draw(Draw draw, String name, Function<Node[], Node> operation, List<Tensor> inputs) {
        Node output = record(new Graph(), operation, inputs);
        return new OperationExample(name, operation, inputs,
                draw.matrix(output.shape().rows(), output.shape().cols(), -1, 1));
    }

    private static Node record(Graph graph, Function<Node[], Node> operation, List<Tensor> inputs) {
        Node[] nodes = new Node[inputs.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = graph.parameter("x" + i, inputs.get(i));
        }
        return operation.apply(nodes);
    }

    /**
     * The input tensors as an array, for {@code GradientCheck.check(example, example.checkInputs())}.
     *
     * @return the inputs.
     */
    public Tensor[] checkInputs() {
        return inputs.toArray(new Tensor[0]);
    }

    /** Records {@code sum(op(x) * R)}. */
    @Override
    public Node build(Graph graph, Node... x) {
        return operation.apply(x).mul(graph.constant(weights)).sum();
    }

    /**
     * How close an input element comes to a kink of an operation it feeds: the smallest
     * {@link org.chainrule.graph.Operation#distanceToKink} over every operation the example
     * records and every element of its inputs. A central difference with a smaller step
     * than this sees a smooth function.
     *
     * @return the distance, {@link Double#POSITIVE_INFINITY} if no operation has a kink.
     */
    public double distanceToKink() {
        Graph graph = new Graph();
        record(graph, operation, inputs);
        double nearest = Double.POSITIVE_INFINITY;
        for (Node node : graph.nodes()) {
            if (node.operation() == null) {
                continue;
            }
            List<Node> args = node.inputs();
            DMatrixRMaj[] values = new DMatrixRMaj[args.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = args.get(k).value().matrixView();
            }
            for (int k = 0; k < values.length; k++) {
                for (int e = 0; e < values[k].getNumElements(); e++) {
                    nearest = Math.min(nearest, node.operation().distanceToKink(k, values, e));
                }
            }
        }
        return nearest;
    }

    /**
     * The inputs' shapes, e.g. {@code 3x4, 1x4}.
     *
     * @return the shapes, comma-separated.
     */
    public String shapes() {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : inputs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.shape());
        }
        return sb.toString();
    }

    /**
     * The number of input elements, each one derivative checked.
     *
     * @return the summed sizes of the inputs.
     */
    public int derivatives() {
        return inputs.stream().mapToInt(Tensor::size).sum();
    }

    /** E.g. {@code tanh at x0 = 1x2 [[0.5, -1]], read out through R = 1x2 [[1, 0.25]]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" at");
        for (int i = 0; i < inputs.size(); i++) {
            sb.append(i == 0 ? " " : ", ").append('x').append(i).append(" = ").append(inputs.get(i));
        }
        return sb.append(", read out through R = ").append(weights).toString();
    }
}
