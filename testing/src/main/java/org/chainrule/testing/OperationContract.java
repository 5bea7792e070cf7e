package org.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.chainrule.core.Shape;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Operation;
import org.chainrule.graph.check.OperationExample;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks an operation against the buffer rules of {@link Operation}'s contract at given
 * inputs: forward over a stale buffer gives what it gives over a clean one; each input's vjp
 * over a stale buffer gives what it gives over a clean one; and a vjp told to add leaves
 * {@code old + what it would write} (to rounding: a fused multiply-add may round once less).
 */
public final class OperationContract {
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
    public static void assertWritesEveryElementAndAdds(Operation op, DMatrixRMaj[] inputs, Shape shape,
                                                       boolean[] differentiated) {
        DMatrixRMaj clean = new DMatrixRMaj(shape.rows(), shape.cols());
        op.forward(inputs, clean);
        assertEquals(Arrays.toString(clean.data), Arrays.toString(run(shape, b -> op.forward(inputs, b)).data),
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
            DMatrixRMaj written = new DMatrixRMaj(target.rows(), target.cols());
            op.vjp(input, inputs, clean, g, written, false);
            DMatrixRMaj stale = run(target, b -> op.vjp(input, inputs, clean, g, b, false));
            assertEquals(Arrays.toString(written.data), Arrays.toString(stale.data),
                    op.name() + ": vjp for input " + k + " over a stale buffer");
            DMatrixRMaj added = new DMatrixRMaj(target.rows(), target.cols());
            DMatrixRMaj expected = new DMatrixRMaj(target.rows(), target.cols());
            for (int i = 0; i < added.data.length; i++) {
                added.data[i] = i - 1.5;
                expected.data[i] = added.data[i] + written.data[i];
            }
            op.vjp(input, inputs, clean, g, added, true);
            for (int i = 0; i < added.data.length; i++) {
                assertEquals(expected.data[i], added.data[i], 1e-12 * (1 + Math.abs(expected.data[i])),
                        op.name() + ": vjp for input " + k + " told to add, element " + i);
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
                assertWritesEveryElementAndAdds(node.operation(), values, node.shape(), differentiated);
            }
        }
    }

    private static DMatrixRMaj run(Shape shape, java.util.function.Consumer<DMatrixRMaj> write) {
        DMatrixRMaj stale = new DMatrixRMaj(shape.rows(), shape.cols());
        Arrays.fill(stale.data, Double.NaN);
        write.accept(stale);
        return stale;
    }
}
