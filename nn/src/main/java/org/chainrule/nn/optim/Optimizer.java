package org.chainrule.nn.optim;

import java.util.List;
import org.chainrule.core.ChainruleException;
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

    /**
     * A copy of the state the next update depends on (moments, step count, rate), for a
     * resumable checkpoint. The built-in optimizers support it; an optimizer of your own may.
     *
     * @return the state.
     * @throws ChainruleException if this optimizer does not expose its state.
     */
    default OptimizerState state() {
        throw new ChainruleException(getClass().getSimpleName() + " does not expose its state (state() and"
                + " restoreState()), so a run with it cannot be checkpointed for resuming");
    }

    /**
     * Puts back a state taken by {@link #state()} from an optimizer of the same kind over
     * parameters of the same names and shapes.
     *
     * @param state the state. Not modified.
     * @throws ChainruleException if the state belongs to another kind of optimizer or other
     *     parameters, or this optimizer does not support it; nothing is then changed.
     */
    default void restoreState(OptimizerState state) {
        state();
    }
}
