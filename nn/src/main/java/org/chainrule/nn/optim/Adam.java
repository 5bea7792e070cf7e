package org.chainrule.nn.optim;

import java.util.Collection;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Updates;
import org.chainrule.graph.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * Adam (Kingma and Ba, 2015): per-entry step sizes from running estimates of the gradient's
 * first and second moments. At step {@code t}, for every parameter with gradient {@code g}:
 * {@code m = beta1 m + (1 - beta1) g}, {@code v = beta2 v + (1 - beta2) g^2},
 * {@code p = p - alpha mhat / (sqrt(vhat) + epsilon)} with {@code mhat = m / (1 - beta1^t)}
 * and {@code vhat = v / (1 - beta2^t)}.
 */
public final class Adam extends BaseOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final DMatrixRMaj[] firstMoment;
    private final DMatrixRMaj[] secondMoment;
    private long steps;

    /**
     * Adam with the usual coefficients {@code beta1 = 0.9}, {@code beta2 = 0.999},
     * {@code epsilon = 1e-8}.
     *
     * @param parameters the parameters to update, each once.
     * @param learningRate {@code alpha}, a positive finite number (0.001 is usual).
     * @throws ChainruleException if the learning rate is not positive and finite, a parameter
     *     is listed twice, or the collection or a parameter is null.
     */
    public Adam(Collection<Parameter> parameters, double learningRate) {
        this(parameters, learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * Adam with explicit coefficients.
     *
     * @param parameters the parameters to update, each once.
     * @param learningRate {@code alpha}, a positive finite number.
     * @param beta1 the first moment's decay, in {@code [0, 1)}.
     * @param beta2 the second moment's decay, in {@code [0, 1)}.
     * @param epsilon added to the denominator, positive and finite.
     * @throws ChainruleException if a coefficient is out of range, a parameter is listed twice,
     *     or the collection or a parameter is null.
     */
    public Adam(Collection<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon) {
        super("Adam", parameters, learningRate);
        this.beta1 = requireDecay("beta1", beta1);
        this.beta2 = requireDecay("beta2", beta2);
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new ChainruleException("Adam: epsilon must be a positive finite number, got " + epsilon);
        }
        this.epsilon = epsilon;
        this.firstMoment = zerosLikeParameters();
        this.secondMoment = zerosLikeParameters();
    }

    /**
     * How many steps have been taken since construction or the last {@link #reset()}.
     *
     * @return {@code t}.
     */
    public long steps() {
        return steps;
    }

    /** One Adam step for every parameter. */
    @Override
    public void step() {
        steps++;
        double alpha = learningRate();
        for (int i = 0; i < firstMoment.length; i++) {
            Parameter p = array[i];
            Updates.adamInPlace(p.mutableValue(), p.mutableGradient(), firstMoment[i], secondMoment[i],
                    alpha, beta1, beta2, epsilon, steps);
        }
    }

    /** Sets both moment estimates to zero and the step count to 0. */
    @Override
    public void reset() {
        for (int i = 0; i < firstMoment.length; i++) {
            firstMoment[i].zero();
            secondMoment[i].zero();
        }
        steps = 0;
    }
}
