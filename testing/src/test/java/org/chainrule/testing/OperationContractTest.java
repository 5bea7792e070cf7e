package org.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chainrule.core.Shape;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Operation;
import org.chainrule.graph.ops.MatMul;
import org.chainrule.graph.ops.Tanh;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The buffer rules catch a VJP that leaves an element unwritten or adds into its buffer, and pass a correct one. */
class OperationContractTest {
    private static final DMatrixRMaj[] INPUT = {new DMatrixRMaj(new double[][] {{0.5, -1, 2}, {0.25, 1.5, -0.75}})};
    private static final Shape SHAPE = new Shape(2, 3);
    private static final boolean[] DIFFERENTIATED = {true};

    /** {@code y = 3x} with a VJP that is right where it writes, planted with one of two buffer bugs. */
    private static Operation triple(boolean skipLast, boolean add) {
        return new NamedOperation("triple", 1) {
            @Override
            public Shape outputShape(List<Shape> in) {
                return in.get(0);
            }

            @Override
            public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
                for (int i = 0; i < y.getNumElements(); i++) {
                    y.data[i] = 3 * in[0].data[i];
                }
            }

            @Override
            public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj g, DMatrixRMaj gradient) {
                int n = g.getNumElements() - (skipLast ? 1 : 0);
                for (int i = 0; i < n; i++) {
                    gradient.data[i] = (add ? gradient.data[i] : 0) + 3 * g.data[i];
                }
            }
        };
    }

    @Test
    void aVjpThatSkipsItsLastElementFails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> OperationContract.assertWritesEveryElementAndReadsNone(triple(true, false), INPUT, SHAPE,
                        DIFFERENTIATED));
        assertTrue(e.getMessage().contains("triple: vjp for input 0 over a buffer of 0.0 differs from the same vjp over"
                + " a buffer of NaN (an element left unwritten or read)"), e.getMessage());
    }

    @Test
    void aVjpThatAddsIntoItsBufferFails() {
        assertThrows(AssertionFailedError.class, () -> OperationContract.assertWritesEveryElementAndReadsNone(
                triple(false, true), INPUT, SHAPE, DIFFERENTIATED));
    }

    @Test
    void aFusedFormThatWritesInsteadOfAddingFails() {
        Operation overwrites = new NamedOperation("matmul that overwrites", 2) {
            @Override
            public Shape outputShape(List<Shape> in) {
                return MatMul.INSTANCE.outputShape(in);
            }

            @Override
            public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
                MatMul.INSTANCE.forward(in, y);
            }

            @Override
            public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj g, DMatrixRMaj gradient) {
                MatMul.INSTANCE.vjp(input, in, y, g, gradient);
            }

            @Override
            public boolean addsVjpInPlace(int input) {
                return true;
            }

            @Override
            public void addVjpInPlace(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj g, DMatrixRMaj gradient) {
                MatMul.INSTANCE.vjp(input, in, y, g, gradient);   // the bug: writes where it must add
            }
        };
        DMatrixRMaj[] in = {INPUT[0], new DMatrixRMaj(new double[][] {{1, 2}, {-1, 0.5}, {0.25, 3}})};
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> OperationContract.assertWritesEveryElementAndReadsNone(overwrites, in, new Shape(2, 2),
                        new boolean[] {true, true}));
        assertTrue(e.getMessage().contains("addVjpInPlace for input 0, element 0: it must add exactly what vjp"
                + " writes"), e.getMessage());
        OperationContract.assertWritesEveryElementAndReadsNone(MatMul.INSTANCE, in, new Shape(2, 2),
                new boolean[] {true, true});
    }

    @Test
    void correctOperationsPass() {
        OperationContract.assertWritesEveryElementAndReadsNone(triple(false, false), INPUT, SHAPE, DIFFERENTIATED);
        OperationContract.assertWritesEveryElementAndReadsNone(Tanh.INSTANCE, INPUT, SHAPE, DIFFERENTIATED);
    }
}
