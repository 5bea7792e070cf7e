package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.chainrule.core.ChainruleException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void unknownCommandIsAUsageErrorWithStatus2() {
        assertEquals(2, run("nope"));
        assertTrue(err.toString().contains("Unmatched argument at index 0: 'nope'"), err.toString());
        assertTrue(err.toString().contains("Usage: chainrule"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void unknownOptionIsAUsageErrorWithStatus2() {
        assertEquals(2, run("demo", "--bogus"));
        assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
        assertTrue(err.toString().contains("Usage: chainrule demo"), err.toString());
    }

    @Test
    void noCommandIsAUsageErrorWithStatus2() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Missing a command"), err.toString());
        assertTrue(err.toString().contains("Commands:"), err.toString());
    }

    @Test
    void helpListsTheCommandsAndExitsWith0() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: chainrule [-hV] [--debug] COMMAND"), out.toString());
        for (String command : new String[] {"demo", "train", "gradcheck"}) {
            assertTrue(out.toString().contains("\n  " + command + " "), out.toString());
        }
        assertEquals(0, run("help", "demo"));
        assertTrue(out.toString().contains("Usage: chainrule demo"), out.toString());
    }

    @Test
    void everySubcommandHasHelpAndVersion() {
        CommandLine root = Main.commandLine(new PrintWriter(out), new PrintWriter(err));
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            assertTrue(sub.getCommandSpec().mixinStandardHelpOptions(), sub.getCommandName());
            assertEquals(0, run(sub.getCommandName(), "--help"), sub.getCommandName());
            assertTrue(out.toString().contains("Usage: chainrule " + sub.getCommandName()), out.toString());
        }
    }

    @Test
    void versionNamesTheFilteredRelease() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().matches("(?s)chainrule \\d+\\.\\d+\\.\\d+\\R.*Java .*"), out.toString());
    }

    @Test
    void aChainruleExceptionIsOneLineAndStatus1() {
        CommandLine commandLine = withRejectingCommand(new ChainruleException("data.csv:3: 'x' is not a number"));
        assertEquals(Main.EXIT_FAILURE, commandLine.execute("reject"));
        assertEquals("chainrule reject: data.csv:3: 'x' is not a number" + System.lineSeparator(), err.toString());
    }

    /** A bug is said to be one, in one line; its stack trace only with --debug (see NoStackTraceTest). */
    @Test
    void anyOtherExceptionIsABugReportedInOneLine() {
        CommandLine commandLine = withRejectingCommand(new IllegalStateException("broken invariant"));
        assertEquals(1, commandLine.execute("reject"));
        assertEquals("chainrule reject: internal error, please report it: java.lang.IllegalStateException: broken"
                + " invariant (--debug shows the stack trace)" + System.lineSeparator(), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    /** The app with one more command that throws the given exception. */
    private CommandLine withRejectingCommand(RuntimeException failure) {
        CommandLine commandLine = new CommandLine(new Main()).addSubcommand(new Rejecting(failure));
        return Main.configure(commandLine, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Command(name = "reject")
    private static final class Rejecting implements Callable<Integer> {
        private final RuntimeException failure;

        Rejecting(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }
}
