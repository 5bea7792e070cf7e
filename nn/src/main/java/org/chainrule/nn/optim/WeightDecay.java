package org.chainrule.nn.optim;

import java.util.function.Predicate;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.Parameter;

/**
 * Weight decay, the pull of parameters towards zero, in one of two forms (Loshchilov and
 * Hutter, 2019):
 * <ul>
 *   <li>{@link #l2(double) L2}: the gradient the optimizer sees is {@code g + lambda p}, the
 *       gradient of {@code L + (lambda / 2) sum p^2}; with Adam the decay is then divided by
 *       the second-moment estimate like the rest of the gradient;</li>
 *   <li>{@link #decoupled(double) decoupled} (AdamW): before the optimizer's own update,
 *       {@code p = p - alpha lambda p}, with the current learning rate {@code alpha}.</li>
 * </ul>
 * For plain SGD the two are the same update. By default biases are not decayed (a parameter
 * whose name ends in {@code bias}, as {@link org.chainrule.nn.Linear}'s {@code name.bias});
 * {@link #applyingTo(Predicate)} chooses otherwise. Immutable.
 *
 * @param rate {@code lambda}, non-negative and finite.
 * @param decoupled true for the decoupled (AdamW) form.
 * @param appliesTo which parameters are decayed.
 */
public record WeightDecay(double rate, boolean decoupled, Predicate<Parameter> appliesTo) {
    /** No decay. */
    public static final WeightDecay NONE = new WeightDecay(0, false, WeightDecay::isNotBias);

    /**
     * Checks the rate.
     *
     * @param rate {@code lambda}, non-negative and finite.
     * @param decoupled true for the decoupled form.
     * @param appliesTo which parameters are decayed.
     * @throws ChainruleException if the rate is negative or not finite, or the predicate is null.
     */
    public WeightDecay {
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new ChainruleException("weight decay: the rate must be a non-negative finite number, got " + rate);
        }
        ChainruleException.requireNonNull(appliesTo, "weight decay: which parameters it applies to");
    }

    /**
     * L2 decay: the optimizer sees the gradient {@code g + lambda p}. Biases are skipped.
     *
     * @param rate {@code lambda}.
     * @return the decay.
     * @throws ChainruleException if the rate is negative or not finite.
     */
    public static WeightDecay l2(double rate) {
        return new WeightDecay(rate, false, WeightDecay::isNotBias);
    }

    /**
     * Decoupled decay (AdamW's): {@code p = p - alpha lambda p} before each update. Biases are skipped.
     *
     * @param rate {@code lambda}.
     * @return the decay.
     * @throws ChainruleException if the rate is negative or not finite.
     */
    public static WeightDecay decoupled(double rate) {
        return new WeightDecay(rate, true, WeightDecay::isNotBias);
    }

    /**
     * The same decay applied to the parameters {@code which} accepts (for example
     * {@code p -> true} to decay biases too).
     *
     * @param which the parameters to decay.
     * @return a new decay.
     * @throws ChainruleException if {@code which} is null.
     */
    public WeightDecay applyingTo(Predicate<Parameter> which) {
        return new WeightDecay(rate, decoupled, which);
    }

    /**
     * The default choice: every parameter except biases.
     *
     * @param p a parameter.
     * @return false if its name ends in {@code bias}.
     */
    public static boolean isNotBias(Parameter p) {
        return !p.name().endsWith("bias");
    }
}
