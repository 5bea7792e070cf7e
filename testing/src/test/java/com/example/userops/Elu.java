package com.example.userops;

import java.util.List;
import org.chainrule.core.Shape;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Exponential linear unit, element-wise: {@code y = x} for {@code x > 0}, else
 * {@code alpha (e^x - 1)}. A user's operation implementing {@link Operation} directly,
 * outside Chainrule's packages.
 *
 * <p>VJP: {@code dx = dy} for {@code x > 0}, else {@code dy * alpha e^x = dy * (y + alpha)},
 * read from the output. For {@code alpha = 1} the derivative is continuous; for any other
 * {@code alpha} it jumps at 0 from {@code alpha} to 1, a kink, where this takes the left value.
 */
public final class Elu implements Operation {
    private final double alpha;

    /**
     * An ELU.
     *
     * @param alpha the negative saturation value, usually 1.
     */
    public Elu(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "elu(" + alpha + ")";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    /** {@code y = x > 0 ? x : alpha (e^x - 1)}. */
    @Override
    public void forward(DMatrixRMaj[] inputs, DMatrixRMaj y) {
        DMatrixRMaj x = inputs[0];
        for (int i = 0; i < x.getNumElements(); i++) {
            double v = x.data[i];
            y.data[i] = v > 0 ? v : alpha * Math.expm1(v);
        }
    }

    /** {@code dx = dy * (x > 0 ? 1 : y + alpha)}. */
    @Override
    public void vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                    DMatrixRMaj gradient) {
        DMatrixRMaj x = inputs[0];
        for (int i = 0; i < x.getNumElements(); i++) {
            gradient.data[i] = outputGradient.data[i] * (x.data[i] > 0 ? 1 : output.data[i] + alpha);
        }
    }

    @Override
    public String localDerivative(int input) {
        return "1 if {in0} > 0, else {out} + " + alpha;
    }

    /** A kink at 0 unless {@code alpha = 1}. */
    @Override
    public double distanceToKink(int input, DMatrixRMaj[] inputs, int element) {
        return alpha == 1 ? Double.POSITIVE_INFINITY : Math.abs(inputs[0].data[element]);
    }
}
