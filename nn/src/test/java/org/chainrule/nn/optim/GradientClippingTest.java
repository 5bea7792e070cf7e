package org.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.junit.jupiter.api.Test;

/** Clipping by the global norm: over all the parameters together, direction kept, nothing below the norm touched. */
class GradientClippingTest {
    private static Parameter withGradient(String name, double... gradient) {
        Parameter p = new Parameter(name, Tensor.row(new double[gradient.length]));
        System.arraycopy(gradient, 0, p.mutableGradient().data, 0, gradient.length);
        return p;
    }

    @Test
    void aGradientAboveTheNormIsScaledToItOverAllParametersTogether() {
        Parameter a = withGradient("a", 3, 0);
        Parameter b = withGradient("b", 0, -4, 0); // global norm 5
        double norm = new GradientClipping(2.5).clipInPlace(List.of(a, b));
        assertEquals(5.0, norm);
        assertArrayEquals(new double[][] {{1.5, 0}}, a.gradient().toArray());
        assertArrayEquals(new double[][] {{0, -2, 0}}, b.gradient().toArray());
    }

    @Test
    void aGradientWithinTheNormIsLeftAsItWas() {
        Parameter a = withGradient("a", 0.3, -0.4);
        assertEquals(0.5, new GradientClipping(0.5).clipInPlace(List.of(a)), 1e-16);
        assertArrayEquals(new double[][] {{0.3, -0.4}}, a.gradient().toArray());
    }

    @Test
    void theNormMustBePositiveAndFinite() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            ChainruleException e = assertThrows(ChainruleException.class, () -> new GradientClipping(bad));
            assertEquals("gradient clipping: the clipping norm must be a positive finite number, got " + bad,
                    e.getMessage());
        }
    }
}
