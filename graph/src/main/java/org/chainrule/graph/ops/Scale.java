package org.chainrule.graph.ops;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Multiplication by a constant: {@code y = c x}. Negation is {@code c = -1}; a mean is a sum
 * scaled by {@code 1/n}.
 *
 * <p>VJP: {@code dx = c dy}.
 *
 * <p>Element-wise, but not an {@link org.chainrule.graph.ElementwiseOperation}: every
 * {@code scale}, {@code neg}, {@code sub} and {@code mean} records a new instance, which holds
 * nothing but its constant ({@link ElementwiseWithConstant}).
 */
public final class Scale extends ElementwiseWithConstant {
    /**
     * Multiplication by {@code factor}.
     *
     * @param factor the constant {@code c}, a finite number.
     * @throws ChainruleException if {@code factor} is NaN or infinite (it could only be a
     *     mistake: every value it touches would become NaN or infinite).
     */
    public Scale(double factor) {
        super("scale", "factor", factor);
    }

    /**
     * The constant.
     *
     * @return {@code c}.
     */
    public double factor() {
        return constant();
    }

    @Override
    protected String kind() {
        return "scale";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Elementwise.scale(constant(), in[0], y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
        Elementwise.scale(constant(), dy, dx);
    }

    @Override
    public String localDerivative(int input) {
        return Tensor.format(constant());
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = c G}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.scale(constant());
    }
}
