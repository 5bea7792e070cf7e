package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file's memory grows with its numbers, not its text: a 100 MB regression file (1.6
 * million rows of two 28-digit values, 3.2 million numbers, 24 MiB as doubles) trains in a
 * command-line JVM of 128 MiB, though its label column kept as strings would need about 115
 * MiB on its own. In a heap too small for its numbers
 * the file is refused while it is read, in one line that names the line reached and the
 * setting to change, never with an {@link OutOfMemoryError}.
 *
 * <p>Each case runs {@code chainrule train} in a child JVM with the heap it names, as a user
 * would with {@code CHAINRULE_JAVA_OPTS=-Xmx...}.
 */
class LargeCsvMemoryTest {
    private static final int ROWS = 1_600_000;
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    static Path dir;
    private static Path csv;

    @BeforeAll
    static void writeTheFile() throws IOException {
        csv = dir.resolve("large.csv");
        Random random = new Random(17);
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            writer.write("x,target\n");
            for (int i = 0; i < ROWS; i++) {
                double x = random.nextGaussian();
                double target = 3 * x + 0.1 * random.nextGaussian();
                writer.write(String.format(Locale.ROOT, "%.28f,%.28f%n", x, target));
            }
        }
    }

    /** The exit status, standard output and standard error of one child run. */
    private record Run(int status, String out, String err) {
    }

    private static Run train(String heap) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), heap, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--csv", csv.toString(), "--label", "target", "--task", "regression",
                "--epochs", "1", "--batch", "1000", "--out", dir.resolve("out").toString()));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chainrule train did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aFileMuchLargerThanItsNumbersTrainsInASmallHeap() throws Exception {
        assertTrue(Files.size(csv) > 95_000_000, "the file is " + Files.size(csv) + " bytes");
        Run run = train("-Xmx128m");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("1600000 rows"), run.out());
        assertTrue(run.out().contains("test R^2"), run.out());
        assertTrue(run.out().contains("1500 of 800000 test examples shown"), run.out());
    }

    @Test
    void aHeapTooSmallForTheNumbersRefusesTheFileInOneLine() throws Exception {
        Run run = train("-Xmx24m");
        assertEquals(1, run.status(), run.out() + run.err());
        List<String> lines = run.err().lines().filter(line -> !line.startsWith("WARNING")).toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("chainrule train: " + csv + ":"), run.err());
        assertTrue(lines.get(0).contains("-Xmx"), run.err());
        assertFalse(run.err().contains("OutOfMemoryError") || run.err().contains("\tat "), run.err());
    }
}
