package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Exponential, element-wise: {@code y = e^x}.
 *
 * <p>VJP: {@code dx = dy * y}, read from the output.
 */
public final class Exp implements Operation {
    /** The one instance; the operation has no state. */
    public static final Exp INSTANCE = new Exp();

    private Exp() {
    }

    @Override
    public String name() {
        return "exp";
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

    /** {@code y = e^x}. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] in) {
        return Elementwise.exp(in[0], null);
    }

    @Override
    public void forwardInto(DMatrixRMaj[] in, DMatrixRMaj out) {
        Elementwise.exp(in[0], out);
    }

    /** {@code dx = dy * e^x}. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj into) {
        return Elementwise.multiply(g, out, into);
    }

    @Override
    public String localDerivative(int input) {
        return "e^x";
    }
}
