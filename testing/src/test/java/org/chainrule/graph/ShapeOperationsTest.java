package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.graph.check.OperationExample;
import org.chainrule.graph.ops.Concat;
import org.chainrule.graph.ops.GatherRows;
import org.chainrule.graph.ops.Transpose;
import org.chainrule.testing.TensorAssertions;
import org.chainrule.testing.Generators;
import org.chainrule.testing.Theories;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The shape operations (transpose, reshape, concatenation, slices, row lookup): forward and
 * gradients against values worked by hand, a node used through two slices, concatenation
 * undone by slicing, the errors they give, and proof that the gradient-check property catches
 * a wrong VJP of theirs. (Their random-shape gradient checks and buffer rules run in
 * {@link OperationProperties}, which reads {@code GraphOperations}.)
 */
class ShapeOperationsTest {
    private static final Tensor X23 = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    private static void assertTensor(double[][] expected, Tensor actual) {
        TensorAssertions.assertTensorEquals(expected, actual, 1e-12);
    }

    /** Backward of {@code sum(y * w)}, so that {@code dL/dy = w}: each gradient below is {@code w} moved back. */
    private static void backwardThrough(Node y, double[][] w) {
        y.graph().backward(y.mul(y.graph().constant(Tensor.of(w))).sum());
    }

    private static <T extends ChainruleException> void assertMessage(Class<T> type, String expected, Executable call) {
        assertEquals(expected, assertThrows(type, call).getMessage());
    }

    // ---- worked values ----

    @Test
    void transposeSwapsRowsAndColumnsAndTransposesTheGradientBack() {
        Graph g = new Graph();
        Node x = g.parameter("X", X23);
        Node y = x.transpose();
        assertTensor(new double[][] {{1, 4}, {2, 5}, {3, 6}}, y.value());
        backwardThrough(y, new double[][] {{1, -1}, {2, 0}, {0.5, 3}});
        assertTensor(new double[][] {{1, 2, 0.5}, {-1, 0, 3}}, x.gradient());
        assertEquals("Delta({out})^T", Transpose.INSTANCE.localDerivative(0));
    }

    @Test
    void reshapeKeepsRowMajorOrderAndReadsTheGradientBackInTheInputsShape() {
        Graph g = new Graph();
        Node x = g.parameter("X", X23);
        Node y = x.reshape(3, 2);
        assertTensor(new double[][] {{1, 2}, {3, 4}, {5, 6}}, y.value());
        assertTensor(new double[][] {{1, 2, 3, 4, 5, 6}}, x.reshape(1, 6).value());
        assertTensor(new double[][] {{1}, {2}, {3}, {4}, {5}, {6}}, x.reshape(6, 1).value());
        assertEquals("reshape(3x2)", y.operation().name());
        backwardThrough(y, new double[][] {{10, 20}, {30, 40}, {50, 60}});
        assertTensor(new double[][] {{10, 20, 30}, {40, 50, 60}}, x.gradient());
    }

