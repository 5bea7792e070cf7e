package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the JVM can still allocate, with a margin, and the message for what does not fit. */
class MemoryTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void nothingFitsAndTheImpossibleDoesNot() {
        assertTrue(Memory.fits(0));
        assertTrue(Memory.fits(-5), "negative counts as nothing");
        assertFalse(Memory.fits(Long.MAX_VALUE / 2));
        assertFalse(Memory.fits(Runtime.getRuntime().maxMemory()), "the whole heap never fits: the margin");
    }

    @Test
    void theMarginIsASixteenthOfTheHeapAndAtLeast16MiB() {
        long margin = Math.max(16 * MIB, Runtime.getRuntime().maxMemory() / 16);
        long available = Memory.available();
        assertFalse(Memory.fits(available - margin + 64 * MIB), "within the margin of what is free");
        String message = Memory.shortOf(3072 * MIB);
        assertTrue(message.startsWith("needs 3072 MiB and a margin of " + margin / MIB + " MiB, but this JVM has about "),
                message);
        assertTrue(message.endsWith("; give it more with -Xmx (CHAINRULE_JAVA_OPTS=-Xmx4g for the command-line app)"),
                message);
    }
}
