package com.example.userops;

import org.chainrule.graph.ElementwiseOperation;

/**
 * Softplus, element-wise: {@code y = ln(1 + e^x)}, a smooth relu. Computed as
 * {@code max(x, 0) + ln(1 + e^-|x|)} so that large {@code |x|} neither overflows nor loses
 * digits. A user's operation written on {@link ElementwiseOperation}, outside Chainrule's
 * packages: its name, formula, forward rule and derivative, handed to the constructor.
 *
 * <p>VJP: {@code dx = dy * sigmoid(x) = dy / (1 + e^-x)}.
 */
public final class Softplus extends ElementwiseOperation {
    /** A softplus. */
    public Softplus() {
        super("softplus", "sigmoid({in0})", (x, y) -> {
            for (int i = 0; i < x.getNumElements(); i++) {
                double v = x.data[i];
                y.data[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
            }
        }, (x, y, dy, dx) -> {
            for (int i = 0; i < x.getNumElements(); i++) {
                dx.data[i] = dy.data[i] / (1 + Math.exp(-x.data[i]));
            }
        });
    }
}
