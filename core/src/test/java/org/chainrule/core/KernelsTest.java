package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class KernelsTest {
    private static DMatrixRMaj m(double[][] rows) {
        return new DMatrixRMaj(rows);
    }

    private static void assertMatrix(double[][] expected, DMatrixRMaj actual, double tol) {
        assertTrue(Tensor.of(expected).approxEquals(Tensor.copyOf(actual), tol),
                "expected " + Tensor.of(expected) + " but was " + Tensor.copyOf(actual));
    }

    @Test
    void productsMatchHandWorkedValues() {
        DMatrixRMaj a = m(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj b = m(new double[][] {{5, 6}, {7, 8}});
        assertMatrix(new double[][] {{19, 22}, {43, 50}}, Products.mult(a, b, null), 0);
        assertMatrix(new double[][] {{26, 30}, {38, 44}}, Products.multTransA(a, b, null), 0);
        assertMatrix(new double[][] {{17, 23}, {39, 53}}, Products.multTransB(a, b, null), 0);
        DMatrixRMaj acc = m(new double[][] {{1, 1}, {1, 1}});
        assertSame(acc, Products.multAddTransA(a, b, acc));
        assertMatrix(new double[][] {{27, 31}, {39, 45}}, acc, 0);
        Products.multAddTransB(a, b, acc);
        assertMatrix(new double[][] {{44, 54}, {78, 98}}, acc, 0);
        Products.multAdd(a, b, acc);
        assertMatrix(new double[][] {{63, 76}, {121, 148}}, acc, 0);
    }

    @Test
    void productShapeErrorNamesOperationShapesAndRule() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Products.mult(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 5), null));
        assertEquals("matmul: cannot multiply 2x3 by 4x5: inner dimensions 3 and 4 differ", e.getMessage());
    }

    @Test
    void activationsMatchHandValuesAndSaturateExactly() {
        DMatrixRMaj a = m(new double[][] {{0, 2, -1000, 1000}});
        assertMatrix(new double[][] {{0.5, 1 / (1 + Math.exp(-2)), 0, 1}}, Elementwise.sigmoid(a, null), 1e-15);
        assertMatrix(new double[][] {{0, Math.tanh(2), -1, 1}}, Elementwise.tanh(a, null), 1e-15);
        assertMatrix(new double[][] {{0, 2, 0, 1000}}, Elementwise.relu(a, null), 0);
        DMatrixRMaj g = m(new double[][] {{1, 1, 1, 1}});
        assertMatrix(new double[][] {{0, 1, 0, 1}}, Elementwise.reluBackward(a, g, null), 0);
        DMatrixRMaj logs = Elementwise.log(m(new double[][] {{1, Math.E, 0}}), null);
        assertMatrix(new double[][] {{0, 1}}, new DMatrixRMaj(1, 2, true, logs.data[0], logs.data[1]), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, logs.data[2]);
    }

    @Test
    void fastTanhAgreesWithMathTanhEverywhere() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 200_000; i++) {
            double x = (random.nextDouble() - 0.5) * (i % 2 == 0 ? 2 : 80);
            double expected = Math.tanh(x);
            assertEquals(expected, Elementwise.tanh(x), 2e-16 + 1e-15 * Math.abs(expected), "tanh(" + x + ")");
        }
        assertEquals(-1.0, Elementwise.tanh(-1000));
        assertEquals(1.0, Elementwise.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-0.0, Elementwise.tanh(-0.0));
        assertTrue(Double.isNaN(Elementwise.tanh(Double.NaN)));
    }

    @Test
    void tanhSeriesNearZeroIsWithinTwoUnitsInTheLastPlace() {
        java.util.Random random = new java.util.Random(6);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            // uniform on (-0.3, 0.3), and log-uniform down to the subnormals
            double x = i % 2 == 0 ? (random.nextDouble() - 0.5) * 0.6
                    : Math.copySign(Math.pow(10, -320 * random.nextDouble()), random.nextDouble() - 0.5);
            double expected = Math.tanh(x);
            double ulps = Math.abs(Elementwise.tanh(x) - expected) / Math.ulp(expected);
            assertTrue(ulps <= 2, "tanh(" + x + ") is " + ulps + " ulps from Math.tanh");
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst > 0, "the series is a different computation, so some result should differ by an ulp");
        assertEquals(Math.tanh(0.2999999999999999), Elementwise.tanh(0.2999999999999999), Math.ulp(0.3));
        assertEquals(Math.tanh(-0.3), Elementwise.tanh(-0.3), 2 * Math.ulp(0.3));
    }

    @Test
    void addRowInPlaceAddsTheRowToEveryRowAndRefusesAnythingElse() {
        DMatrixRMaj x = m(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Broadcast.addRowInPlace(x, m(new double[][] {{10, 20, 30}}));
        assertMatrix(new double[][] {{11, 22, 33}, {14, 25, 36}}, x, 0);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Broadcast.addRowInPlace(x, m(new double[][] {{1, 2}})));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("1x2"), e.getMessage());
        assertThrows(ShapeMismatchException.class, () -> Broadcast.addRowInPlace(x, m(new double[][] {{1}, {2}})));
    }

    @Test
    void broadcastingAddCoversEveryFormInEitherOrder() {
        DMatrixRMaj x = m(new double[][] {{1, 2, 3}, {4, 5, 6}});
        DMatrixRMaj row = m(new double[][] {{10, 20, 30}});
        DMatrixRMaj col = m(new double[][] {{100}, {200}});
        DMatrixRMaj one = m(new double[][] {{7}});
        double[][] plusRow = {{11, 22, 33}, {14, 25, 36}};
        double[][] plusCol = {{101, 102, 103}, {204, 205, 206}};
        double[][] plusOne = {{8, 9, 10}, {11, 12, 13}};
        assertMatrix(plusRow, Broadcast.add(x, row, null), 0);
        assertMatrix(plusRow, Broadcast.add(row, x, null), 0);
        assertMatrix(plusCol, Broadcast.add(x, col, null), 0);
        assertMatrix(plusCol, Broadcast.add(col, x, null), 0);
        assertMatrix(plusOne, Broadcast.add(x, one, null), 0);
        assertMatrix(plusOne, Broadcast.add(one, x, null), 0);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Broadcast.add(row, col, null));
        assertTrue(e.getMessage().startsWith("add: cannot broadcast 1x3 with 2x1"), e.getMessage());
    }

    @Test
    void unbroadcastSumsOverTheRepeatedAxis() {
        DMatrixRMaj g = m(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertMatrix(new double[][] {{5, 7, 9}}, Broadcast.reduceTo(g, new Shape(1, 3), null), 0);
        assertMatrix(new double[][] {{6}, {15}}, Broadcast.reduceTo(g, new Shape(2, 1), null), 0);
        assertMatrix(new double[][] {{21}}, Broadcast.reduceTo(g, Shape.scalar(), null), 0);
        assertMatrix(new double[][] {{1, 2, 3}, {4, 5, 6}}, Broadcast.reduceTo(g, new Shape(2, 3), null), 0);
        assertThrows(ShapeMismatchException.class, () -> Broadcast.reduceTo(g, new Shape(3, 1), null));
    }

    @Test
    void reductionsAlongEachAxis() {
        DMatrixRMaj x = m(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(21, Reductions.sumAll(x));
        assertMatrix(new double[][] {{6}, {15}}, Reductions.sum(x, Axis.EACH_ROW, null), 0);
        assertMatrix(new double[][] {{5, 7, 9}}, Reductions.sum(x, Axis.EACH_COLUMN, null), 0);
        assertMatrix(new double[][] {{1, 1, 1}, {2, 2, 2}}, Reductions.expand(m(new double[][] {{1}, {2}}), new Shape(2, 3), null), 0);
        assertMatrix(new double[][] {{1, 2, 3}, {1, 2, 3}}, Reductions.expand(m(new double[][] {{1, 2, 3}}), new Shape(2, 3), null), 0);
    }

    @Test
    void softmaxOfTheNotesExample() {
        DMatrixRMaj s = SoftmaxKernels.forward(m(new double[][] {{6, -2, 3}}), Axis.EACH_ROW, null);
        assertMatrix(new double[][] {{0.952270, 0.000319451, 0.0474107}}, s, 5e-7);
        DMatrixRMaj columns = SoftmaxKernels.forward(m(new double[][] {{-0.21}, {0.47}, {1.72}}), Axis.EACH_COLUMN, null);
        assertMatrix(new double[][] {{0.101385}, {0.200122}, {0.698493}}, columns, 5e-7);
    }

    @Test
    void softmaxIsFiniteForHugeScoresAndNormalisesTheRightAxis() {
        DMatrixRMaj s = SoftmaxKernels.forward(m(new double[][] {{1000, -1000}, {999, 1000}}), Axis.EACH_COLUMN, null);
        assertMatrix(new double[][] {{1 / (1 + Math.exp(-1)), 0}, {1 / (1 + Math.E), 1}}, s, 1e-15);
        DMatrixRMaj r = SoftmaxKernels.forward(m(new double[][] {{1000, 1000}, {-1000, -1000}}), Axis.EACH_ROW, null);
        assertMatrix(new double[][] {{0.5, 0.5}, {0.5, 0.5}}, r, 0);
    }

    @Test
    void softmaxBackwardEqualsTheExplicitJacobian() {
        DMatrixRMaj a = m(new double[][] {{0.3, -1.2, 2.0, 0.1}});
        DMatrixRMaj s = SoftmaxKernels.forward(a, Axis.EACH_ROW, null);
        DMatrixRMaj g = m(new double[][] {{0.5, -2, 1, 3}});
        DMatrixRMaj vjp = SoftmaxKernels.backward(s, g, Axis.EACH_ROW, null);
        for (int j = 0; j < 4; j++) {
            double expected = 0;
            for (int i = 0; i < 4; i++) {
                expected += g.data[i] * s.data[i] * ((i == j ? 1 : 0) - s.data[j]);
            }
            assertEquals(expected, vjp.data[j], 1e-15);
        }
    }
}
