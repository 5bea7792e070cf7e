package org.chainrule.nn.optim;

import java.util.List;
import org.chainrule.graph.Parameter;

/**
 * Updates parameters from their accumulated gradients. A training step is: zero the
 * gradients, record a graph and call {@code backward}, then {@link #step()}.
 *
 * <p>Updates happen in place on {@link Parameter#mutableValue()}, one fused pass per
 * parameter with buffers allocated once at construction, so a step allocates nothing.
 */
public interface Optimizer {

    /** Updates every parameter from its current gradient (the gradients are left as they are). */
    void step();

    /** Sets every parameter's gradient to zero, ready for the next backward pass. */
    void zeroGradients();

    /** Forgets the optimizer's state (momentum, moment estimates, step count); parameters are unchanged. */
    void reset();

    /**
     * The parameters this optimizer updates.
     *
     * @return an unmodifiable list, each parameter once.
     */
    List<Parameter> parameters();

    /**
     * The learning rate {@code alpha}.
     *
     * @return a positive finite number.
     */
    double learningRate();

    /**
     * Changes the learning rate, for schedules; the optimizer's state is kept.
     *
     * @param learningRate a positive finite number.
     * @throws org.chainrule.core.ChainruleException if it is not.
     */
    void setLearningRate(double learningRate);
}
