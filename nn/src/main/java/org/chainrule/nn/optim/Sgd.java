package org.chainrule.nn.optim;

import java.util.Collection;
import org.chainrule.core.Elementwise;
import org.chainrule.graph.Parameter;

/**
 * Plain gradient descent, the notes' update: {@code p = p - alpha dL/dp} for every
 * parameter. Its only state is the step count.
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
    void update(double alpha, long t) {
        for (int i = 0; i < array.length; i++) {
            Elementwise.addScaledInPlace(array[i].mutableValue(), -alpha, gradient(i));
        }
    }
}
