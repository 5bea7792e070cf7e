package org.chainrule.nn;

import org.quicktheories.QuickTheory;

/** The fixed seed of nn's randomised tests: system property {@code chainrule.seed}, set in the parent pom. */
public final class Seeds {
    /** The seed; override with {@code -Dchainrule.seed=N}. */
    public static final long SEED = Long.getLong("chainrule.seed", 20261122L);

    private Seeds() {
    }

    /**
     * QuickTheories with the fixed seed; failures report it in their message.
     *
     * @param examples how many examples to try.
     * @return the configured theory.
     */
    public static QuickTheory qt(int examples) {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(examples);
    }

    /**
     * A message prefix naming the seed, for assertion messages.
     *
     * @param detail what is being checked.
     * @return {@code "[chainrule.seed=N] detail"}.
     */
    public static String seeded(String detail) {
        return "[chainrule.seed=" + SEED + "] " + detail;
    }
}
