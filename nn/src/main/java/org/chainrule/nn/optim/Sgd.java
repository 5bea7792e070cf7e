package org.chainrule.nn.optim;

import java.util.Collection;
import org.chainrule.core.Elementwise;
import org.chainrule.graph.Parameter;

/**
 * Plain gradient descent, the notes' update: {@code p = p - alpha dL/dp} for every
 * parameter. It has no state, so {@link #reset()} does nothing.
 */
public final class Sgd extends BaseOptimizer {

    /**
     * Gradient descent on the given parameters.
     *
     * @param parameters the parameters to update, each once (e.g. {@code model.parameters()}).
     * @param learningRate {@code alpha}, a positive finite number.
     * @throws org.chainrule.core.ChainruleException if the learning rate is not positive and
     *     finite, a parameter is listed twice, or the collection or a parameter is null.
     */
    public Sgd(Collection<Parameter> parameters, double learningRate) {
        super("SGD", parameters, learningRate);
    }

    /** {@code p = p - alpha dL/dp}. */
    @Override
    public void step() {
        double alpha = learningRate();
        for (Parameter p : array) {
            Elementwise.addScaledInPlace(p.mutableValue(), -alpha, p.mutableGradient());
        }
    }

    @Override
    public void reset() {
        // Stateless: nothing to forget.
    }
}
