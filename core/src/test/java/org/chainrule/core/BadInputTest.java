package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Wrong calls into core get a {@link ChainruleException} that says what was wrong, never a
 * {@code NullPointerException}, an {@code ArrayIndexOutOfBoundsException} or a negative array size.
 */
class BadInputTest {

    private static void assertMessage(String expected, Executable call) {
        ChainruleException e = assertThrows(ChainruleException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void emptyShapesAndShapesTooLargeForOneArrayAreRefused() {
        assertMessage("shape 0x3 is empty or negative: Chainrule tensors have at least one row and one column",
                () -> new Shape(0, 3));
        assertMessage("shape 3x-1 is empty or negative: Chainrule tensors have at least one row and one column",
                () -> Tensor.zeros(3, -1));
        // 65536 x 65536 = 2^32 entries overflows an int: refused, not a negative array size.
        assertMessage("shape 65536x65536 has 4294967296 entries, more than one tensor can hold (2147483639)",
                () -> Tensor.zeros(65536, 65536));
        assertEquals(Shape.MAX_SIZE, new Shape(1, Shape.MAX_SIZE).size());
    }

    @Test
    void nullArgumentsAreNamed() {
        assertMessage("Tensor.copyOf: matrix is null", () -> Tensor.copyOf(null));
        assertMessage("Tensor.adopt: matrix is null", () -> Tensor.adopt(null));
        assertMessage("Tensor.uniform: random is null", () -> Tensor.uniform(2, 2, 0, 1, (Random) null));
        assertMessage("Tensor.normal: random is null", () -> Tensor.normal(2, 2, 1, null));
        assertMessage("Tensor.approxEquals: other is null", () -> Tensor.scalar(1).approxEquals(null, 0));
        assertMessage("Tensor.row: no values given: a tensor needs at least one entry", () -> Tensor.row((double[]) null));
        assertMessage("Tensor.of: no rows given: a tensor needs at least one row", () -> Tensor.of(null));
        assertMessage("Tensor.of: row 1 has no values but row 0 has 2: rows must be non-empty and all the same length",
                () -> Tensor.of(new double[][] {{1, 2}, null}));
        Object value = new Object();
        assertSame(value, ChainruleException.requireNonNull(value, "x"));
    }

    @Test
    void indicesOutsideTheShapeAreRefused() {
        Tensor t = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        assertMessage("index (2, 0) is outside a 2x2 tensor", () -> t.get(2, 0));
        assertMessage("index (0, -1) is outside a 2x2 tensor", () -> t.get(0, -1));
        assertMessage("flat index 4 is outside a 2x2 tensor", () -> t.getFlat(4));
    }

    @Test
    void backwardKernelsRefuseGradientsOfAnotherShape() {
        DMatrixRMaj value = new DMatrixRMaj(2, 3);
        DMatrixRMaj gradient = new DMatrixRMaj(1, 3);
        assertMessage("sigmoid backward: shapes 2x3 and 1x3 differ: both operands must have the same shape",
                () -> Elementwise.sigmoidBackward(value, gradient, null));
        assertMessage("tanh backward: shapes 2x3 and 1x3 differ: both operands must have the same shape",
                () -> Elementwise.tanhBackward(value, gradient, null));
        assertMessage("relu backward: shapes 2x3 and 1x3 differ: both operands must have the same shape",
                () -> Elementwise.reluBackward(value, gradient, null));
        assertMessage("sum backward: a 3x1 gradient cannot be repeated over a 2x3 input: it must be 1x1, 2x1 or 1x3",
                () -> Reductions.expand(new DMatrixRMaj(3, 1), new Shape(2, 3), null));
    }
}
