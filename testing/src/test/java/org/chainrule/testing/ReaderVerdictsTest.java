package org.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.chainrule.core.ChainruleException;
import org.junit.jupiter.api.Test;

/** A fuzzed reader passes with a result or a documented one-line refusal, and fails with anything else. */
class ReaderVerdictsTest {
    private static final Mutation M = Mutation.random(List.of(new SampleFile("valid.bin", new byte[] {1, 2, 3})), 0, 5);

    @Test
    void aResultOrADocumentedOneLineRefusalPassesAndIsCounted() {
        ReaderVerdicts verdicts = new ReaderVerdicts(ChainruleException.class);
        assertEquals(Optional.of(7), verdicts.read(M, () -> 7));
        assertTrue(verdicts.load(M, () -> { }));
        assertFalse(verdicts.load(M, () -> {
            throw new ChainruleException("valid.bin: truncated");
        }));
        assertEquals("2 read, 1 refused", verdicts.toString());
        verdicts.assertBothSeen(1);
        AssertionError tooFew = assertThrows(AssertionError.class, () -> verdicts.assertBothSeen(2));
        assertTrue(tooFew.getMessage().contains("2 read, 1 refused"), tooFew.getMessage());
    }

    @Test
    void anythingElseFailsNamingTheMutationAndKeepingTheCause() {
        ReaderVerdicts verdicts = new ReaderVerdicts(ChainruleException.class);
        RuntimeException bug = new ArrayIndexOutOfBoundsException("Index 9 out of bounds for length 3");
        AssertionError e = assertThrows(AssertionError.class, () -> verdicts.load(M, () -> {
            throw bug;
        }));
        assertSame(bug, e.getCause());
        assertTrue(e.getMessage().contains(M.toString()) && e.getMessage().contains("ArrayIndexOutOfBounds")
                && e.getMessage().contains("chainrule.seed="), e.getMessage());
        assertThrows(AssertionError.class, () -> verdicts.load(M, () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertThrows(AssertionError.class, () -> verdicts.load(M, () -> {
            throw new ChainruleException("two\nlines");
        }));
        assertThrows(AssertionError.class, () -> verdicts.load(M, () -> {
            throw new ChainruleException(" ");
        }));
        assertThrows(AssertionError.class, () -> verdicts.read(M, () -> null));
        assertEquals("0 read, 0 refused", verdicts.toString());
    }
}
