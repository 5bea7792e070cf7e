package org.chainrule.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.chainrule.core.ChainruleException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code chainrule} command: the root of the command-line app, with one subcommand class
 * per task.
 *
 * <p>Exit statuses: 0 on success, 1 when Chainrule rejects the input (a
 * {@link ChainruleException}, reported as one line on the error stream), 2 for a usage error
 * (an unknown command or option, a bad option value, or no command at all; the message is
 * followed by the usage).
 *
 * <p>No Java stack trace reaches the user: anything else that goes wrong (a bug, or the JVM
 * running out of memory) is reported as one line too, with status 1. {@code --debug} (on any
 * command) or the environment variable {@code CHAINRULE_DEBUG=1} prints the stack trace after
 * it, for bug reports.
 *
 * <p>To add a subcommand, write a class annotated
 * {@code @Command(name = "...", mixinStandardHelpOptions = true, description = "...")} that
 * implements {@code Callable<Integer>}, prints to {@code spec.commandLine().getOut()} (with a
 * {@code @Spec CommandSpec spec} field) and throws {@link ChainruleException} for anything the
 * user got wrong; then list it in this class's {@code subcommands}.
 */
@Command(name = "chainrule",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Reverse-mode automatic differentiation over graphs of matrix operations: demos and training.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'chainrule COMMAND --help' for a command's options."},
        subcommands = {DemoCommand.class, TrainCommand.class, PredictCommand.class, WalkthroughCommand.class, GradcheckCommand.class, GalleryCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** The exit status when Chainrule rejects the user's input. */
    public static final int EXIT_FAILURE = 1;

    /** The environment variable that turns on stack traces, like {@code --debug}. */
    public static final String DEBUG_VARIABLE = "CHAINRULE_DEBUG";

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error after its one-line message (for bug reports; also"
                    + " CHAINRULE_DEBUG=1).")
    private boolean debug;

    /** Creates the root command; picocli calls this. */
    public Main() {
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args a subcommand and its options, e.g. {@code demo}.
     */
    public static void main(String[] args) {
        // Plots are drawn off-screen; this must be set before any AWT class loads.
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /**
     * Runs the command line, writing to the given streams.
     *
     * @param args a subcommand and its options. Not modified.
     * @param out where results and help go. Modified (written to).
     * @param err where errors and usage messages go. Modified (written to).
     * @return the exit status: 0 on success, 1 when Chainrule rejects the input, 2 for a usage error.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(commandLine(out, err), args);
    }

    /** Executes a configured command line, turning an out-of-memory error into one line. */
    static int execute(CommandLine commandLine, String[] args) {
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        int status;
        try {
            status = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // the last resort: reached only where a size was not checked before allocating
            err.println("chainrule: out of memory (" + Echo.shortened(e.getMessage()) + "): the input needs more than"
                    + " the " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB this JVM may use; give it more"
                    + " with CHAINRULE_JAVA_OPTS=-Xmx4g (say), or use less data");
            // the parse result is missing only if memory ran out while parsing
            CommandLine.ParseResult parsed = commandLine.getParseResult();
            if (debugging(parsed) || parsed == null && Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(err);
            }
            status = EXIT_FAILURE;
        }
        out.flush();
        err.flush();
        return status;
    }

    /**
     * The configured command line: the root command, its subcommands, the streams and the
     * error handling described on this class.
     *
     * @param out where results and help go.
     * @param err where errors and usage messages go.
     * @return a command line ready to {@link CommandLine#execute execute}.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return configure(new CommandLine(new Main()), out, err);
    }

    /** Sets the streams and error handling on a command line and the subcommands it has so far. */
    static CommandLine configure(CommandLine commandLine, PrintWriter out, PrintWriter err) {
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(Main::reportRejectedInput);
        commandLine.setParameterExceptionHandler(Main::reportUsageError);
        commandLine.setExecutionStrategy(parsed -> {
            refuseRepeatedOptions(parsed);
            refuseEmptyFileNames(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return commandLine;
    }

    /**
     * One rule for every command: an option that takes one value, given twice, is a usage error
     * (picocli would keep the last one silently for options inside argument groups, so that
     * {@code train --dataset circle --dataset xor} trained on xor).
     */
    private static void refuseRepeatedOptions(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            java.util.Map<OptionSpec, Integer> seen = new java.util.IdentityHashMap<>();
            for (OptionSpec option : level.matchedOptions()) {
                if (!option.isMultiValue() && !option.usageHelp() && !option.versionHelp()
                        && seen.merge(option, 1, Integer::sum) == 2) {
                    // picocli's own wording, which it uses for options outside groups
                    throw new ParameterException(level.commandSpec().commandLine(), "option '" + option.longestName()
                            + "' (" + option.paramLabel() + ") should be specified only once");
                }
            }
        }
    }

    /** A command that words some of picocli's usage errors in its own terms. */
    interface ExplainsUsageErrors {
        /**
         * The one-line message for a usage error of this command.
         *
         * @param e the error picocli raised.
         * @return the message to print.
         */
        String explain(ParameterException e);
    }

    /** With no subcommand there is nothing to do: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command.");
    }

    /**
     * An option naming a file, given an empty name ({@code train --csv ""}), is a usage error
     * rather than the current directory read as a file.
     */
    private static void refuseEmptyFileNames(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            for (OptionSpec option : level.matchedOptions()) {
                if (option.type() == java.nio.file.Path.class
                        && option.originalStringValues().stream().anyMatch(String::isBlank)) {
                    throw new ParameterException(level.commandSpec().commandLine(), "option '" + option.longestName()
                            + "' (" + option.paramLabel() + ") needs a file name, got an empty one");
                }
            }
        }
    }

    /**
     * A usage error: its message in one line, with anything it echoes shortened
     * ({@link Echo#shortened}), then the usage, as picocli prints them.
     */
    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String message = command.getCommand() instanceof ExplainsUsageErrors explaining ? explaining.explain(e)
                : e.getMessage();
        err.println(command.getColorScheme().errorText(Echo.shortened(message)));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            command.usage(err, command.getColorScheme());
        }
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * A Chainrule exception is the user's input being rejected: one line, no stack trace. Any
     * other exception is a bug: one line saying so, and the stack trace only with
     * {@code --debug} or {@code CHAINRULE_DEBUG=1}.
     */
    private static int reportRejectedInput(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        String message = "chainrule " + command.getCommandName() + ": " + (e instanceof ChainruleException
                ? Echo.shortened(e.getMessage())
                : "internal error, please report it: " + Echo.shortened(e.toString()) + (debugging(parsed) ? ""
                        : " (--debug shows the stack trace)"));
        command.getErr().println(command.getColorScheme().errorText(message));
        if (debugging(parsed)) {
            e.printStackTrace(command.getErr());
        }
        return EXIT_FAILURE;
    }

    /** Whether {@code --debug} was given to any command of the line, or {@code CHAINRULE_DEBUG=1} is set. */
    private static boolean debugging(CommandLine.ParseResult parsed) {
        if ("1".equals(System.getenv(DEBUG_VARIABLE))) {
            return true;
        }
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** {@code --version}: the release and the Java runtime. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IOException("version.properties is missing from the classpath");
                }
                properties.load(in);
            }
            return new String[] {
                "chainrule " + properties.getProperty("version"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
