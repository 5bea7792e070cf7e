package org.chainrule.nn;

import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;

/**
 * How a weight matrix {@code W} ({@code n_in x n_out}) is initialised, from a seeded random
 * source. The scale keeps the variance of activations roughly constant from layer to layer,
 * so that signals neither vanish nor explode at the start of training. Biases start at zero.
 */
public enum Init {
    /**
     * Glorot (Xavier) uniform, for sigmoid, tanh, softmax and linear outputs:
     * {@code W_ij ~ U(-l, l)} with {@code l = sqrt(6 / (n_in + n_out))}, so that
     * {@code Var(W_ij) = 2 / (n_in + n_out)}.
     */
    GLOROT_UNIFORM,
    /**
     * He (Kaiming) normal, for relu and leaky relu: {@code W_ij ~ N(0, 2 / n_in)}, which
     * makes up for relu zeroing half of its inputs.
     */
    HE_NORMAL;

    /**
     * Draws a weight matrix.
     *
     * @param inputs {@code n_in}, the number of rows, at least 1.
     * @param outputs {@code n_out}, the number of columns, at least 1.
     * @param random the source of randomness. Modified (advanced).
     * @return a new {@code n_in x n_out} tensor.
     * @throws ChainruleException if a dimension is less than 1 or {@code random} is null.
     */
    public Tensor sample(int inputs, int outputs, Random random) {
        new Shape(inputs, outputs); // refuses a width below 1 before the scale divides by it
        ChainruleException.requireNonNull(random, "init " + name() + ": random");
        if (this == GLOROT_UNIFORM) {
            double limit = Math.sqrt(6.0 / (inputs + outputs));
            return Tensor.uniform(inputs, outputs, -limit, limit, random);
        }
        return Tensor.normal(inputs, outputs, Math.sqrt(2.0 / inputs), random);
    }
}
