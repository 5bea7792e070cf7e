package org.chainrule.examples;

import static org.chainrule.examples.DemoCommandTest.assertPng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainrule.nn.checkpoint.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code chainrule train} beyond classification on one source: regression against ordinary
 * least squares computed here, the default task rule, ignored columns, separate test sets,
 * early stopping, saving, resuming bit for bit, and {@code chainrule predict}.
 */
class RegressionAndPredictTest {
    @TempDir
    Path dir;

    private final Console console = new Console();

    private static double readout(String text, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + " +(-?[0-9.eE+-]+)%?$").matcher(text);
        assertTrue(m.find(), "no '" + label + "' line in\n" + text);
        return Double.parseDouble(m.group(1));
    }

    /** Rows {@code x1, x2, x3} from N(0, 1) and {@code y = f(x1, x2) + 0.5 x3 + noise}, with an id and a name column. */
    private Path csv(String name, int rows, long seed, DoubleBinaryOperator f, double noise) throws IOException {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("id,x1,name,x2,x3,y\n");
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            double x3 = random.nextGaussian();
            double y = f.applyAsDouble(x1, x2) + 0.5 * x3 + noise * random.nextGaussian();
            sb.append(String.format(Locale.ROOT, "%d,%.6f,row %d,%.6f,%.6f,%.6f%n", i, x1, i, x2, x3, y));
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    /** The columns of a CSV file, header dropped. */
    private static List<double[]> numbers(Path file, int... columns) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] parts = line.split(",");
            double[] row = new double[columns.length];
            for (int k = 0; k < columns.length; k++) {
                row[k] = Double.parseDouble(parts[columns[k]]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** R^2 on the test file of ordinary least squares fitted to the training file (normal equations, x1 x2 x3 and 1). */
    private static double olsRSquared(Path train, Path test) throws IOException {
        int p = 4;
        double[][] a = new double[p][p + 1];
        for (double[] r : numbers(train, 1, 3, 4, 5)) {
            double[] x = {r[0], r[1], r[2], 1};
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    a[i][j] += x[i] * x[j];
                }
                a[i][p] += x[i] * r[3];
            }
        }
        for (int c = 0; c < p; c++) { // Gauss-Jordan: X^T X is positive definite, no pivoting needed
            for (int r = 0; r < p; r++) {
                if (r != c) {
                    double factor = a[r][c] / a[c][c];
                    for (int k = c; k <= p; k++) {
                        a[r][k] -= factor * a[c][k];
                    }
                }
            }
        }
        double[] beta = new double[p];
        for (int i = 0; i < p; i++) {
            beta[i] = a[i][p] / a[i][i];
        }
        List<double[]> rows = numbers(test, 1, 3, 4, 5);
        double mean = rows.stream().mapToDouble(r -> r[3]).average().orElseThrow();
        double residual = 0;
        double total = 0;
        for (double[] r : rows) {
            double predicted = beta[0] * r[0] + beta[1] * r[1] + beta[2] * r[2] + beta[3];
            residual += (r[3] - predicted) * (r[3] - predicted);
            total += (r[3] - mean) * (r[3] - mean);
        }
        return 1 - residual / total;
    }

    /** The common flags, then {@code more}; {@code --hidden 16} unless {@code more} names the hidden layers (an option is given once). */
    private String[] train(Path trainFile, Path testFile, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--csv", trainFile.toString(), "--test-csv",
                testFile.toString(), "--label", "y", "--ignore", "id,name", "--task", "regression",
                "--optimizer", "adam", "--batch", "16", "--out", dir.resolve("out").toString()));
        if (!List.of(more).contains("--hidden")) {
            args.addAll(List.of("--hidden", "16"));
        }
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void aLinearRelationComesWithinTwoHundredthsOfTheLeastSquaresRSquared() throws IOException {
        DoubleBinaryOperator linear = (x1, x2) -> 30 + 2 * x1 - 1.5 * x2;
        Path trainFile = csv("train.csv", 300, 1, linear, 1.0);
        Path testFile = csv("test.csv", 300, 2, linear, 1.0);
        assertEquals(0, console.run(train(trainFile, testFile, "--epochs", "40")), console.both());
        String text = console.out();
        double ols = olsRSquared(trainFile, testFile);
        double network = readout(text, "test R^2");
        assertTrue(Math.abs(network - ols) <= 0.02, "network " + network + " vs least squares " + ols + "\n" + text);
        for (String label : List.of("train loss", "test loss", "train RMSE", "test RMSE")) {
            readout(text, label);
        }
        // in the data's units: the noise is 1, so a good fit's RMSE is near 1 (not a standardised 0.2)
        assertTrue(readout(text, "test RMSE") > 0.9 && readout(text, "test RMSE") < 1.3, text);
        assertTrue(text.contains("ignoring [id, name]") && text.contains("(the separate test set)"), text);
        // progress: epoch lines with RMSE in the data's units
        assertTrue(Pattern.compile("(?m)^epoch 1/40  train loss \\S+  train RMSE"
                + " \\S+  test loss \\S+  test RMSE \\S+$").matcher(text).find(), text);
        assertPng(dir.resolve("out/predicted-vs-true.png"), TrainingRun.BOUNDARY_WIDTH, TrainingRun.BOUNDARY_HEIGHT);
    }

    @Test
    void aNonLinearRelationIsFittedClearlyBetterThanByLeastSquares() throws IOException {
        DoubleBinaryOperator curved = (x1, x2) -> 3 * Math.sin(2 * x1) + x2 * x2;
        Path trainFile = csv("train.csv", 400, 3, curved, 0.2);
        Path testFile = csv("test.csv", 300, 4, curved, 0.2);
        assertEquals(0, console.run(train(trainFile, testFile, "--epochs", "80")), console.both());
        double ols = olsRSquared(trainFile, testFile);
        double network = readout(console.out(), "test R^2");
        assertTrue(network > ols + 0.5 && network > 0.8, "network " + network + " vs least squares " + ols);
    }

    @Test
    void numericLabelsThatAreNotClassesAreRefusedWithAShortMessageSuggestingRegression() throws IOException {
        Path file = csv("prices.csv", 2000, 5, (a, b) -> 1000 * a, 1);
        assertEquals(1, console.run("train", "--csv", file.toString(), "--label", "y", "--ignore", "id,name"));
        String err = console.err();
        assertTrue(err.contains("the labels in column 'y' are numbers, 2000 distinct, not all whole") && err.contains("--task regression"),
                err);
        assertTrue(err.length() < 400, "the message echoes a few values only: " + err.length() + " characters");
        StringBuilder sb = new StringBuilder("x,count\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i).append(',').append(i * 3).append('\n');
        }
        Path counts = Files.writeString(dir.resolve("counts.csv"), sb.toString());
        Console again = new Console();
        assertEquals(1, again.run("train", "--csv", counts.toString(), "--label", "count", "--task", "classification"));
        assertTrue(again.err().contains("60 distinct whole numbers") && again.err().contains("--task regression"),
                again.err());
    }

    @Test
    void aColumnToIgnoreMustExist() throws IOException {
        Path file = csv("data.csv", 20, 5, (a, b) -> a, 1);
        assertEquals(1, console.run("train", "--csv", file.toString(), "--label", "y", "--task", "regression",
                "--ignore", "id,nmae"));
        assertTrue(console.err().contains("no column named 'nmae' to ignore"), console.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "train --dataset xor --task regression | --task regression needs a CSV file",
        "train --dataset xor --test-csv t.csv | --test-csv goes with --csv",
        "train --csv a.csv --label y --test-csv t.csv --train-ratio 0.5 | with a separate test set nothing is split",
        "train --idx-images a --idx-labels b --test-idx-images c | --test-idx-images needs --test-idx-labels FILE",
        "train --dataset xor --patience 3 | --patience needs --validation-ratio",
        "train --dataset xor --validation-ratio 1 | --validation-ratio must lie in [0, 1)",
        "train --csv a.csv --label y --ignore y | --ignore names the label column 'y'",
    })
    void badCombinationsAreUsageErrors(String commandLine, String message) {
        assertEquals(2, console.run(commandLine.strip().split(" +")), console.both());
        assertTrue(console.err().contains(message.strip()), console.err());
    }

    /** IDX files shaped like Fashion-MNIST's: 28 x 28 images of 10 classes, class k a bright band at row 2k. */
    private Path[] fashionShaped(String prefix, int count, long seed) throws IOException {
        Random random = new Random(seed);
        return IdxFiles.write(dir, prefix, count, 28, 28, n -> random.nextInt(10),
                (n, k, p) -> p / 28 / 2 == k + 2 ? 150 + random.nextInt(100) : random.nextInt(90));
    }

    @Test
    void fashionMnistShapedFilesTrainWithTheirSeparateTestSet() throws IOException {
        Path[] train = fashionShaped("train", 300, 1);
        Path[] test = fashionShaped("t10k", 100, 2);
        assertEquals(0, console.run("train", "--idx-images", train[0].toString(), "--idx-labels", train[1].toString(),
                "--test-idx-images", test[0].toString(), "--test-idx-labels", test[1].toString(), "--hidden", "32",
                "--activation", "relu", "--optimizer", "adam", "--epochs", "5", "--out", dir.resolve("out").toString()),
                console.both());
        String text = console.out();
        assertTrue(text.contains("300 images of 784 pixels, 10 classes: 300 for training, 100 for testing (the separate"
                + " test set)"), text);
        assertTrue(readout(text, "test accuracy") > 80, text);
    }

    @Test
    void earlyStoppingOnAValidationPartStopsAndSaysWhichEpochItKept() throws IOException {
        Path trainFile = csv("train.csv", 120, 1, (a, b) -> a, 3);
        Path testFile = csv("test.csv", 50, 2, (a, b) -> a, 3);
        assertEquals(0, console.run(train(trainFile, testFile, "--hidden", "64,64", "--epochs", "300",
                "--validation-ratio", "25%", "--patience", "4")), console.both());
        Matcher m = Pattern.compile("early stopping: no better validation loss for 4 epochs; stopped after epoch (\\d+)"
                + " and restored the weights of epoch (\\d+)").matcher(console.out());
        assertTrue(m.find(), console.out());
        assertEquals(Integer.parseInt(m.group(1)) - 4, Integer.parseInt(m.group(2)));
        assertTrue(console.out().contains("25% of the training part held out for validation"), console.out());
    }

    @Test
    void aResumedRunEndsExactlyWhereAnUninterruptedOneDoes() throws IOException {
        Path trainFile = csv("train.csv", 100, 1, (a, b) -> a * b, 0.3);
        Path testFile = csv("test.csv", 50, 2, (a, b) -> a * b, 0.3);
        Path whole = dir.resolve("whole.model");
        Path half = dir.resolve("half.model");
        assertEquals(0, console.run(train(trainFile, testFile, "--epochs", "6", "--save", whole.toString())),
                console.both());
        Console first = new Console();
        assertEquals(0, first.run(train(trainFile, testFile, "--epochs", "3", "--save", half.toString())), first.both());
        Console second = new Console();
        assertEquals(0, second.run(train(trainFile, testFile, "--epochs", "6", "--resume", half.toString())),
                second.both());
        // the resumed process ran epochs 4 to 6 only, and ended where the uninterrupted one did
        assertTrue(second.out().contains("epoch 4/6") && !second.out().contains("epoch 1/6"), second.out());
        for (String label : List.of("train loss", "test loss", "train RMSE", "test RMSE", "test R^2")) {
            assertEquals(readout(console.out(), label), readout(second.out(), label), label);
        }
        assertEquals(Checkpoint.readContents(whole).parameters(), Checkpoint.readContents(half).parameters());
        assertTrue(readout(first.out(), "test loss") != readout(second.out(), "test loss"));
        Console wrong = new Console();
        assertEquals(1, wrong.run(train(trainFile, testFile, "--epochs", "9", "--hidden", "8", "--resume",
                half.toString())));
        assertTrue(wrong.err().contains("the file holds a regression of 'y' from 3 features, hidden 16 tanh, but these"
                + " flags and data make a regression of 'y' from 3 features, hidden 8 tanh"), wrong.err());
    }

    @Test
    void predictMatchesColumnsByNameAndWritesValuesInTheDataUnits() throws IOException {
        DoubleBinaryOperator linear = (x1, x2) -> 500 + 20 * x1 - 10 * x2;
        Path trainFile = csv("train.csv", 300, 1, linear, 0.5);
        Path testFile = csv("test.csv", 40, 2, linear, 0.5);
        Path model = dir.resolve("price.model");
        assertEquals(0, console.run(train(trainFile, testFile, "--epochs", "40", "--save", model.toString())),
                console.both());
        // the same rows with the columns in another order, the label and the ignored columns present
        StringBuilder sb = new StringBuilder("x3,y,name,x2,id,x1\n");
        List<double[]> rows = numbers(testFile, 1, 3, 4, 5);
        for (double[] r : rows) {
            sb.append(String.format(Locale.ROOT, "%f,%f,n,%f,7,%f%n", r[2], r[3], r[1], r[0]));
        }
        Path input = Files.writeString(dir.resolve("new.csv"), sb.toString());
        Path output = dir.resolve("predictions.csv");
        Console predict = new Console();
        assertEquals(0, predict.run("predict", "--model", model.toString(), "--csv", input.toString(), "--out",
                output.toString()), predict.both());
        List<String> lines = Files.readAllLines(output);
        assertEquals("predicted y", lines.get(0));
        assertEquals(rows.size() + 1, lines.size());
        double worst = 0;
        for (int i = 0; i < rows.size(); i++) {
            double expected = linear.applyAsDouble(rows.get(i)[0], rows.get(i)[1]) + 0.5 * rows.get(i)[2];
            worst = Math.max(worst, Math.abs(Double.parseDouble(lines.get(i + 1)) - expected));
        }
        assertTrue(worst < 5, "predictions in the data's units (y near 500, spread 22): worst error " + worst);

        Path missing = Files.writeString(dir.resolve("missing.csv"), "x1,x3\n1,2\n");
        Console refused = new Console();
        assertEquals(1, refused.run("predict", "--model", model.toString(), "--csv", missing.toString()));
        assertTrue(refused.err().contains("lacks the feature column 'x2'"), refused.err());
        Path extra = Files.writeString(dir.resolve("extra.csv"), "x1,x2,x3,colour\n1,2,3,4\n");
        assertEquals(1, refused.run("predict", "--model", model.toString(), "--csv", extra.toString()));
        assertTrue(refused.err().contains("has the column 'colour' that the model was not trained on"), refused.err());
    }

    @Test
    void predictWritesTheClassAndItsProbabilities() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,species\n");
        Random random = new Random(3);
        String[] names = {"setosa", "versi, color", "virginica"};
        for (int i = 0; i < 150; i++) {
            int k = i % 3;
            sb.append(String.format(Locale.ROOT, "%f,%f,\"%s\"%n", 3 * k + random.nextGaussian() * 0.3,
                    random.nextGaussian(), names[k]));
        }
        Path file = Files.writeString(dir.resolve("flowers.csv"), sb.toString());
        Path model = dir.resolve("flowers.model");
        assertEquals(0, console.run("train", "--csv", file.toString(), "--label", "species", "--hidden", "8",
                "--optimizer", "adam", "--epochs", "30", "--save", model.toString(), "--out",
                dir.resolve("out").toString()), console.both());
        Console predict = new Console();
        assertEquals(0, predict.run("predict", "--model", model.toString(), "--csv", file.toString()), predict.both());
        List<String> lines = predict.out().lines().toList();
        assertEquals("predicted,p(setosa),\"p(versi, color)\",p(virginica)", lines.get(0));
        assertEquals(151, lines.size());
        int correct = 0;
        for (int i = 1; i <= 150; i++) {
            String line = lines.get(i);
            correct += line.startsWith(names[(i - 1) % 3].contains(",") ? "\"versi, color\"" : names[(i - 1) % 3]) ? 1 : 0;
            String[] p = line.substring(line.lastIndexOf('"') + 1).replaceFirst("^[^,]*", "").substring(1).split(",");
            double sum = 0;
            for (String v : p) {
                sum += Double.parseDouble(v);
            }
            assertEquals(1, sum, 1e-9, line);
        }
        assertTrue(correct >= 145, correct + " of 150");
    }
}
