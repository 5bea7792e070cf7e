package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.ejml.data.DMatrixRMaj;

/**
 * Hyperbolic tangent, element-wise: {@code t = tanh(a)}.
 *
 * <p>VJP: {@code da = dt * (1 - t^2)}, read from the output.
 */
public final class Tanh extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Tanh INSTANCE = new Tanh();

    private Tanh() {
        super("tanh");
    }

    @Override
    protected void apply(DMatrixRMaj a, DMatrixRMaj t) {
        Elementwise.tanh(a, t);
    }

    @Override
    protected void backward(DMatrixRMaj a, DMatrixRMaj t, DMatrixRMaj dt, DMatrixRMaj da, boolean add) {
        Elementwise.tanhBackward(t, dt, da, add);
    }

    @Override
    public String localDerivative(int input) {
        return "1 - {out}^2";
    }
}
