package org.chainrule.examples;

import static org.chainrule.examples.DemoCommandTest.assertPng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainCommandTest {
    @TempDir
    Path dir;

    private final Console console = new Console();

    /** The value of a readout line such as {@code test accuracy   97.5%}, as a number. */
    private static double readout(String text, String label) {
        Matcher m = Pattern.compile("(?m)^" + label + " +(\\d+\\.\\d+)%?$").matcher(text);
        assertTrue(m.find(), "no '" + label + "' line in\n" + text);
        double value = Double.parseDouble(m.group(1));
        assertFalse(m.find(), "two '" + label + "' lines in\n" + text);
        return value;
    }

    private String[] args(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = dir.resolve("out").toString();
        return all;
    }

    @Test
    void aPlaygroundRunPrintsTheReadoutAndWritesBothPictures() throws IOException {
        assertEquals(0, console.run(args("--dataset", "gauss", "--examples", "120", "--epochs", "15")), console.both());
        String text = console.out();
        assertTrue(text.startsWith("products: "), text);
        assertTrue(text.contains("data: gauss, 120 points, noise 0%: 60 for training, 60 for testing"), text);
        assertTrue(text.contains("network: 2 inputs -> 6 tanh -> 6 tanh -> 1 score, sigmoid cross-entropy (67 parameters)"),
                text);
        assertTrue(text.contains("optimizer: sgd, learning rate 0.1, batches of 10, 15 epochs, seed 1"), text);
        assertTrue(text.contains("training: 15 epochs of 6 steps"), text);
        assertTrue(readout(text, "train loss") < 0.2, text);
        readout(text, "test loss");
        assertTrue(readout(text, "train accuracy") >= 95, text);
        assertTrue(readout(text, "test accuracy") >= 95, "two well separated blobs\n" + text);
        assertPng(dir.resolve("out/train-curves.png"), TrainingRun.CURVES_WIDTH, TrainingRun.CURVES_HEIGHT);
        assertPng(dir.resolve("out/train-boundary.png"), TrainingRun.BOUNDARY_WIDTH, TrainingRun.BOUNDARY_HEIGHT);
        assertTrue(text.contains(dir.resolve("out/train-boundary.png").toAbsolutePath().normalize().toString()), text);
        assertEquals("", console.err());
    }

    @Test
    void theSameSeedGivesTheSameRunAndFlagsReachTheNetwork() {
        String[] run = args("--dataset", "xor", "--noise", "10%", "--examples", "80", "--train-ratio", "75%", "--hidden",
                "4", "--activation", "leaky-relu", "--optimizer", "adam", "--lr", "0.02", "--batch", "7", "--epochs", "3",
                "--seed", "5");
        Console again = new Console();
        assertEquals(0, console.run(run), console.both());
        assertEquals(0, again.run(run), again.both());
        assertEquals(console.out(), again.out());
        String text = console.out();
        assertTrue(text.contains("data: xor, 80 points, noise 10%: 60 for training, 20 for testing"), text);
        assertTrue(text.contains("network: 2 inputs -> 4 leaky-relu -> 1 score, sigmoid cross-entropy (17 parameters)"),
                text);
        assertTrue(text.contains("optimizer: adam, learning rate 0.02, batches of 7, 3 epochs, seed 5"), text);
        assertTrue(text.contains("training: 3 epochs of 9 steps"), text);
    }

    @Test
    void noHiddenLayerIsLogisticRegression() {
        assertEquals(0, console.run(args("--dataset", "gauss", "--examples", "40", "--hidden", "none", "--epochs", "2")),
                console.both());
        assertTrue(console.out().contains("network: 2 inputs -> 1 score, sigmoid cross-entropy (3 parameters)"),
                console.out());
    }

    @Test
    void aCsvWithTwoFeaturesAndTwoNamedClassesIsStandardisedAndDrawn() throws IOException {
        // Two blobs far from the origin and on very different scales: standardisation makes them easy.
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("height,weight,kind\n");
        for (int i = 0; i < 60; i++) {
            boolean big = i % 2 == 0;
            csv.append(String.format(Locale.ROOT, "%.3f,%.1f,%s%n", 1000 + (big ? 2 : -2) + random.nextGaussian(),
                    50000 + (big ? 400 : -400) + 100 * random.nextGaussian(), big ? "large" : "small"));
        }
        Path file = Files.writeString(dir.resolve("animals.csv"), csv.toString(), StandardCharsets.UTF_8);
        assertEquals(0, console.run(args("--csv", file.toString(), "--label", "kind", "--epochs", "20")), console.both());
        String text = console.out();
        assertTrue(text.contains("data: animals.csv, 60 rows, 2 features [height, weight] standardised, 2 classes"
                + " [large, small]: 30 for training, 30 for testing"), text);
        assertTrue(readout(text, "test accuracy") >= 95, text);
        assertPng(dir.resolve("out/train-curves.png"), TrainingRun.CURVES_WIDTH, TrainingRun.CURVES_HEIGHT);
        assertPng(dir.resolve("out/train-boundary.png"), TrainingRun.BOUNDARY_WIDTH, TrainingRun.BOUNDARY_HEIGHT);
    }

    @Test
    void aCsvWithThreeClassesTrainsSoftmaxScoresAndDrawsNoBoundary() throws IOException {
        StringBuilder csv = new StringBuilder("x,y,z,label\n");
        Random random = new Random(12);
        for (int i = 0; i < 45; i++) {
            int c = i % 3;
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%d%n", 3.0 * c + random.nextGaussian() * 0.3,
                    random.nextGaussian(), -2.0 * c + random.nextGaussian() * 0.3, 7 + c));
        }
        Path file = Files.writeString(dir.resolve("three.csv"), csv.toString(), StandardCharsets.UTF_8);
        assertEquals(0, console.run(args("--csv", file.toString(), "--label", "label", "--epochs", "5")), console.both());
        String text = console.out();
        assertTrue(text.contains("3 features [x, y, z] standardised, 3 classes [7, 8, 9]"), text);
        assertTrue(text.contains("network: 3 inputs -> 6 tanh -> 6 tanh -> 3 scores, softmax cross-entropy (87 parameters)"),
                text);
        readout(text, "test accuracy");
        assertTrue(text.contains("no decision-boundary picture: it needs 2 features and 2 classes, this data has 3"
                + " features and 3 classes"), text);
        assertPng(dir.resolve("out/train-curves.png"), TrainingRun.CURVES_WIDTH, TrainingRun.CURVES_HEIGHT);
        assertFalse(Files.exists(dir.resolve("out/train-boundary.png")));
    }

    @Test
    void aBadCsvRowIsRejectedWithItsLineAndStatus1() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), "a,b,y\n1,2,0\n3,oops,1\n", StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_FAILURE, console.run(args("--csv", file.toString(), "--label", "y")));
        assertTrue(console.err().startsWith("chainrule train: " + file + ":3: column 'b': 'oops' is not a number"),
                console.err());
        assertEquals(1, console.err().lines().count(), console.err());
    }

    @Test
    void mnistIdxFilesTrainTenClassScores() throws IOException {
        Path[] files = IdxFiles.write(dir, "", 40, 2, 3, n -> n % 10, (n, digit, p) -> (digit * 25 + p * 7) % 256);
        Path imageFile = files[0];
        Path labelFile = files[1];
        assertEquals(0, console.run(args("--idx-images", imageFile.toString(), "--idx-labels", labelFile.toString(),
                "--epochs", "2")), console.both());
        String text = console.out();
        assertTrue(text.contains("data: images-idx3-ubyte, 40 images of 6 pixels, 10 classes: 20 for training,"
                + " 20 for testing"), text);
        assertTrue(text.contains("-> 10 scores, softmax cross-entropy"), text);
        readout(text, "train accuracy");
        assertTrue(text.contains("no decision-boundary picture"), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "train | no data: give --dataset NAME, --csv FILE --label COLUMN, or --idx-images FILE --idx-labels FILE",
        "train --dataset circle --csv a.csv --label y | choose one data source, not --dataset and --csv/--label",
        "train --label y --idx-images a --idx-labels b | not --csv/--label and --idx-images/--idx-labels",
        "train --csv a.csv | --csv needs --label COLUMN",
        "train --label y | --label needs --csv FILE",
        "train --idx-images a | --idx-images needs --idx-labels FILE",
        "train --idx-labels b | --idx-labels needs --idx-images FILE",
        "train --csv a.csv --label y --noise 0.1 | --noise applies only to a playground set (--dataset)",
        "train --idx-images a --idx-labels b --examples 9 | --examples applies only to a playground set",
        "train --dataset moon | Invalid value for option '--dataset'",
        "train --dataset xor --activation softplus | Invalid value for option '--activation'",
        "train --dataset xor --optimizer rmsprop | Invalid value for option '--optimizer'",
        "train --dataset xor --lr 0 | --lr must be a positive number, got 0",
        "train --dataset xor --lr -0.1 | --lr must be a positive number, got -0.1",
        "train --dataset xor --lr fast | Invalid value for option '--lr'",
        "train --dataset xor --epochs 0 | --epochs must be at least 1, got 0",
        "train --dataset xor --batch 0 | --batch must be at least 1, got 0",
        "train --dataset xor --examples 1 | --examples must be at least 2, got 1",
        "train --dataset xor --train-ratio 0 | --train-ratio must lie strictly between 0 and 1",
        "train --dataset xor --train-ratio 1 | --train-ratio must lie strictly between 0 and 1",
        "train --dataset xor --train-ratio 120% | --train-ratio must lie strictly between 0 and 1 (0% and 100%), got 1.2",
        "train --dataset xor --noise -5% | --noise must lie between 0 and 1 (0% and 100%), got -0.05",
        "train --dataset xor --noise lots | 'lots' is not a number or a percentage (write 0.25 or 25%)",
        "train --dataset xor --hidden 6,,6 | --hidden takes positive widths separated by commas",
        "train --dataset xor --hidden 6,0 | --hidden takes positive widths separated by commas",
        "train --dataset xor --bogus | Unknown option: '--bogus'",
    })
    void badFlagsAreUsageErrorsWithStatus2(String commandLine, String message) {
        assertEquals(2, console.run(commandLine.strip().split(" +")), console.both());
        assertTrue(console.err().contains(message.strip()), console.err());
        assertTrue(console.err().contains("Usage: chainrule train"), console.err());
        assertEquals("", console.out());
    }
}
