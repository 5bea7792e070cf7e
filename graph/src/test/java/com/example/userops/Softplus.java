package com.example.userops;

import org.chainrule.graph.ElementwiseOperation;
import org.ejml.data.DMatrixRMaj;

/**
 * Softplus, element-wise: {@code y = ln(1 + e^x)}, a smooth relu. Computed as
 * {@code max(x, 0) + ln(1 + e^-|x|)} so that large {@code |x|} neither overflows nor loses
 * digits. A user's operation written on {@link ElementwiseOperation}, outside Chainrule's
 * packages: its maths, its derivative and its formula.
 *
 * <p>VJP: {@code dx = dy * sigmoid(x) = dy / (1 + e^-x)}.
 */
public final class Softplus extends ElementwiseOperation {
    /** A softplus. */
    public Softplus() {
        super("softplus");
    }

    @Override
    protected void apply(DMatrixRMaj x, DMatrixRMaj y) {
        for (int i = 0; i < x.getNumElements(); i++) {
            double v = x.data[i];
            y.data[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
        }
    }

    @Override
    protected void backward(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx, boolean add) {
        for (int i = 0; i < x.getNumElements(); i++) {
            double d = dy.data[i] / (1 + Math.exp(-x.data[i]));
            dx.data[i] = add ? dx.data[i] + d : d;
        }
    }

    @Override
    public String localDerivative(int input) {
        return "sigmoid({in0})";
    }
}
