package org.chainrule.nn.train;

import java.util.Random;

/**
 * The trainer's shuffling generator: the linear congruential generator that
 * {@link java.util.Random}'s documentation specifies ({@code x = (x * 0x5DEECE66D + 0xB) mod 2^48},
 * seeded with {@code seed ^ 0x5DEECE66D}), so it draws exactly what {@code new Random(seed)}
 * draws, but with its 48-bit state readable and settable, so a checkpoint can hold it.
 */
final class ShuffleRandom extends Random {
    private static final long serialVersionUID = 1L;
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long state;

    ShuffleRandom(long seed) {
        super(0);
        setSeed(seed);
    }

    @Override
    public synchronized void setSeed(long seed) {
        state = (seed ^ MULTIPLIER) & MASK;
    }

    @Override
    protected int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /** The generator's 48-bit state. */
    long state() {
        return state;
    }

    /** Sets the 48-bit state, as {@link #state()} returned it. */
    void setState(long newState) {
        state = newState & MASK;
    }
}
