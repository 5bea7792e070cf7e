package org.chainrule.nn.optim;

import org.chainrule.core.ChainruleException;

/**
 * The learning rate as a function of the number of updates already made: implement
 * {@link #rate(long, double)}, or use a ready one. A schedule holds no state of its own, so a
 * resumed run needs only the update count to continue where it stopped.
 * <pre>{@code
 * LearningRateSchedule s = LearningRateSchedule.cosine(10_000, 1e-5).withWarmup(500);
 * LearningRateSchedule halving = (step, base) -> base / (1 + step / 1000.0);   // your own
 * }</pre>
 * The {@link org.chainrule.nn.train.Trainer} sets the optimizer's rate from the schedule before
 * every update.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate for the next update.
     *
     * @param step how many updates have been made before this one, from 0.
     * @param baseRate the optimizer's rate when training was set up.
     * @return a positive finite rate.
     */
    double rate(long step, double baseRate);

    /**
     * The base rate throughout.
     *
     * @return the constant schedule.
     */
    static LearningRateSchedule constant() {
        return (step, base) -> base;
    }

    /**
     * Step decay: {@code base gamma^floor(step / every)}.
     *
     * @param every how many updates between drops, at least 1.
     * @param gamma the factor, in {@code (0, 1]}.
     * @return the schedule.
     * @throws ChainruleException if an argument is out of range.
     */
    static LearningRateSchedule step(long every, double gamma) {
        if (every < 1) {
            throw new ChainruleException("step schedule: 'every' must be at least 1, got " + every);
        }
        requireFactor("step schedule", gamma);
        return (step, base) -> base * Math.pow(gamma, step / every);
    }

    /**
     * Exponential decay: {@code base gamma^step}.
     *
     * @param gamma the factor per update, in {@code (0, 1]}.
     * @return the schedule.
     * @throws ChainruleException if {@code gamma} is out of range.
     */
    static LearningRateSchedule exponential(double gamma) {
        requireFactor("exponential schedule", gamma);
        return (step, base) -> base * Math.pow(gamma, step);
    }

    /**
     * Cosine annealing (Loshchilov and Hutter, 2017) from the base rate down to {@code minRate}
     * over {@code total} updates, then {@code minRate}:
     * {@code min + (base - min) (1 + cos(pi min(step, total) / total)) / 2}.
     *
     * @param total the number of updates to anneal over, at least 1.
     * @param minRate the final rate, positive (an optimizer's rate is positive) and finite.
     * @return the schedule.
     * @throws ChainruleException if an argument is out of range.
     */
    static LearningRateSchedule cosine(long total, double minRate) {
        if (total < 1) {
            throw new ChainruleException("cosine schedule: total must be at least 1, got " + total);
        }
        if (!(minRate > 0) || !Double.isFinite(minRate)) {
            throw new ChainruleException("cosine schedule: the final rate must be a positive finite number, got "
                    + minRate);
        }
        return (step, base) -> minRate + (base - minRate) * (1 + Math.cos(Math.PI * Math.min(step, total) / total)) / 2;
    }

    /**
     * This schedule after a linear warm-up: {@code base (step + 1) / warmup} for the first
     * {@code warmup} updates, then this schedule counted from the end of the warm-up.
     *
     * @param warmup the warm-up's length in updates, at least 1.
     * @return the combined schedule.
     * @throws ChainruleException if {@code warmup} is less than 1.
     */
    default LearningRateSchedule withWarmup(long warmup) {
        if (warmup < 1) {
            throw new ChainruleException("warm-up: the length must be at least 1 update, got " + warmup);
        }
        LearningRateSchedule after = this;
        return (step, base) -> step < warmup ? base * (step + 1) / warmup : after.rate(step - warmup, base);
    }

    private static void requireFactor(String what, double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new ChainruleException(what + ": gamma must lie in (0, 1], got " + gamma);
        }
    }
}
