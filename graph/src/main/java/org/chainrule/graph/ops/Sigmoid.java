package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Logistic sigmoid, element-wise: {@code s = 1 / (1 + e^-a)}.
 *
 * <p>VJP: {@code da = ds * s (1 - s)}, read from the output (its largest value is 0.25, at
 * {@code a = 0}: the root of vanishing gradients in deep sigmoid networks).
 */
public final class Sigmoid implements Operation {
    /** The one instance; the operation has no state. */
    public static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    /** Takes one input. */
    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        return in.get(0);
    }

    /** {@code s = 1 / (1 + e^-a)}. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] in) {
        return Elementwise.sigmoid(in[0], null);
    }

    @Override
    public void forwardInto(DMatrixRMaj[] in, DMatrixRMaj out) {
        Elementwise.sigmoid(in[0], out);
    }

    /** {@code da = ds * s (1 - s)}. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj into) {
        return Elementwise.sigmoidBackward(out, g, into);
    }

    @Override
    public String localDerivative(int input) {
        return "s (1 - s)";
    }
}
