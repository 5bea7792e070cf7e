package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.UnaryOperator;
import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The adjoint operations that higher derivatives are written with: their values, their
 * refusals, and that each is the adjoint of its partner, {@code <A x, y> = <x, A* y>} for random
 * {@code x} and {@code y} (the dot-product test): expand of sum, pad of slice, scatter-add of
 * gatherRows.
 */
class AdjointOperationsTest {
    private static final long SEED = 20261208L;

    @Test
    void expandRepeatsARowAColumnOrAScalar() {
        Graph g = new Graph();
        assertArrayEquals(new double[][] {{1, 2}, {1, 2}, {1, 2}}, g.input(Tensor.row(1, 2)).expand(3, 2).value()
                .toArray());
        assertArrayEquals(new double[][] {{1, 1, 1}, {2, 2, 2}}, g.input(Tensor.column(1, 2)).expand(2, 3).value()
                .toArray());
        assertArrayEquals(new double[][] {{4, 4}}, g.input(Tensor.scalar(4)).expand(1, 2).value().toArray());
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> g.input(Tensor.row(1, 2)).expand(3, 3));
        assertEquals("expand[3x3]: a 1x2 node does not broadcast to 3x3: give a 1x3 row, an 3x1 column, a 1x1 scalar"
                + " or a 3x3 node", e.getMessage());
    }

    @Test
    void padPlacesTheInputAmongZeros() {
        Graph g = new Graph();
        Node x = g.input(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        assertArrayEquals(new double[][] {{0, 0}, {1, 2}, {3, 4}, {0, 0}}, x.padRows(1, 4).value().toArray());
        assertArrayEquals(new double[][] {{1, 2, 0}, {3, 4, 0}}, x.padColumns(0, 3).value().toArray());
        ChainruleException e = assertThrows(ChainruleException.class, () -> x.padRows(3, 4));
        assertEquals("padRows[3 of 4]: the 2 rows of a 2x2 node do not fit from 3 in 4: give 0 <= from <= total - 2",
                e.getMessage());
    }

    @Test
    void scatterAddAddsRowsNamedTwiceAndLeavesOthersZero() {
        Graph g = new Graph();
        Node rows = g.input(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        Node indices = g.constant(Tensor.column(2, 0, 2));
        assertArrayEquals(new double[][] {{3, 4}, {0, 0}, {6, 8}}, rows.scatterAddRows(indices, 3).value().toArray());
        ChainruleException e = assertThrows(ChainruleException.class,
                () -> rows.scatterAddRows(g.constant(Tensor.column(0, 3, 1)), 3));
        assertTrue(e.getMessage().startsWith("scatterAddRows: row 1 of the indices holds 3, which is not a row of"),
                e.getMessage());
        Node w = g.parameter("w", Tensor.column(0, 1, 1));
        e = assertThrows(ChainruleException.class, () -> rows.scatterAddRows(w, 3));
        assertTrue(e.getMessage().startsWith("scatterAddRows: the indices 'w' depend on a parameter"), e.getMessage());
    }

    @Test
    void theStepIsOneWherePositiveAndHasNoGradient() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(-1.5, 0, 2));
        Node s = x.step();
        assertArrayEquals(new double[][] {{0, 0, 1}}, s.value().toArray());
        g.backward(s.mul(x).sum());
        // d/dx of step(x) x = step(x) + 0: the step's own derivative is 0
        assertArrayEquals(new double[][] {{0, 0, 1}}, x.gradient().toArray());
    }

    /** {@code <A x, y> = <x, A* y>}, by the gradient: the VJP of {@code <A x, y>} for {@code x} is {@code A* y}. */
    @Test
    void eachIsTheAdjointOfItsPartner() {
        Random random = new Random(SEED);
        for (int trial = 0; trial < 20; trial++) {
            int m = 1 + random.nextInt(4);
            int n = 1 + random.nextInt(4);
            String where = "seed " + SEED + ", trial " + trial;
            Tensor x = random(random, m, n);
            Tensor column = random(random, m, 1);
            adjoint(where + ": sum over rows / expand", x, column, v -> v.sum(Axis.EACH_ROW), v -> v.expand(m, n));
            Tensor row = random(random, 1, n);
            adjoint(where + ": sum over columns / expand", x, row, v -> v.sum(Axis.EACH_COLUMN), v -> v.expand(m, n));
            int from = random.nextInt(m);
            int to = from + 1 + random.nextInt(m - from);
            adjoint(where + ": sliceRows / padRows", x, random(random, to - from, n), v -> v.sliceRows(from, to),
                    v -> v.padRows(from, m));
            int tableRows = 1 + random.nextInt(4);
            double[] picks = new double[m];
            for (int i = 0; i < m; i++) {
                picks[i] = random.nextInt(tableRows);
            }
            Tensor table = random(random, tableRows, n);
            Tensor indices = Tensor.column(picks);
            adjoint(where + ": gatherRows / scatterAddRows", table, random(random, m, n),
                    v -> v.gatherRows(v.graph().constant(indices)), v -> v.scatterAddRows(v.graph().constant(indices),
                            tableRows));
        }
    }

    /** Checks {@code <A x, y> == <x, adjoint(y)>} to rounding. */
    private static void adjoint(String where, Tensor x, Tensor y, UnaryOperator<Node> a, UnaryOperator<Node> adjoint) {
        Graph g = new Graph();
        double left = a.apply(g.input(x)).mul(g.input(y)).sum().value().item();
        double right = g.input(x).mul(adjoint.apply(g.input(y))).sum().value().item();
        assertEquals(left, right, 1e-12 * (1 + Math.abs(left)), where);
    }

    private static Tensor random(Random random, int rows, int cols) {
        double[][] values = new double[rows][cols];
        for (double[] r : values) {
            for (int j = 0; j < cols; j++) {
                r[j] = random.nextDouble() * 4 - 2;
            }
        }
        return Tensor.of(values);
    }
}