    @Test
    void concatRowsStacksItsInputsAndHandsEachItsBlockOfTheGradient() {
        Graph g = new Graph();
        Node a = g.parameter("A", Tensor.row(1, 2));
        Node b = g.parameter("B", Tensor.of(new double[][] {{3, 4}, {5, 6}}));
        Node c = g.parameter("C", Tensor.row(7, 8));
        Node y = a.concatRows(b, c);
        assertEquals("concat(rows)", y.operation().name());
        assertTensor(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}}, y.value());
        backwardThrough(y, new double[][] {{0.5, -1}, {2, 3}, {4, -2}, {1, 1}});
        assertTensor(new double[][] {{0.5, -1}}, a.gradient());
        assertTensor(new double[][] {{2, 3}, {4, -2}}, b.gradient());
        assertTensor(new double[][] {{1, 1}}, c.gradient());
    }

    @Test
    void concatColumnsPlacesItsInputsSideBySide() {
        Graph g = new Graph();
        Node a = g.parameter("A", Tensor.column(1, 2));
        Node b = g.parameter("B", Tensor.of(new double[][] {{3, 4}, {5, 6}}));
        Node y = a.concatColumns(b);
        assertEquals("concat(columns)", y.operation().name());
        assertTensor(new double[][] {{1, 3, 4}, {2, 5, 6}}, y.value());
        backwardThrough(y, new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertTensor(new double[][] {{1}, {4}}, a.gradient());
        assertTensor(new double[][] {{2, 3}, {5, 6}}, b.gradient());
    }

    @Test
    void concatOfOneNodeIsACopyAndANodeConcatenatedWithItselfGetsBothBlocks() {
        Graph g = new Graph();
        Node x = g.parameter("X", X23);
        assertEquals(X23, x.concatRows().value());
        assertEquals(X23, x.concatColumns().value());
        Node y = x.concatRows(x);
        backwardThrough(y, new double[][] {{1, 2, 3}, {4, 5, 6}, {10, 20, 30}, {40, 50, 60}});
        assertTensor(new double[][] {{11, 22, 33}, {44, 55, 66}}, x.gradient());
    }

    @Test
    void sliceTakesItsRangeAndItsGradientIsZeroOutsideIt() {
        Graph g = new Graph();
        Node x = g.parameter("X", Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}));
        Node rows = x.sliceRows(1, 3);
        assertEquals("sliceRows[1, 3)", rows.operation().name());
        assertTensor(new double[][] {{4, 5, 6}, {7, 8, 9}}, rows.value());
        backwardThrough(rows, new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertTensor(new double[][] {{0, 0, 0}, {1, 2, 3}, {4, 5, 6}}, x.gradient());

        Graph h = new Graph();
        Node z = h.parameter("Z", Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}));
        Node column = z.sliceColumns(2, 3);
        assertEquals("sliceColumns[2, 3)", column.operation().name());
        assertTensor(new double[][] {{3}, {6}, {9}}, column.value());
        backwardThrough(column, new double[][] {{1}, {2}, {3}});
        assertTensor(new double[][] {{0, 0, 1}, {0, 0, 2}, {0, 0, 3}}, z.gradient());
    }

    @Test
    void aNodeUsedThroughTwoSlicesGetsTheSumOfBothGradients() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        Node y = x.sliceColumns(0, 1).add(x.sliceColumns(1, 2));
        assertTensor(new double[][] {{3}, {7}}, y.value());
        backwardThrough(y, new double[][] {{10}, {100}});
        assertTensor(new double[][] {{10, 10}, {100, 100}}, x.gradient());

        // Overlapping slices: y = (x0 x1, x1 x2), L = x0 x1 + x1 x2; the middle row is in both.
        Graph h = new Graph();
        Node v = h.parameter("v", Tensor.column(1, 2, 3));
        h.backward(v.sliceRows(0, 2).mul(v.sliceRows(1, 3)).sum());
        assertTensor(new double[][] {{2}, {1 + 3}, {2}}, v.gradient());
    }

    @Test
    void concatenationThenSlicingRecoversTheInputsExactly() {
        Random random = new Random(5);
        Graph g = new Graph();
        Node a = g.parameter("A", Tensor.normal(2, 3, 1, random));
        Node b = g.parameter("B", Tensor.normal(4, 3, 1, random));
        Node c = g.parameter("C", Tensor.normal(1, 3, 1, random));
        Node stacked = a.concatRows(b, c);
        assertEquals(a.value(), stacked.sliceRows(0, 2).value());
        assertEquals(b.value(), stacked.sliceRows(2, 6).value());
        assertEquals(c.value(), stacked.sliceRows(6, 7).value());
        Node d = g.parameter("D", Tensor.normal(5, 3, 1, random));
        Node wide = stacked.transpose().concatColumns(d.transpose());
        assertEquals(d.value(), wide.sliceColumns(7, 12).transpose().value());
        assertEquals(b.value(), wide.sliceColumns(2, 6).transpose().value());
        // The round trip is the identity, so each input's gradient is exactly the readout weights.
        Tensor w = Tensor.normal(4, 3, 1, random);
        backwardThrough(stacked.sliceRows(2, 6), w.toArray());
        assertEquals(w, b.gradient());
        assertEquals(Tensor.zeros(2, 3), a.gradient());
    }

    @Test
    void gatherRowsLooksRowsUpAndScatterAddsRepeatedIndices() {
        Graph g = new Graph();
        Node table = g.parameter("T", Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        Node ids = g.constant("ids", Tensor.column(2, 0, 2, 2));
        Node y = table.gatherRows(ids);
        assertTensor(new double[][] {{5, 6}, {1, 2}, {5, 6}, {5, 6}}, y.value());
        backwardThrough(y, new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        // Row 2 was picked three times (output rows 0, 2 and 3), row 1 never.
        assertTensor(new double[][] {{3, 4}, {0, 0}, {1 + 5 + 7, 2 + 6 + 8}}, table.gradient());
        assertEquals("", GatherRows.INSTANCE.localDerivative(1));
    }

    @Test
    void theSliceBackwardWritesTheBlockInItsPlaceAndZerosOverStaleValues() {
        Graph g = new Graph();
        Node x = g.parameter("X", X23);
        Node s = x.sliceColumns(1, 3);
        DMatrixRMaj[] in = {X23.toMatrix()};
        DMatrixRMaj dy = Tensor.of(new double[][] {{1, 2}, {3, 4}}).toMatrix();
        DMatrixRMaj gradient = Tensor.filled(2, 3, 100).toMatrix();
        s.operation().vjp(0, in, s.value().toMatrix(), dy, gradient);
        assertTensor(new double[][] {{0, 1, 2}, {0, 3, 4}}, Tensor.adopt(gradient));
    }

    // ---- errors ----

    @Test
    void reshapeRefusesEmptyShapesAndADifferentNumberOfElements() {
        Graph g = new Graph();
        Node x = g.input(Tensor.zeros(2, 3));
        assertMessage(ChainruleException.class, "reshape: cannot reshape into 0x3: rows and columns must be at least 1",
                () -> x.reshape(0, 3));
        assertMessage(ChainruleException.class, "reshape: cannot reshape into 2x-1: rows and columns must be at least 1",
                () -> x.reshape(2, -1));
        assertMessage(ShapeMismatchException.class, "reshape: cannot reshape 2x3 into 4x2: 6 elements, not 8",
                () -> x.reshape(4, 2));
        Node named = g.input("x", Tensor.zeros(2, 3));
        assertMessage(ShapeMismatchException.class, "reshape: cannot reshape 2x3 into 1x5: 6 elements, not 5"
                + " (node 'x')", () -> named.reshape(1, 5));
        assertEquals(2, g.size(), "refused calls record nothing");
    }

    @Test
    void concatRefusesMismatchedSidesNullsAndNoInputs() {
        Graph g = new Graph();
        Node a = g.input(Tensor.zeros(2, 3));
        Node b = g.input(Tensor.zeros(1, 2));
        Node c = g.input(Tensor.zeros(3, 1));
        assertMessage(ShapeMismatchException.class, "concat(rows): cannot concatenate 2x3, 1x2: input 1 has 2 columns,"
                + " input 0 has 3: stacked inputs need the same number of columns", () -> a.concatRows(b));
        assertMessage(ShapeMismatchException.class, "concat(columns): cannot concatenate 2x3, 2x3, 3x1: input 2 has"
                + " 3 rows, input 0 has 2: inputs side by side need the same number of rows",
                () -> a.concatColumns(a, c));
        assertMessage(ChainruleException.class, "concatRows: the array of nodes is null", () -> a.concatRows((Node[]) null));
        assertMessage(ChainruleException.class, "concat(columns): argument 2 is null", () -> a.concatColumns(a, null));
        assertMessage(ChainruleException.class, "concat(rows): no inputs: give at least one node",
                () -> g.apply(Concat.ROWS));
        assertEquals(3, g.size(), "refused calls record nothing");
    }

    @Test
    void slicesRefuseEmptyNegativeAndOutOfRangeRangesNamingTheRangeAndTheShape() {
        Graph g = new Graph();
        Node x = g.input(Tensor.zeros(3, 4));
        assertMessage(ChainruleException.class, "sliceRows: rows [2, 2) of a 3x4 node: the range is empty:"
                + " give 0 <= from < to <= 3", () -> x.sliceRows(2, 2));
        assertMessage(ChainruleException.class, "sliceRows: rows [2, 1) of a 3x4 node: the range is empty:"
                + " give 0 <= from < to <= 3", () -> x.sliceRows(2, 1));
        assertMessage(ChainruleException.class, "sliceColumns: columns [-1, 2) of a 3x4 node: the range starts below 0:"
                + " give 0 <= from < to <= 4", () -> x.sliceColumns(-1, 2));
        assertMessage(ShapeMismatchException.class, "sliceColumns: columns [1, 5) of a 3x4 node: the range ends beyond"
                + " its 4 columns: give 0 <= from < to <= 4", () -> x.sliceColumns(1, 5));
        assertMessage(ShapeMismatchException.class, "sliceRows: rows [0, 4) of a 3x4 node: the range ends beyond"
                + " its 3 rows: give 0 <= from < to <= 3", () -> x.sliceRows(0, 4));
        assertEquals(1, g.size(), "refused calls record nothing");
    }

    @Test
    void gatherRowsRefusesBadIndicesNamingTheRowTheValueAndTheTable() {
        Graph g = new Graph();
        Node table = g.input("T", Tensor.zeros(3, 2));
        for (double bad : new double[] {3, -1, 1.5, Double.NaN}) {
            Node ids = g.constant(Tensor.column(0, 2, bad));
            assertMessage(ChainruleException.class, "gatherRows: row 2 of the indices holds " + Tensor.format(bad)
                    + ", which is not a row of the 3x2 table: indices must be whole numbers in [0, 3)",
                    () -> table.gatherRows(ids));
        }
        assertMessage(ShapeMismatchException.class, "gatherRows: the indices are 1x2, not an mx1 column (table 3x2):"
                + " give one row index per output row, in one column (nodes 'T' and 'ids')",
                () -> table.gatherRows(g.constant("ids", Tensor.row(0, 1))));
        assertMessage(ChainruleException.class, "gatherRows: argument 1 is null", () -> table.gatherRows(null));
    }

    @Test
    void gatherRowsRefusesTrainableIndicesAndTheirVjp() {
        Graph g = new Graph();
        Node table = g.parameter("T", Tensor.zeros(3, 2));
        Node ids = g.parameter("ids", Tensor.column(0, 1));
        String refusal = "depend on a parameter, but indices are data, not trainable: record them with"
                + " graph.input(...) or graph.constant(...)";
        assertMessage(ChainruleException.class, "gatherRows: the indices 'ids' " + refusal, () -> table.gatherRows(ids));
        Node derived = ids.scale(1);
        assertMessage(ChainruleException.class, "gatherRows: the indices #2 scale(1) " + refusal,
                () -> table.gatherRows(derived));
        assertEquals(3, g.size(), "refused calls record nothing");
        DMatrixRMaj[] in = {new DMatrixRMaj(3, 2), Tensor.column(0, 1).toMatrix()};
        assertMessage(ChainruleException.class, "gatherRows: the indices have no gradient: they are data, not"
                + " trainable. Record them with graph.input(...) or graph.constant(...)",
                () -> GatherRows.INSTANCE.vjp(1, in, new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2),
                        new DMatrixRMaj(2, 1)));
    }

    // ---- the gradient check catches wrong VJPs ----

    /** Transpose whose VJP is one percent too large: {@code dX = 1.01 dY^T}. */
    private static final Operation TRANSPOSE_ONE_PERCENT_OFF = new Operation() {
        @Override
        public String name() {
            return "transpose (derivative 1% off)";
        }

        @Override
        public int arity() {
            return 1;
        }

        @Override
        public Shape outputShape(List<Shape> inputs) {
            return Transpose.INSTANCE.outputShape(inputs);
        }

        @Override
        public void forward(DMatrixRMaj[] inputs, DMatrixRMaj out) {
            Transpose.INSTANCE.forward(inputs, out);
        }

        @Override
        public void vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                        DMatrixRMaj gradient) {
            DMatrixRMaj exact = new DMatrixRMaj(gradient.numRows, gradient.numCols);
            Transpose.INSTANCE.vjp(input, inputs, output, outputGradient, exact);
            Elementwise.scale(1.01, exact, gradient);
        }
    };

    /**
     * Row lookup whose VJP writes each row instead of adding it (the classic scatter bug): a
     * table row picked twice keeps only the last gradient.
     */
    private static final Operation GATHER_THAT_OVERWRITES = new Operation() {
        @Override
        public String name() {
            return "gatherRows (scatter overwrites)";
        }

        @Override
        public int arity() {
            return 2;
        }

        @Override
        public Shape outputShape(List<Shape> inputs) {
            return GatherRows.INSTANCE.outputShape(inputs);
        }

        @Override
        public void forward(DMatrixRMaj[] inputs, DMatrixRMaj out) {
            GatherRows.INSTANCE.forward(inputs, out);
        }

        @Override
        public void vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                        DMatrixRMaj gradient) {
            int cols = gradient.numCols;
            Arrays.fill(gradient.data, 0, gradient.getNumElements(), 0.0);
            for (int i = 0; i < outputGradient.numRows; i++) {
                int row = (int) inputs[1].data[i];
                System.arraycopy(outputGradient.data, i * cols, gradient.data, row * cols, cols);
            }
        }
    };

    private static void assertCaught(String name, OperationCase broken) {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> OperationProperties.assertEveryExamplePasses(Generators.examples(broken)));
        String report = failure.getMessage();
        assertTrue(report.contains("Property falsified"), report);
        assertTrue(report.contains(name + " at x0 = "), report);
        assertTrue(report.contains("gradient check FAILED"), report);
        assertTrue(report.contains("Seed was " + Theories.seed()), report);
    }

    @Test
    void aTransposeDerivativeOffByOnePercentIsCaught() {
        String name = TRANSPOSE_ONE_PERCENT_OFF.name();
        assertCaught(name, OperationCase.unary(name, x -> x.graph().apply(TRANSPOSE_ONE_PERCENT_OFF, x), -3, 3));
    }

    @Test
    void aRowLookupWhoseScatterOverwritesRepeatedRowsIsCaught() {
        String name = GATHER_THAT_OVERWRITES.name();
        assertCaught(name, new OperationCase(name, d -> {
            int rows = d.between(1, 4);
            int m = d.dimension();
            double[][] indices = new double[m][1];
            for (int i = 0; i < m; i++) {
                indices[i][0] = d.between(0, rows - 1);
            }
            Tensor constant = Tensor.of(indices);
            return OperationExample.draw(d, name,
                    x -> x[0].graph().apply(GATHER_THAT_OVERWRITES, x[0], x[0].graph().constant("indices", constant)),
                    List.of(d.matrix(rows, d.dimension(), -3, 3)));
        }));
    }
}
