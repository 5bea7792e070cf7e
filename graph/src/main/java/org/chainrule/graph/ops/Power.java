package org.chainrule.graph.ops;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Power with a constant exponent, element-wise: {@code y = x^p}, as {@link Math#pow} computes
 * it (NaN for a negative {@code x} when {@code p} is not a whole number: keep such inputs
 * positive).
 *
 * <p>VJP: {@code dx = dy * p x^(p-1)}; for {@code p = 0} it is 0 everywhere.
 *
 * <p>Not an {@link org.chainrule.graph.ElementwiseOperation}: like {@link Scale}, every
 * {@code pow} records a new instance, which holds nothing but its exponent
 * ({@link ElementwiseWithConstant}).
 */
public final class Power extends ElementwiseWithConstant {
    /**
     * Raising to the power {@code exponent}.
     *
     * @param exponent the constant {@code p}.
     * @throws ChainruleException if {@code exponent} is NaN or infinite.
     */
    public Power(double exponent) {
        super("pow", "exponent", exponent);
    }

    /**
     * The exponent.
     *
     * @return {@code p}.
     */
    public double exponent() {
        return constant();
    }

    @Override
    protected String kind() {
        return "pow";
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Elementwise.pow(constant(), in[0], y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
        Elementwise.powBackward(constant(), in[0], dy, dx);
    }

    @Override
    public String localDerivative(int input) {
        double p = constant();
        return p == 0 ? "0" : Tensor.format(p) + " {in0}^" + Tensor.format(p - 1);
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G p x^(p-1)}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.mul(inputs[0].pow(constant() - 1).scale(constant()));
    }
}
