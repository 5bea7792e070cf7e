package org.chainrule.testing;

import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Reporter;

/**
 * QuickTheories runners for Chainrule's property tests: reproducible, with a fixed seed taken
 * from the system property {@code chainrule.seed} (the parent pom sets a default and
 * surefire passes it on), and failures that print the shrunk counterexample, the seed and
 * the command to rerun them.
 *
 * <pre>{@code
 * Theories.qt(100).forAll(Generators.matrices()).checkAssert(x -> ...);
 * }</pre>
 */
public final class Theories {
    /** The system property holding the seed of every property test. */
    public static final String SEED_PROPERTY = "chainrule.seed";
    /** The seed used when the property is absent (as when a test runs outside Maven); the parent pom's default. */
    public static final long FALLBACK_SEED = 20261122L;

    private Theories() {
    }

    /**
     * The seed of this run.
     *
     * @return {@code chainrule.seed}, or {@link #FALLBACK_SEED} if it is not set.
     * @throws NumberFormatException if the property is set but is not a number.
     */
    public static long seed() {
        String value = System.getProperty(SEED_PROPERTY);
        return value == null || value.isBlank() ? FALLBACK_SEED : Long.parseLong(value.trim());
    }

    /**
     * A QuickTheories runner with the fixed {@link #seed()}, {@code examples} examples and the
     * rerun hint on failure.
     *
     * @param examples how many random examples each property tries.
     * @return the runner; continue with {@code forAll(...)}.
     */
    public static QuickTheory qt(int examples) {
        return QuickTheory.qt().withFixedSeed(seed()).withExamples(examples).withReporter(new RerunHint());
    }

    /**
     * Reports a falsified property as an {@link AssertionError} whose message holds the
     * smallest counterexample, the failure's message (not its stack trace, which stays on the
     * error's cause), a few other counterexamples, the seed and the Maven command that reruns
     * the property with it.
     */
    private static final class RerunHint implements Reporter {
        private static final int OTHERS_SHOWN = 2;

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause, List<Object> others,
                                   AsString<Object> toString) {
            String failure = cause instanceof AssertionError && cause.getMessage() != null ? cause.getMessage()
                    : cause.toString();
            throw new AssertionError(message(seed, examplesUsed, smallest, failure, others, toString), cause);
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, List<Object> others,
                                   AsString<Object> toString) {
            throw new AssertionError(message(seed, examplesUsed, smallest, "the property returned false", others,
                    toString));
        }

        @Override
        public void valuesExhausted(int examplesUsed) {
            throw new IllegalStateException("gave up after finding only " + examplesUsed
                    + " example(s) matching the assumptions: loosen the assumptions or the generator");
        }

        private static String message(long seed, int examplesUsed, Object smallest, String failure, List<Object> others,
                                      AsString<Object> toString) {
            String nl = System.lineSeparator();
            StringBuilder sb = new StringBuilder("Property falsified after ").append(examplesUsed)
                    .append(examplesUsed == 1 ? " example" : " examples").append('.').append(nl)
                    .append("Smallest counterexample:").append(nl).append(toString.asString(smallest).strip()).append(nl)
                    .append("Failure:").append(nl).append(failure.strip()).append(nl);
            int shown = Math.min(OTHERS_SHOWN, others.size());
            if (shown > 0) {
                sb.append("Other counterexamples (").append(shown).append(" of ").append(others.size()).append("):")
                        .append(nl);
                for (Object other : others.subList(0, shown)) {
                    sb.append(toString.asString(other).strip()).append(nl);
                }
            }
            return sb.append("Seed was ").append(seed).append(nl)
                    .append("Rerun with this seed: mvn -B verify -D").append(SEED_PROPERTY).append('=').append(seed)
                    .toString();
        }
    }
}
