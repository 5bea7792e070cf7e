package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.ejml.data.DMatrixRMaj;

/**
 * Exponential, element-wise: {@code y = e^x}.
 *
 * <p>VJP: {@code dx = dy * e^x = dy * y}, read from the output.
 */
public final class Exp extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Exp INSTANCE = new Exp();

    private Exp() {
        super("exp");
    }

    @Override
    protected void apply(DMatrixRMaj x, DMatrixRMaj y) {
        Elementwise.exp(x, y);
    }

    @Override
    protected void backward(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx, boolean add) {
        Elementwise.multiply(dy, y, dx, add);
    }

    @Override
    public String localDerivative(int input) {
        return "{out}";
    }
}
