package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class UpdatesTest {
    private static DMatrixRMaj row(double... v) {
        return new DMatrixRMaj(1, v.length, true, v);
    }

    @Test
    void momentumStepMatchesHandComputation() {
        DMatrixRMaj p = row(1.0, -2.0);
        DMatrixRMaj g = row(0.5, 1.0);
        DMatrixRMaj v = row(0.2, 0.0);
        Updates.momentumInPlace(p, g, v, 0.1, 0.9);
        // v = 0.9 * 0.2 + 0.5 = 0.68, p = 1 - 0.1 * 0.68; v = 0 + 1, p = -2 - 0.1.
        assertEquals(0.68, v.get(0), 1e-15);
        assertEquals(0.932, p.get(0), 1e-15);
        assertEquals(1.0, v.get(1), 0);
        assertEquals(-2.1, p.get(1), 1e-15);
    }

    @Test
    void adamTwoStepsMatchHandComputation() {
        DMatrixRMaj p = row(1.0);
        DMatrixRMaj m = row(0.0);
        DMatrixRMaj v = row(0.0);
        Updates.adamInPlace(p, row(0.5), m, v, 0.01, 0.9, 0.999, 1e-8, 1);
        // Step 1: mhat = g, vhat = g^2, so p moves by alpha * g / (|g| + eps).
        assertEquals(0.05, m.get(0), 1e-15);
        assertEquals(0.00025, v.get(0), 1e-18);
        assertEquals(1 - 0.01 * 0.5 / (0.5 + 1e-8), p.get(0), 1e-15);
        Updates.adamInPlace(p, row(-0.25), m, v, 0.01, 0.9, 0.999, 1e-8, 2);
        // m = 0.045 - 0.025 = 0.02; v = 0.999 * 0.00025 + 0.001 * 0.0625 = 0.00031225;
        // mhat = 0.02 / 0.19, vhat = 0.00031225 / 0.001999.
        assertEquals(0.02, m.get(0), 1e-15);
        assertEquals(0.00031225, v.get(0), 1e-18);
        double expected = (1 - 0.01 * 0.5 / (0.5 + 1e-8)) - 0.01 * (0.02 / 0.19) / (Math.sqrt(0.00031225 / 0.001999) + 1e-8);
        assertEquals(expected, p.get(0), 1e-15);
        assertEquals(0.9873366298707846, p.get(0), 1e-14);
    }

    @Test
    void mismatchedStateIsRefused() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Updates.momentumInPlace(row(1, 2), row(1, 2), row(1), 0.1, 0.9));
        assertEquals("momentum update: shapes 1x2 and 1x1 differ: both operands must have the same shape", e.getMessage());
    }
}
