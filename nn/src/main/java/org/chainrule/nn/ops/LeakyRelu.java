package org.chainrule.nn.ops;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Leaky rectified linear unit, element-wise: {@code r = max(f a, a)} for a small slope
 * {@code 0 <= f < 1} (0.01 by default in {@link org.chainrule.nn.Activation#LEAKY_RELU}).
 * Unlike relu it never stops passing gradient, so a unit whose inputs all turn negative
 * can still recover (no "dead relu").
 *
 * <p>VJP: {@code da = dr} where {@code a > 0}, else {@code f dr} (at {@code a = 0} the
 * derivative is taken as {@code f}, matching relu's choice of the left side).
 */
public final class LeakyRelu implements Operation {
    private final double slope;

    /**
     * A leaky relu with negative-side slope {@code f}.
     *
     * @param slope {@code f}, in {@code [0, 1)}; 0 gives plain relu.
     * @throws ChainruleException if the slope is outside {@code [0, 1)} (for {@code f > 1}
     *     {@code max(f a, a)} is no longer a leaky relu).
     */
    public LeakyRelu(double slope) {
        if (!(slope >= 0 && slope < 1)) {
            throw new ChainruleException("leaky relu: slope must lie in [0, 1), got " + slope);
        }
        this.slope = slope;
    }

    /**
     * The negative-side slope.
     *
     * @return {@code f}.
     */
    public double slope() {
        return slope;
    }

    @Override
    public String name() {
        return "leakyRelu(" + Tensor.format(slope) + ")";
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

    /** {@code r = max(f a, a)}. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] in) {
        DMatrixRMaj r = new DMatrixRMaj(in[0].numRows, in[0].numCols);
        forwardInto(in, r);
        return r;
    }

    @Override
    public void forwardInto(DMatrixRMaj[] in, DMatrixRMaj out) {
        DMatrixRMaj a = in[0];
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            double x = a.data[i];
            out.data[i] = x > 0 ? x : slope * x;
        }
    }

    /** {@code da = dr} where {@code a > 0}, else {@code f dr}. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj into) {
        DMatrixRMaj a = in[0];
        into.reshape(a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            into.data[i] = a.data[i] > 0 ? g.data[i] : slope * g.data[i];
        }
        return into;
    }

    @Override
    public String localDerivative(int input) {
        return "1 if a > 0 else " + Tensor.format(slope);
    }
}
