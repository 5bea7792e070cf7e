package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Hyperbolic tangent, element-wise: {@code t = (e^a - e^-a) / (e^a + e^-a)}.
 *
 * <p>VJP: {@code da = dt * (1 - t^2)}, read from the output (the same as
 * {@code 4 / (e^a + e^-a)^2}).
 */
public final class Tanh implements Operation {
    /** The one instance; the operation has no state. */
    public static final Tanh INSTANCE = new Tanh();

    private Tanh() {
    }

    @Override
    public String name() {
        return "tanh";
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

    /** {@code t = tanh(a)}. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] in) {
        return Elementwise.tanh(in[0], null);
    }

    @Override
    public void forwardInto(DMatrixRMaj[] in, DMatrixRMaj out) {
        Elementwise.tanh(in[0], out);
    }

    /** {@code da = dt * (1 - t^2)}. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj into) {
        return Elementwise.tanhBackward(out, g, into);
    }

    @Override
    public String localDerivative(int input) {
        return "1 - t^2";
    }
}
