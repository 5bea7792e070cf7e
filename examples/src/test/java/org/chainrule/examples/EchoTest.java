package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What an error echoes of the user's input stays readable however long the input was. */
class EchoTest {

    @Test
    void shortMessagesAreLeftAsTheyAre() {
        String message = "option '--epochs' (N) should be specified only once\nsecond line";
        assertEquals(message, Echo.shortened(message));
    }

    @Test
    void aLongWordKeepsItsStartAndSaysHowLongItWas() {
        String digits = "1".repeat(2_000_000);
        assertEquals("Invalid value for option '--lr': '" + "1".repeat(39) + "...(2000002 characters) is not a number",
                Echo.shortened("Invalid value for option '--lr': '" + digits + "' is not a number"));
    }

    @Test
    void aMessageOfManyShortWordsIsCut() {
        String names = "class-name ".repeat(40_000);
        String shortened = Echo.shortened("labels: " + names);
        assertTrue(shortened.length() < Echo.LONGEST_MESSAGE + 60, "length " + shortened.length());
        assertTrue(shortened.endsWith("... (message cut at 4000 characters)"), shortened);
    }

    /** Through the real command line: a 2-million-digit value gives one short line, exit 2, no stack trace. */
    @Test
    void aHugeOptionValueIsEchoedShort() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"train", "--dataset", "xor", "--epochs", "7".repeat(2_000_000)},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(2, status);
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.length() < 200 && first.contains("(2000002 characters)"), first);
        assertTrue(err.toString().length() < 10_000, "stderr holds " + err.toString().length() + " characters");
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    /** {@code --csv ""} is a usage error, not the current directory read as a file. */
    @Test
    void anEmptyFileNameIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"train", "--csv", "", "--label", "y"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(2, status, err.toString());
        assertEquals("option '--csv' (FILE) needs a file name, got an empty one",
                err.toString().lines().findFirst().orElse(""));
    }
}
