package org.chainrule.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.nn.Activation;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.ops.Affine;

/**
 * Every built-in operation, as {@code chainrule gradcheck} checks it: the graph primitives and
 * support operations (with both softmax and both axis-sum directions, and every broadcast
 * form of add and multiply), and {@code nn}'s leaky relu, fused affine map and fused losses. Each case draws
 * inputs of random shapes (1 to {@value #MAX_SIZE} rows and columns) from a seeded source.
 *
 * <p>An operation with a non-scalar output is read out through random weights,
 * {@code f(x) = sum(op(x) * R)} with {@code R} in {@code [-1, 1]}, so that every output
 * element gets its own upstream gradient: a plain sum would hide errors, for example in
 * softmax, whose sum is constant.
 */
final class OperationCatalogue {
    /** Inputs have 1 to MAX_SIZE rows and columns. */
    static final int MAX_SIZE = 5;
    /** Input values are drawn from [-SPREAD, SPREAD], log's from [0.1, SPREAD]. */
    private static final double SPREAD = 3;

    private OperationCatalogue() {
    }

    /**
     * One operation to check: its name and how to draw an example of it.
     *
     * @param name the operation as the table shows it, e.g. {@code add (1xn row)}.
     * @param examples draws one example from a seeded source.
     */
    record OperationCase(String name, ExampleSource examples) {
    }

    /** Draws one example of an operation. */
    @FunctionalInterface
    interface ExampleSource {
        /**
         * Draws an example.
         *
         * @param random the seeded source. Modified (advanced).
         * @return the example.
         */
        Example draw(Random random);
    }

    /** Records an operation on input nodes; anything it holds fixed it records as constants. */
    @FunctionalInterface
    interface Recording {
        /**
         * Records the operation.
         *
         * @param graph the graph the inputs are in.
         * @param x the input nodes.
         * @return the operation's output node, any shape.
         */
        Node record(Graph graph, Node... x);
    }

    /**
     * A scalar function to gradient-check: an operation at random inputs, read out through
     * random weights.
     *
     * @param inputs the tensors to differentiate by.
     * @param operation records the operation on them.
     * @param weights {@code R}, shaped like the operation's output.
     */
    record Example(List<Tensor> inputs, Recording operation, Tensor weights) implements GraphFunction {
        /**
         * An example whose readout weights are drawn for the operation's output shape.
         *
         * @param random the seeded source. Modified (advanced).
         * @param operation records the operation.
         * @param inputs the tensors to differentiate by.
         * @return the example.
         */
        static Example of(Random random, Recording operation, Tensor... inputs) {
            Graph graph = new Graph();
            Node[] nodes = new Node[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                nodes[i] = graph.input(inputs[i]);
            }
            Node output = operation.record(graph, nodes);
            return new Example(List.of(inputs), operation, Tensor.uniform(output.shape().rows(),
                    output.shape().cols(), -1, 1, random));
        }

        /** Records {@code sum(op(x) * R)}. */
        @Override
        public Node build(Graph graph, Node... x) {
            return operation.record(graph, x).mul(graph.constant("R", weights)).sum();
        }

        /**
         * The inputs' shapes, e.g. {@code 3x4, 1x4}.
         *
         * @return the shapes, comma-separated.
         */
        String shapes() {
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
        int derivatives() {
            return inputs.stream().mapToInt(Tensor::size).sum();
        }
    }

    /** Where the smaller operand of a broadcasting binary operation sits. */
    private enum Form {
        SAME("same shapes"),
        ROW("1xn row"),
        COLUMN("mx1 column"),
        SCALAR("1x1 scalar"),
        ROW_FIRST("1xn row on the left");

        private final String label;

        Form(String label) {
            this.label = label;
        }
    }

