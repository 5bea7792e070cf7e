package org.chainrule.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the app in this JVM, capturing what it writes to standard output and standard error. */
final class Console {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code chainrule args...} and returns its exit status. */
    int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Runs one command object in the app's configuration (streams, error handling) and returns its exit status. */
    int runCommand(Object command, String... args) {
        CommandLine commandLine = Main.configure(new CommandLine(command), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** Everything written to standard output so far. */
    String out() {
        return out.toString();
    }

    /** Everything written to standard error so far. */
    String err() {
        return err.toString();
    }

    /** Both streams, for failure messages. */
    String both() {
        return "--- out ---\n" + out + "--- err ---\n" + err;
    }
}
