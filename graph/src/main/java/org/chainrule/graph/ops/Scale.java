package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;
import org.ejml.data.DMatrixRMaj;

/**
 * Multiplication by a constant: {@code y = c x}. Negation is {@code c = -1}; a mean is a sum
 * scaled by {@code 1/n}.
 *
 * <p>VJP: {@code dx = c dy}.
 */
public final class Scale extends ElementwiseOperation {
    private final double factor;

    /**
     * Multiplication by {@code factor}.
     *
     * @param factor the constant {@code c}.
     */
    public Scale(double factor) {
        super("scale(" + Tensor.format(factor) + ")");
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
    protected void apply(DMatrixRMaj x, DMatrixRMaj y) {
        Elementwise.scale(factor, x, y);
    }

    @Override
    protected void backward(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx, boolean add) {
        Elementwise.scale(factor, dy, dx, add);
    }

    @Override
    public String localDerivative(int input) {
        return Tensor.format(factor);
    }
}
