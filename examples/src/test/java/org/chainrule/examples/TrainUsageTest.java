package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The train command's usage errors, pinned: every line of {@code golden/train-usage-errors.txt}
 * (recorded from 0.3.0's {@code train}, before its options were validated by picocli's groups)
 * is a command line, its exit status and the first line of what it prints on standard error,
 * and today's command prints the same. And every {@code chainrule train} and
 * {@code chainrule predict} line in the README still parses.
 */
class TrainUsageTest {
    /** {@code args | status | first error line}. */
    private static final Pattern CASE = Pattern.compile("(.*?) \\| (\\d) \\| (.*)");

    @Test
    void everyUsageErrorPrintsTheSameLineAndStatusAsBefore() throws IOException {
        List<String> differences = new ArrayList<>();
        int cases = 0;
        for (String line : golden("train-usage-errors.txt").split("\n")) {
            Matcher m = CASE.matcher(line);
            assertTrue(m.matches(), line);
            cases++;
            Console console = new Console();
            int status = console.run(split(m.group(1)));
            String first = console.err().lines().findFirst().orElse("");
            if (status != Integer.parseInt(m.group(2)) || !first.equals(m.group(3))) {
                differences.add(m.group(1) + "\n   expected " + m.group(2) + " | " + m.group(3) + "\n   got      "
                        + status + " | " + first);
            }
            assertEquals("", console.out(), line);
            assertTrue(console.err().contains("Usage: chainrule train"), console.both());
        }
        assertTrue(cases > 50, "the golden file lists the cases");
        assertEquals(List.of(), differences);
    }

    /**
     * The help is pinned (a change to it is a deliberate change to this file): the options,
     * their sections and the synopsis, which shows the data sources as picocli validates them.
     */
    @Test
    void theHelpIsAsRecorded() throws IOException {
        Console console = new Console();
        assertEquals(0, console.run("train", "--help"));
        assertEquals(golden("train-help.txt"), console.out());
    }

    /**
     * picocli's trap: an argument group that no option matched is null, and the defaults of
     * its options are never applied. Every group of train has its defaults with no option of
     * it given, and the source's group has its own once its one required option is.
     */
    @Test
    void everyGroupHasItsDefaultsWhenNoneOfItsOptionsIsGiven() {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs("--dataset", "xor");
        assertEquals(500, command.source.playground.examples);
        assertEquals(0.0, command.source.playground.noise);
        assertEquals(null, command.source.csv);
        assertEquals(0.5, command.split.trainRatio);
        assertEquals(null, command.split.task);
        assertEquals(List.of(6, 6), java.util.Arrays.stream(command.network.hidden).boxed().toList());
        assertEquals(TrainOptions.ActivationChoice.TANH, command.network.activation);
        assertEquals(TrainOptions.OptimizerChoice.SGD, command.training.optimizer);
        assertEquals(0.1, command.training.rate());
        assertEquals(10, command.training.batch);
        assertEquals(100, command.training.epochs);
        assertEquals(1L, command.training.seed);
        assertEquals(0.0, command.training.validationRatio);
        assertEquals(null, command.training.patience);
        assertEquals(Path.of("chainrule-out"), command.training.outDir);

        TrainCommand csv = new TrainCommand();
        new CommandLine(csv).parseArgs("--csv", "a.csv", "--label", "y");
        assertEquals(List.of(), csv.source.csv.ignore);
        assertEquals(null, csv.source.playground);
    }

    @Test
    void theReadmesCommandLinesParse() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("(?m)^\\./chainrule (train|predict)((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(readme);
        int found = 0;
        while (m.find()) {
            String text = m.group(2).replace("\\\n", " ");
            int comment = text.indexOf('#');
            String[] args = split((comment < 0 ? text : text.substring(0, comment)).strip());
            Object command = m.group(1).equals("train") ? new TrainCommand() : new PredictCommand();
            CommandLine commandLine = new CommandLine(command);
            commandLine.parseArgs(args); // throws a ParameterException if the README's line is no longer valid
            found++;
        }
        assertTrue(found >= 9, "the README's train and predict lines: " + found);
        assertFalse(readme.contains("standardizeTargets"), "the README names a removed method");
    }

    /** Splits on spaces, with {@code ""} an empty argument. */
    private static String[] split(String args) {
        if (args.isEmpty()) {
            return new String[0];
        }
        String[] parts = args.split(" +");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].equals("\"\"") ? "" : parts[i];
        }
        return parts;
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = TrainUsageTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
