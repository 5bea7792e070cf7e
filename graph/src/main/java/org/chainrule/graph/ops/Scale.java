package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.ChainruleException;
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
 *
 * <p>Element-wise, but not an {@link org.chainrule.graph.ElementwiseOperation}: every
 * {@code scale}, {@code neg}, {@code sub} and {@code mean} records a new instance, so this one
 * holds nothing but its constant (its name and formula are made only when asked for), which
 * keeps recording cheap and a long chain of scalings compact in memory.
 */
public final class Scale implements Operation {
    private final double factor;

    /**
     * Multiplication by {@code factor}.
     *
     * @param factor the constant {@code c}, a finite number.
     * @throws ChainruleException if {@code factor} is NaN or infinite (it could only be a
     *     mistake: every value it touches would become NaN or infinite).
     */
    public Scale(double factor) {
        if (!Double.isFinite(factor)) {
            throw new ChainruleException("scale: the factor must be a finite number, got " + factor);
        }
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

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        return in.get(0);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Elementwise.scale(factor, in[0], y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
        Elementwise.scale(factor, dy, dx);
    }

    @Override
    public String localDerivative(int input) {
        return Tensor.format(factor);
    }
}
