package org.chainrule.nn.optim;

import java.util.Collection;
import org.chainrule.core.Updates;
import org.chainrule.graph.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * Gradient descent with momentum (the PyTorch form): for every parameter,
 * {@code v = mu v + dL/dp}, then {@code p = p - alpha v}, with the velocity {@code v}
 * starting at zero. Momentum averages out gradient noise and speeds up progress along
 * consistent directions.
 */
public final class Momentum extends BaseOptimizer {
    private final double momentum;
    private final DMatrixRMaj[] velocity;

    /**
     * Gradient descent with momentum.
     *
     * @param parameters the parameters to update, each once.
     * @param learningRate {@code alpha}, a positive finite number.
     * @param momentum {@code mu}, in {@code [0, 1)}; 0.9 is usual, 0 gives plain SGD.
     * @throws org.chainrule.core.ChainruleException if a coefficient is out of range, a
     *     parameter is listed twice, or the collection or a parameter is null.
     */
    public Momentum(Collection<Parameter> parameters, double learningRate, double momentum) {
        super("SGD with momentum", parameters, learningRate);
        this.momentum = requireDecay("momentum", momentum);
        this.velocity = zerosLikeParameters();
    }

    /**
     * The momentum coefficient.
     *
     * @return {@code mu}.
     */
    public double momentum() {
        return momentum;
    }

    /** {@code v = mu v + dL/dp}; {@code p = p - alpha v}. */
    @Override
    void update(double alpha, long t) {
        for (int i = 0; i < velocity.length; i++) {
            Updates.momentumInPlace(array[i].mutableValue(), gradient(i), velocity[i], alpha, momentum);
        }
    }

    @Override
    String[] bufferNames() {
        return new String[] {"velocity"};
    }

    @Override
    DMatrixRMaj[][] buffers() {
        return new DMatrixRMaj[][] {velocity};
    }
}
