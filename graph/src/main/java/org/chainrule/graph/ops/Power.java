package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Power with a constant exponent, element-wise: {@code y = x^p}, as {@link Math#pow} computes
 * it (NaN for a negative {@code x} when {@code p} is not a whole number: keep such inputs
 * positive).
 *
 * <p>VJP: {@code dx = dy * p x^(p-1)}; for {@code p = 0} it is 0 everywhere.
 *
 * <p>Not an {@link org.chainrule.graph.ElementwiseOperation}: like {@link Scale}, every
 * {@code pow} records a new instance, so this one holds nothing but its exponent (its name and
 * formula are made only when asked for) rather than an element-wise operation's lambdas.
 */
public final class Power implements Operation {
    private final double exponent;

    /**
     * Raising to the power {@code exponent}.
     *
     * @param exponent the constant {@code p}.
     * @throws ChainruleException if {@code exponent} is NaN or infinite.
     */
    public Power(double exponent) {
        if (!Double.isFinite(exponent)) {
            throw new ChainruleException("pow: the exponent must be a finite number, got " + exponent);
        }
        this.exponent = exponent;
    }

    /**
     * The exponent.
     *
     * @return {@code p}.
     */
    public double exponent() {
        return exponent;
    }

    @Override
    public String name() {
        return "pow(" + Tensor.format(exponent) + ")";
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
        Elementwise.pow(exponent, in[0], y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
        Elementwise.powBackward(exponent, in[0], dy, dx);
    }

    @Override
    public String localDerivative(int input) {
        return exponent == 0 ? "0" : Tensor.format(exponent) + " {in0}^" + Tensor.format(exponent - 1);
    }
}
