package org.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Operation;
import org.chainrule.graph.check.OperationExample;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks an operation against the buffer rules of {@link Operation}'s contract at given
 * inputs: forward over a stale buffer gives what it gives over a clean one; and each input's
 * vjp writes every element of its buffer and reads none, so that it gives bit for bit the same
 * product over a buffer of NaN, of zeros and of other stale values. Summing contributions is
 * the engine's business; an operation that adds into its buffer, or leaves an element
 * unwritten, fails here. An operation that offers the fused form
 * ({@link Operation#addsVjpInPlace}) must add exactly what its vjp writes (to rounding: a fused
 * multiply-add may round once less).
 */
public final class OperationContract {
    /** What the vjp's buffer holds before the call: NaN (an unwritten element shows), zeros, and numbers (a read shows). */
    private static final double[] STALE = {Double.NaN, 0.0, -1.5};

    private OperationContract() {
    }

    /**
     * Asserts the buffer rules for one operation at given inputs.
     *
     * @param op the operation.
     * @param inputs its input values. Not modified.
     * @param shape its output's shape for those inputs.
     * @param differentiated which inputs the engine would ask a vjp for (those a parameter lies behind).
     */
    public static void assertWritesEveryElementAndReadsNone(Operation op, DMatrixRMaj[] inputs, Shape shape,
                                                            boolean[] differentiated) {
        DMatrixRMaj clean = new DMatrixRMaj(shape.rows(), shape.cols());
        op.forward(inputs, clean);
        assertEquals(Arrays.toString(clean.data), Arrays.toString(run(shape, Double.NaN, b -> op.forward(inputs, b)).data),
                op.name() + ": forward over a stale buffer");
        DMatrixRMaj g = new DMatrixRMaj(shape.rows(), shape.cols());
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = 0.25 + 0.5 * Math.sin(i + 1);
        }
        List<Shape> shapes = Arrays.stream(inputs).map(m -> new Shape(m.numRows, m.numCols)).toList();
        for (int k = 0; k < inputs.length; k++) {
            if (!differentiated[k]) {
                continue;
            }
            int input = k;
            Shape target = op.broadcastsInputs() ? shape : shapes.get(k);
            String expected = null;
            for (double stale : STALE) {
                DMatrixRMaj written = run(target, stale, b -> op.vjp(input, inputs, clean, g, b));
                String got = Arrays.toString(written.data);
                if (expected == null) {
                    expected = got;
                }
                assertEquals(expected, got, op.name() + ": vjp for input " + k + " over a buffer of " + stale
                        + " differs from the same vjp over a buffer of NaN (an element left unwritten or read):"
                        + " a vjp must write every element of its buffer and read none");
            }
            if (op.addsVjpInPlace(k) && !op.broadcastsInputs()) {
                DMatrixRMaj written = run(target, 0.0, b -> op.vjp(input, inputs, clean, g, b));
                DMatrixRMaj added = new DMatrixRMaj(target.rows(), target.cols());
                for (int i = 0; i < added.data.length; i++) {
                    added.data[i] = i - 1.5;
                }
                op.addVjpInPlace(input, inputs, clean, g, added);
                for (int i = 0; i < added.data.length; i++) {
                    double sum = i - 1.5 + written.data[i];
                    assertEquals(sum, added.data[i], 1e-12 * (1 + Math.abs(sum)),
                            op.name() + ": addVjpInPlace for input " + k + ", element " + i
                                    + ": it must add exactly what vjp writes");
                }
            }
        }
    }

    /**
     * Asserts the buffer rules for every operation an example records, at the values it
     * records them with.
     *
     * @param example the example.
     */
    public static void assertHonouredBy(OperationExample example) {
        Graph graph = new Graph();
        Node[] leaves = new Node[example.inputs().size()];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = graph.parameter("x" + i, example.inputs().get(i));
        }
        example.build(graph, leaves);
        for (Node node : graph.nodes()) {
            if (node.operation() != null) {
                List<Node> args = node.inputs();
                DMatrixRMaj[] values = new DMatrixRMaj[args.size()];
                boolean[] differentiated = new boolean[args.size()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = args.get(k).value().toMatrix();
                    differentiated[k] = args.get(k).requiresGradient();
                }
                assertWritesEveryElementAndReadsNone(node.operation(), values, node.shape(), differentiated);
            }
        }
    }

    private static DMatrixRMaj run(Shape shape, double fill, java.util.function.Consumer<DMatrixRMaj> write) {
        DMatrixRMaj stale = new DMatrixRMaj(shape.rows(), shape.cols());
        Arrays.fill(stale.data, fill);
        write.accept(stale);
        return stale;
    }

    /**
     * Checks that the graph rule of every operation an example records
     * ({@link Operation#vjpGraph}) gives the value its buffer rule ({@link Operation#vjp})
     * writes, for every input that is not a constant, with a random output gradient, within
     * {@code 1e-12 + 1e-10 |b|}; that the rule has the input's shape (the output's for a
     * broadcast input); and that every operation the rule records has a graph rule itself.
     *
     * @param example the example: its inputs are recorded as parameters.
     * @throws AssertionError naming the example, the operation, the input and the element.
     */
    public static void assertGraphRuleAgrees(OperationExample example) {
        Graph graph = new Graph();
        List<Tensor> values = example.inputs();
        Node[] x = new Node[values.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = graph.parameter("x" + k, values.get(k));
        }
        int before = graph.nodes().size();
        example.build(graph, x);
        List<Node> recorded = new ArrayList<>(graph.nodes().subList(before, graph.nodes().size()));
        Random random = new Random(Theories.seed() ^ example.toString().hashCode());
        for (Node node : recorded) {
            Operation op = node.operation();
            if (op == null) {
                continue;
            }
            assertTrue(op.hasVjpGraph(), op.name() + " has no graph rule");
            List<Node> in = node.inputs();
            DMatrixRMaj[] inputValues = new DMatrixRMaj[in.size()];
            for (int k = 0; k < inputValues.length; k++) {
                inputValues[k] = in.get(k).value().toMatrix();
            }
            Tensor g = random(random, node.shape().rows(), node.shape().cols());
            for (int k = 0; k < in.size(); k++) {
                if (in.get(k).kind() == Node.Kind.CONSTANT) {
                    continue; // indices and other constants: no gradient
                }
                boolean broadcast = op.broadcastsInputs() && !in.get(k).shape().equals(node.shape());
                Shape shape = broadcast ? node.shape() : in.get(k).shape();
                DMatrixRMaj buffer = new DMatrixRMaj(shape.rows(), shape.cols());
                op.vjp(k, inputValues, node.value().toMatrix(), g.toMatrix(), buffer);
                int size = graph.nodes().size();
                Node rule = op.vjpGraph(k, in.toArray(new Node[0]), node, graph.constant(g));
                String where = example + ": " + op.name() + ", input " + k;
                for (Node made : graph.nodes().subList(size, graph.nodes().size())) {
                    if (made.operation() != null && !made.operation().hasVjpGraph()) {
                        throw new AssertionError(where + ": the graph rule records " + made.operation().name()
                                + ", which has no graph rule");
                    }
                }
                double[] expected = buffer.data;
                double[] actual = rule == null ? new double[expected.length] : rule.value().toMatrix().data;
                if (rule != null) {
                    assertEquals(shape, rule.shape(), where);
                }
                for (int i = 0; i < expected.length; i++) {
                    double b = expected[i];
                    assertTrue(Math.abs(actual[i] - b) <= 1e-12 + 1e-10 * Math.abs(b) || Double.compare(actual[i], b)
                            == 0, where + ": element " + i + ": graph rule " + actual[i] + ", buffer rule " + b);
                }
            }
        }
    }

    private static Tensor random(Random random, int rows, int cols) {
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble() * 2 - 1;
            }
        }
        return Tensor.of(v);
    }
}
