package org.chainrule.nn.optim;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * Clipping by the global gradient norm (Pascanu et al., 2013; PyTorch's
 * {@code clip_grad_norm_}): with {@code ||g|| = sqrt(sum over the parameters of sum g^2)}, if
 * {@code ||g|| > c} every gradient is scaled by {@code c / ||g||}, so the update keeps its
 * direction and its length is at most {@code c} times the learning rate for SGD. Applied between
 * {@code backward} and {@link Optimizer#step()}. Immutable.
 *
 * @param maxNorm the largest norm let through, {@code c}; positive and finite.
 */
public record GradientClipping(double maxNorm) {
    /**
     * Checks the norm.
     *
     * @param maxNorm positive and finite.
     * @throws ChainruleException if it is not.
     */
    public GradientClipping {
        if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
            throw new ChainruleException("gradient clipping: the clipping norm must be a positive finite number, got "
                    + maxNorm);
        }
    }

    /**
     * Scales the parameters' gradients, in place, to a global norm of at most {@link #maxNorm()}.
     *
     * @param parameters the parameters whose gradients are clipped together, usually an
     *     optimizer's {@link Optimizer#parameters()}; their gradients are modified.
     * @return the global norm before clipping.
     * @throws ChainruleException if {@code parameters} is null.
     */
    public double clipInPlace(List<Parameter> parameters) {
        ChainruleException.requireNonNull(parameters, "gradient clipping: parameters");
        double squares = 0;
        for (Parameter p : parameters) {
            DMatrixRMaj g = p.mutableGradient();
            for (int k = 0; k < g.getNumElements(); k++) {
                squares += g.data[k] * g.data[k];
            }
        }
        double norm = Math.sqrt(squares);
        if (norm > maxNorm) {
            double factor = maxNorm / norm;
            for (Parameter p : parameters) {
                DMatrixRMaj g = p.mutableGradient();
                for (int k = 0; k < g.getNumElements(); k++) {
                    g.data[k] *= factor;
                }
            }
        }
        return norm;
    }
}
