package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;

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
        super("scale(" + Tensor.format(factor) + ")", Tensor.format(factor), (x, y) -> Elementwise.scale(factor, x, y),
                (x, y, dy, dx, add) -> Elementwise.scale(factor, dy, dx, add));
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
}
