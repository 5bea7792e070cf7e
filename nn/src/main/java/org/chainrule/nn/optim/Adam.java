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
     * AdamW (Loshchilov and Hutter, 2019): Adam with decoupled weight decay,
     * {@code p = p - alpha lambda p} before each Adam update, biases not decayed.
     *
     * @param parameters the parameters to update, each once.
     * @param learningRate {@code alpha}, a positive finite number.
     * @param weightDecay {@code lambda}, non-negative (0.01 is usual).
     * @return the optimizer.
     * @throws ChainruleException if a coefficient is out of range, a parameter is listed twice,
     *     or the collection or a parameter is null.
     */
    public static Adam adamW(Collection<Parameter> parameters, double learningRate, double weightDecay) {
        Adam adam = new Adam(parameters, learningRate);
        adam.setWeightDecay(WeightDecay.decoupled(weightDecay));
        return adam;
    }

    /** One Adam step for every parameter. */
    @Override
    void update(double alpha, long t) {
        for (int i = 0; i < firstMoment.length; i++) {
            Updates.adamInPlace(array[i].mutableValue(), gradient(i), firstMoment[i], secondMoment[i],
                    alpha, beta1, beta2, epsilon, t);
        }
    }

    @Override
    String[] bufferNames() {
        return new String[] {"m", "v"};
    }

    @Override
    DMatrixRMaj[][] buffers() {
        return new DMatrixRMaj[][] {firstMoment, secondMoment};
    }
}
