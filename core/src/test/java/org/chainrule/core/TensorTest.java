package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void factoriesGiveTheShapesAndValuesAsked() {
        Tensor t = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(new Shape(2, 3), t.shape());
        assertEquals(6, t.get(1, 2));
        assertEquals(4, t.getFlat(3));
        assertEquals(new Shape(1, 3), Tensor.row(1, 2, 3).shape());
        assertEquals(new Shape(3, 1), Tensor.column(1, 2, 3).shape());
        assertEquals(7.5, Tensor.scalar(7.5).item());
        assertEquals(0.0, Tensor.zeros(2, 2).norm());
        assertEquals(Tensor.of(new double[][] {{2, 2}, {2, 2}}), Tensor.filled(2, 2, 2));
    }

    @Test
    void isImmutable() {
        double[][] rows = {{1, 2}, {3, 4}};
        Tensor t = Tensor.of(rows);
        rows[0][0] = 99;
        t.toArray()[0][0] = 99;
        t.toMatrix().set(0, 0, 99);
        assertEquals(1, t.get(0, 0));
    }

    @Test
    void seededRandomIsReproducibleAndInRange() {
        Tensor a = Tensor.uniform(4, 5, -3, 3, 42L);
        assertEquals(a, Tensor.uniform(4, 5, -3, 3, 42L));
        assertNotEquals(a, Tensor.uniform(4, 5, -3, 3, 43L));
        for (double[] row : a.toArray()) {
            for (double v : row) {
                assertTrue(v >= -3 && v < 3);
            }
        }
        assertEquals(Tensor.normal(3, 3, 1, new java.util.Random(1)), Tensor.normal(3, 3, 1, new java.util.Random(1)));
    }

    @Test
    void copiesOutAsArray() {
        double[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        assertArrayEquals(rows, Tensor.of(rows).toArray());
    }

    @Test
    void approxEqualsUsesTheTolerance() {
        Tensor a = Tensor.row(1.0, 2.0);
        assertTrue(a.approxEquals(Tensor.row(1.0 + 1e-9, 2.0), 1e-8));
        assertFalse(a.approxEquals(Tensor.row(1.0 + 1e-7, 2.0), 1e-8));
        assertFalse(a.approxEquals(Tensor.column(1.0, 2.0), 1));
        assertFalse(Tensor.scalar(Double.NaN).approxEquals(Tensor.scalar(Double.NaN), 1));
    }

    @Test
    void smallTensorsPrintInFullAndLargeOnesAbbreviated() {
        assertEquals("2x2 [[1, 2.5], [-3, 0.670344]]", Tensor.of(new double[][] {{1, 2.5}, {-3, 0.6703436}}).toString());
        String big = Tensor.filled(20, 30, 1).toString();
        assertTrue(big.startsWith("20x30 [[1, 1, 1, 1, ...], [1, 1, 1, 1, ...], [1, 1, 1, 1, ...], ...]"), big);
        assertTrue(big.contains("norm=24.4949"), big);
        assertEquals("NaN", Tensor.format(Double.NaN));
        assertEquals("0.000319451", Tensor.format(0.000319451));
        assertEquals("1.5e-07", Tensor.format(1.5e-7));
        assertEquals("1e+20", Tensor.format(1e20));
        assertEquals("-0.5", Tensor.format(-0.5));
        assertEquals("100.5", Tensor.format(100.5));
        assertEquals("123457", Tensor.format(123456.7));
        assertEquals("-0", Tensor.format(-0.0));
    }

    @Test
    void refusesEmptyRaggedAndOutOfRange() {
        assertThrows(ChainruleException.class, () -> Tensor.of(new double[0][0]));
        assertThrows(ChainruleException.class, () -> Tensor.of(new double[][] {{1, 2}, {3}}));
        assertThrows(ChainruleException.class, () -> Tensor.zeros(0, 3));
        assertThrows(ChainruleException.class, () -> Tensor.row());
        assertThrows(ChainruleException.class, () -> Tensor.row(1, 2).get(1, 0));
        assertThrows(ChainruleException.class, () -> Tensor.adopt(new DMatrixRMaj(0, 0)));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Tensor.row(1, 2).item());
        assertTrue(e.getMessage().contains("1x2"));
    }
}
