package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Text from a file is echoed on one line, escaped and shortened. */
class QuoteTest {
    @Test
    void controlCharactersAreEscapedAndLongTextIsCut() {
        assertEquals("'layer1.weight'", Quote.of("layer1.weight"));
        assertEquals("'a\\nb\\r\\tc\\u0000d\\u2028'", Quote.of("a\nb\r\tc\0d\u2028"));
        assertEquals("'" + "x".repeat(80) + "...' (100000 characters)", Quote.of("x".repeat(100_000)));
        assertEquals("null", Quote.of(null));
    }
}
