package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Natural logarithm, element-wise: {@code y = ln x}. {@code ln 0 = -infinity} and the log of
 * a negative number is NaN, exactly as {@link Math#log}; to take the log of a softmax, prefer
 * a fused log-softmax (log-sum-exp), which never meets {@code ln 0}.
 *
 * <p>VJP: {@code dx = dy / x}.
 */
public final class Log implements Operation {
    /** The one instance; the operation has no state. */
    public static final Log INSTANCE = new Log();

    private Log() {
    }

    @Override
    public String name() {
        return "log";
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

    /** {@code y = ln x}. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] in) {
        return Elementwise.log(in[0], null);
    }

    @Override
    public void forwardInto(DMatrixRMaj[] in, DMatrixRMaj out) {
        Elementwise.log(in[0], out);
    }

    /** {@code dx = dy / x}. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj into) {
        return Elementwise.divide(g, in[0], into);
    }

    @Override
    public String localDerivative(int input) {
        return "1 / x";
    }
}
