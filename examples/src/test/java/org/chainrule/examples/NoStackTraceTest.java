package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * One rule for the command line: no Java stack trace reaches the user, whatever goes wrong. A
 * bug (an exception Chainrule does not document) and running out of memory each give one line
 * and status 1; {@code --debug} adds the stack trace for a bug report.
 */
class NoStackTraceTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A command with a bug, or one that exhausts the heap. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @CommandLine.Option(names = "--memory")
        boolean memory;

        @Override
        public Integer call() {
            if (memory) {
                throw new OutOfMemoryError("Java heap space");
            }
            throw new IllegalStateException("a bug");
        }
    }

    private int run(String... args) {
        CommandLine line = new CommandLine(new Main());
        line.addSubcommand("boom", new Boom());
        return Main.execute(Main.configure(line, new PrintWriter(out, true), new PrintWriter(err, true)), args);
    }

    @Test
    void debugAddsTheStackTrace() {
        assertEquals(1, run("boom", "--debug"));
        assertTrue(err.toString().startsWith("chainrule boom: internal error, please report it:"), err.toString());
        assertTrue(err.toString().contains("\tat org.chainrule.examples.NoStackTraceTest$Boom.call"), err.toString());
    }

    @Test
    void runningOutOfMemoryIsOneLineThatSaysWhatToChange() {
        assertEquals(1, run("boom", "--memory"));
        String text = err.toString();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("chainrule: out of memory (Java heap space): the input needs more than the "), text);
        assertTrue(text.contains("CHAINRULE_JAVA_OPTS=-Xmx4g"), text);
        assertFalse(text.contains("\tat "), text);
    }

    @Test
    void debugAddsTheStackTraceToRunningOutOfMemory() {
        assertEquals(1, run("boom", "--memory", "--debug"));
        String text = err.toString();
        assertTrue(text.startsWith("chainrule: out of memory (Java heap space)"), text);
        assertTrue(text.contains("\tat org.chainrule.examples.NoStackTraceTest$Boom.call"), text);
    }
}
