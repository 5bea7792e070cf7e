package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.ejml.data.DMatrixRMaj;

/**
 * Natural logarithm, element-wise: {@code y = ln x}. {@code ln 0 = -infinity} and the log of
 * a negative number is NaN, exactly as {@link Math#log}; to take the log of a softmax, prefer
 * a fused log-softmax (log-sum-exp), which never meets {@code ln 0}.
 *
 * <p>VJP: {@code dx = dy / x}.
 */
public final class Log extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Log INSTANCE = new Log();

    private Log() {
        super("log");
    }

    @Override
    protected void apply(DMatrixRMaj x, DMatrixRMaj y) {
        Elementwise.log(x, y);
    }

    @Override
    protected void backward(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx, boolean add) {
        Elementwise.divide(dy, x, dx, add);
    }

    @Override
    public String localDerivative(int input) {
        return "1 / {in0}";
    }
}
