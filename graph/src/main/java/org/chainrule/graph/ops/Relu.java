package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Rectified linear unit, element-wise: {@code r = max(0, a)}.
 *
 * <p>VJP: {@code da = dr} where {@code a > 0}, else 0. At the corner {@code a = 0} the
 * derivative is taken as 0, as in PyTorch and micrograd.
 */
public final class Relu implements Operation {
    /** The one instance; the operation has no state. */
    public static final Relu INSTANCE = new Relu();

    private Relu() {
    }

    @Override
    public String name() {
        return "relu";
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

    /** {@code r = max(0, a)}. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] in) {
        return Elementwise.relu(in[0], null);
    }

    @Override
    public void forwardInto(DMatrixRMaj[] in, DMatrixRMaj out) {
        Elementwise.relu(in[0], out);
    }

    /** {@code da = dr * [a > 0]}. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj into) {
        return Elementwise.reluBackward(in[0], g, into);
    }

    @Override
    public String localDerivative(int input) {
        return "[a > 0]";
    }
}