    /**
     * The full catalogue, in the order the table lists it.
     *
     * @return the cases.
     */
    static List<OperationCase> all() {
        List<OperationCase> cases = new ArrayList<>();
        cases.add(new OperationCase("matmul", random -> {
            int m = size(random);
            int k = size(random);
            int n = size(random);
            return Example.of(random, (g, x) -> x[0].matmul(x[1]), values(m, k, random), values(k, n, random));
        }));
        for (Form form : Form.values()) {
            cases.add(binary("add", Node::add, form));
        }
        for (Form form : Form.values()) {
            cases.add(binary("mul", Node::mul, form));
        }
        cases.add(binary("sub", Node::sub, Form.ROW));
        cases.add(unary("mul (x * x: one input used twice)", x -> x.mul(x), -SPREAD));
        cases.add(unary("sigmoid", Node::sigmoid, -SPREAD));
        cases.add(unary("tanh", Node::tanh, -SPREAD));
        cases.add(unary("relu", Node::relu, -SPREAD));
        cases.add(unary("softmax (each row)", x -> x.softmax(Axis.EACH_ROW), -SPREAD));
        cases.add(unary("softmax (each column)", x -> x.softmax(Axis.EACH_COLUMN), -SPREAD));
        cases.add(unary("log", Node::log, 0.1));
        cases.add(unary("exp", Node::exp, -SPREAD));
        cases.add(unary("scale (by -1.75)", x -> x.scale(-1.75), -SPREAD));
        cases.add(unary("neg", Node::neg, -SPREAD));
        cases.add(unary("sum (all)", Node::sum, -SPREAD));
        cases.add(unary("sum (each row)", x -> x.sum(Axis.EACH_ROW), -SPREAD));
        cases.add(unary("sum (each column)", x -> x.sum(Axis.EACH_COLUMN), -SPREAD));
        cases.add(unary("mean (all)", Node::mean, -SPREAD));
        cases.add(unary("mean (each row)", x -> x.mean(Axis.EACH_ROW), -SPREAD));
        cases.add(unary("mean (each column)", x -> x.mean(Axis.EACH_COLUMN), -SPREAD));
        cases.add(unary("leaky relu (nn; slope 0.01)", Activation.LEAKY_RELU::apply, -SPREAD));
        cases.add(new OperationCase("affine (nn; a dense layer's X W + b)", random -> {
            int m = size(random);
            int k = size(random);
            int n = size(random);
            return Example.of(random, (g, x) -> g.apply(Affine.INSTANCE, x), values(m, k, random),
                    values(k, n, random), values(1, n, random));
        }));
        cases.add(new OperationCase("sigmoid cross-entropy (nn; soft targets)", random -> {
            int m = size(random);
            int n = size(random);
            return Example.of(random, (g, x) -> Losses.SIGMOID_CROSS_ENTROPY.apply(x[0], x[1]), values(m, n, random),
                    Tensor.uniform(m, n, 0.05, 0.95, random));
        }));
        cases.add(new OperationCase("softmax cross-entropy (nn; one-hot)", random -> {
            Dataset labelled = labelledScores(random);
            Tensor targets = labelled.oneHotTargets();
            return Example.of(random, (g, x) -> Losses.SOFTMAX_CROSS_ENTROPY.apply(x[0], g.constant("T", targets)),
                    labelled.features());
        }));
        cases.add(new OperationCase("softmax cross-entropy (nn; class indices)", random -> {
            Dataset labelled = labelledScores(random);
            Tensor indices = Tensor.column(Arrays.stream(labelled.labels()).asDoubleStream().toArray());
            return Example.of(random, (g, x) -> Losses.SOFTMAX_CROSS_ENTROPY.apply(x[0], g.constant("T", indices)),
                    labelled.features());
        }));
        return List.copyOf(cases);
    }

    /** An element-wise or reducing operation of one {@code m x n} input with values in {@code [low, SPREAD]}. */
    private static OperationCase unary(String name, UnaryOperator<Node> operation, double low) {
        return new OperationCase(name, random -> {
            int m = size(random);
            int n = size(random);
            return Example.of(random, (g, x) -> operation.apply(x[0]), Tensor.uniform(m, n, low, SPREAD, random));
        });
    }

    /** A broadcasting binary operation with its operands laid out as {@code form} says. */
    private static OperationCase binary(String name, BinaryOperator<Node> operation, Form form) {
        return new OperationCase(name + " (" + form.label + ")", random -> {
            int m = size(random);
            int n = size(random);
            Tensor big = values(m, n, random);
            Recording recording = (g, x) -> operation.apply(x[0], x[1]);
            return switch (form) {
                case SAME -> Example.of(random, recording, big, values(m, n, random));
                case ROW -> Example.of(random, recording, big, values(1, n, random));
                case COLUMN -> Example.of(random, recording, big, values(m, 1, random));
                case SCALAR -> Example.of(random, recording, big, values(1, 1, random));
                case ROW_FIRST -> Example.of(random, recording, values(1, n, random), big);
            };
        });
    }

    private static int size(Random random) {
        return 1 + random.nextInt(MAX_SIZE);
    }

    private static Tensor values(int rows, int cols, Random random) {
        return Tensor.uniform(rows, cols, -SPREAD, SPREAD, random);
    }

    /** Random {@code m x k} scores ({@code k >= 2}), each row labelled with a random class. */
    private static Dataset labelledScores(Random random) {
        int m = size(random);
        int k = 2 + random.nextInt(MAX_SIZE - 1);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = random.nextInt(k);
        }
        return new Dataset(values(m, k, random), labels, k);
    }
}
