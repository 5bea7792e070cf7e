package org.chainrule.graph.testing;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.check.GraphFunction;
import org.quicktheories.core.Gen;

/**
 * One operation applied to random inputs and read out through random weights, as a scalar
 * function to gradient-check: {@code f(x) = sum(op(x) * R)}. Reading out through weights
 * rather than a plain sum gives every output element its own upstream gradient, so a VJP
 * that mixes elements up, or one that is wrong only where the sum's gradient cancels (the
 * sum of a softmax is constant), is still caught.
 *
 * @param name the operation's name, for reports.
 * @param operation records the operation on the input nodes.
 * @param inputs the input tensors.
 * @param weights {@code R}, shaped like the operation's output, entries in {@code [-1, 1]}.
 */
public record OperationExample(String name, Function<Node[], Node> operation, List<Tensor> inputs, Tensor weights)
        implements GraphFunction {

    /**
     * Copies the inputs into an unmodifiable list.
     *
     * @throws NullPointerException if a component is null.
     */
    public OperationExample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(weights, "weights");
    }

    /**
     * Examples of one operation: inputs from {@code inputs}, weights of the output's shape.
     *
     * @param name the operation's name.
     * @param operation records the operation on the input nodes, e.g. {@code x -> x[0].tanh()}.
     * @param inputs generates the input tensors.
     * @return the generator.
     */
    public static Gen<OperationExample> of(String name, Function<Node[], Node> operation, Gen<List<Tensor>> inputs) {
        return in -> {
            List<Tensor> x = inputs.generate(in);
            Graph graph = new Graph();
            Node[] nodes = x.stream().map(graph::input).toArray(Node[]::new);
            Tensor weights = Generators.matrix(in, operation.apply(nodes).shape(), -1, 1);
            return new OperationExample(name, operation, x, weights);
        };
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
