package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.chainrule.testing.FileMutations;
import org.chainrule.testing.Mutation;
import org.chainrule.testing.SampleFile;
import org.chainrule.testing.Theories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's model files fuzzed ({@link FileMutations} of a classifier and a
 * regression saved by {@code chainrule train --save}; half of them with the checkpoint's
 * length and CRC32 recomputed so that the damage reaches the model description): {@code
 * predict --model} and {@code train --resume} either succeed or fail with status 1 or 2 and
 * exactly one line on standard error, never an internal error or a stack trace. (Most
 * damaged model files are refused; of 200 resumed, a handful train on.)
 */
class ModelFileFuzzTest {
    private static final int HEADER_AND_CHECKSUM = 8 + 4 + 8 + 4;

    /** Shared by both properties: the models are trained once. */
    @TempDir
    static Path dir;

    private static Path classes;
    private static Path values;
    private static List<SampleFile> models;

    private static String[] trainClasses(Path csv, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--csv", csv.toString(), "--label", "species", "--hidden",
                "4", "--optimizer", "adam", "--batch", "16", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    private static String[] trainValues(Path csv, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--csv", csv.toString(), "--label", "y", "--task",
                "regression", "--hidden", "4", "--optimizer", "adam", "--batch", "16", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @BeforeAll
    static void models() throws IOException {
        Random random = new Random(3);
        StringBuilder flowers = new StringBuilder("a,b,species\n");
        StringBuilder prices = new StringBuilder("x1,x2,y\n");
        String[] names = {"setosa", "\"versi, color\"", "virginica"};
        for (int i = 0; i < 30; i++) {
            flowers.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", 3 * (i % 3) + random.nextGaussian() * 0.3,
                    random.nextGaussian(), names[i % 3]));
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            prices.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f%n", x1, x2, 500 + 20 * x1 - 10 * x2));
        }
        classes = Files.writeString(dir.resolve("flowers.csv"), flowers.toString());
        values = Files.writeString(dir.resolve("prices.csv"), prices.toString());
        Console console = new Console();
        Path classifier = dir.resolve("flowers.model");
        Path regression = dir.resolve("prices.model");
        assertEquals(0, console.run(trainClasses(classes, dir.resolve("out"), "--epochs", "2", "--save",
                classifier.toString())), console.both());
        assertEquals(0, console.run(trainValues(values, dir.resolve("out"), "--epochs", "2", "--save",
                regression.toString())), console.both());
        models = List.of(SampleFile.of(classifier), SampleFile.of(regression));
    }

    /** Even seeds: the checkpoint's length and CRC32 recomputed, so that the damage reaches what is behind them. */
    private static Mutation reaching(Mutation m) {
        return m.seed() % 2 == 0 ? m.then("length and CRC32 recomputed", bytes -> FileMutations.trailingCrc32()
                .apply(FileMutations.lengthField(12, HEADER_AND_CHECKSUM).apply(bytes))) : m;
    }

    /** Success, or status 1 or 2 with one line on standard error and no internal error; counts the verdicts. */
    private static void assertOneRule(Mutation m, String command, int status, Console console, int[] verdicts) {
        String what = "[" + Theories.SEED_PROPERTY + "=" + Theories.seed() + "] " + command + " of " + m + ": status "
                + status + "\n" + console.both();
        if (status == 0) {
            verdicts[0]++;
            return;
        }
        verdicts[1]++;
        assertTrue(status == 1 || status == 2, what);
        assertEquals(1, console.err().lines().count(), what);
        assertFalse(console.err().contains("internal error") || console.err().contains("\tat ")
                || console.err().contains("Exception"), what);
    }

    @Test
    void predictWithAMutatedModelFilePredictsOrRefusesInOneLine() {
        int[] verdicts = new int[2];
        Theories.qt(150).forAll(FileMutations.of(models).map(ModelFileFuzzTest::reaching)).checkAssert(m -> {
            Path model = m.writeTo(dir.resolve("mutated.model"));
            Path csv = m.original().startsWith("flowers") ? classes : values;
            Console console = new Console();
            int status = console.run("predict", "--model", model.toString(), "--csv", csv.toString());
            assertOneRule(m, "predict", status, console, verdicts);
        });
        assertTrue(verdicts[0] >= 10 && verdicts[1] >= 10, "both verdicts: " + verdicts[0] + " predicted, "
                + verdicts[1] + " refused");
    }

    @Test
    void resumingFromAMutatedModelFileTrainsOnOrRefusesInOneLine() {
        int[] verdicts = new int[2];
        Theories.qt(200).forAll(FileMutations.of(models).map(ModelFileFuzzTest::reaching)).checkAssert(m -> {
            Path model = m.writeTo(dir.resolve("mutated.model"));
            boolean flowers = m.original().startsWith("flowers");
            Path out = dir.resolve("resumed");
            Console console = new Console();
            int status = console.run(flowers ? trainClasses(classes, out, "--epochs", "3", "--resume", model.toString())
                    : trainValues(values, out, "--epochs", "3", "--resume", model.toString()));
            assertOneRule(m, "train --resume", status, console, verdicts);
        });
        assertTrue(verdicts[0] >= 2 && verdicts[1] >= 10, "both verdicts: " + verdicts[0] + " resumed, "
                + verdicts[1] + " refused");
    }
}
