package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Multiplication by a constant: {@code y = c x}. Negation is {@code c = -1}; a mean is a sum
 * scaled by {@code 1/n}.
 *
 * <p>VJP: {@code dx = c dy}.
 */
public final class Scale implements Operation {
    private final double factor;

    /**
     * Multiplication by {@code factor}.
     *
     * @param factor the constant {@code c}.
     */
    public Scale(double factor) {
        this.factor = factor;
    }

    /**
     * The constant.
     *
     * @return {@code c}.
     */
    public double factor() {
        return factor;
    }

    @Override
    public String name() {
        return "scale(" + Tensor.format(factor) + ")";
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

    /** {@code y = c x}. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] in) {
        return Elementwise.scale(factor, in[0], null);
    }

    @Override
    public void forwardInto(DMatrixRMaj[] in, DMatrixRMaj out) {
        Elementwise.scale(factor, in[0], out);
    }

    /** {@code dx = c dy}. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj into) {
        return Elementwise.scale(factor, g, into);
    }

    @Override
    public String localDerivative(int input) {
        return Tensor.format(factor);
    }
}
