package org.chainrule.core;

/**
 * The memory this JVM has left for data, so that readers and generators can refuse an input
 * that would not fit <em>before</em> allocating it, with one line saying what to change,
 * instead of failing with an {@link OutOfMemoryError}: {@code maxMemory - (totalMemory -
 * freeMemory)}, what the heap may still grow to hold.
 */
public final class Memory {
    private static final long MIB = 1024 * 1024;
    /** The margin {@link #fits} keeps: this fraction of the largest heap, */
    private static final long MARGIN_FRACTION = 16;
    /** and at least this many bytes (in a small heap, free memory is in scattered pieces). */
    private static final long MIN_MARGIN = 16 * MIB;

    private Memory() {
    }

    /**
     * The bytes the JVM could still allocate, about.
     *
     * @return {@code maxMemory - (totalMemory - freeMemory)}.
     */
    public static long available() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * Whether {@code bytes} more would fit, with a margin of a sixteenth of the largest heap
     * (at least 16 MiB):
     * the JVM's free figure includes scraps too small or too scattered to hold a large array,
     * and the work after a read needs some room too. The free memory the JVM reports also
     * counts garbage not yet collected as used, so when the first estimate says no, this asks
     * for one garbage collection and estimates again: a refusal is about memory really in use.
     *
     * @param bytes the bytes needed; negative counts as nothing.
     * @return true if they and the margin are at most {@link #available()}.
     */
    public static boolean fits(long bytes) {
        long needed = Math.max(0, bytes) + margin();
        if (needed <= available()) {
            return true;
        }
        System.gc();
        return needed <= available();
    }

    /** The room {@link #fits} leaves free: a sixteenth of the largest heap, at least 16 MiB. */
    private static long margin() {
        return Math.max(MIN_MARGIN, Runtime.getRuntime().maxMemory() / MARGIN_FRACTION);
    }

    /**
     * The message for an input that does not fit: {@code "needs 3072 MiB and a margin of 32 MiB,
     * but this JVM has about 490 MiB free; give it more with -Xmx (CHAINRULE_JAVA_OPTS=-Xmx4g for
     * the command-line app)"}.
     *
     * @param bytes the bytes needed.
     * @return the message's tail, to follow what needs them.
     */
    public static String shortOf(long bytes) {
        return "needs " + Math.max(1, bytes / MIB) + " MiB and a margin of "
                + margin() / MIB + " MiB, but this JVM has about "
                + available() / MIB + " MiB free; give it more with -Xmx (CHAINRULE_JAVA_OPTS=-Xmx4g for the"
                + " command-line app)";
    }
}
