package org.chainrule.examples;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.nn.data.CsvData;
import org.chainrule.nn.data.CsvLoader;
import org.chainrule.nn.data.CsvTable;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.MnistIdx;
import org.chainrule.nn.data.Playground;

/**
 * The examples {@code chainrule train} learns from, read from the source its options chose: a
 * generated playground set, a CSV file (classes, or values for a regression) or MNIST IDX
 * files, with a separate test set if one was given.
 *
 * @param train the examples (split into training and test parts unless {@code test} is given).
 * @param test the separate test set, or null.
 * @param name what to call the data in titles, e.g. {@code iris.csv}.
 * @param description one line about it, for the run's header.
 * @param featureNames the feature columns, in order.
 * @param classNames the class names in index order; empty for a regression.
 * @param standardized whether the network standardises the features (CSV files).
 * @param regression whether the label column holds values to regress.
 */
record TrainingData(Dataset train, Dataset test, String name, String description, List<String> featureNames,
                    List<String> classNames, boolean standardized, boolean regression) {

    /**
     * Reads or generates the examples.
     *
     * @param source the chosen source.
     * @param task the {@code --task} given, or null.
     * @param seed the run's seed (a playground set's points depend on it).
     * @return the data.
     * @throws ChainruleException if a file is rejected.
     */
    static TrainingData load(TrainOptions.Source source, TrainOptions.TaskChoice task, long seed) {
        if (source.playground != null) {
            TrainOptions.PlaygroundSource p = source.playground;
            Dataset points = Playground.generate(p.dataset.kind(), p.examples, p.noise, seed);
            return new TrainingData(points, null, p.dataset.toString(), p.dataset + ", " + p.examples + " points, noise "
                    + percent(p.noise), List.of("x1", "x2"), List.of("0", "1"), false, false);
        }
        if (source.csv != null) {
            return csv(source.csv, task == TrainOptions.TaskChoice.REGRESSION);
        }
        TrainOptions.IdxSource idx = source.idx;
        Dataset images = MnistIdx.load(idx.images, idx.labels);
        Dataset test = null;
        if (idx.test != null) {
            test = MnistIdx.load(idx.test.images, idx.test.labels);
            if (test.featureCount() != images.featureCount()) {
                throw new ChainruleException("--test-idx-images " + idx.test.images + ": images of "
                        + test.featureCount() + " pixels, but the training images have " + images.featureCount());
            }
        }
        List<String> pixels = new ArrayList<>();
        for (int i = 0; i < images.featureCount(); i++) {
            pixels.add("pixel" + i);
        }
        List<String> digits = new ArrayList<>();
        for (int k = 0; k < MnistIdx.CLASSES; k++) {
            digits.add(Integer.toString(k));
        }
        return new TrainingData(images, test, "MNIST", idx.images.getFileName() + ", " + images.size() + " images of "
                + images.featureCount() + " pixels, " + images.classes() + " classes", pixels, digits, false, false);
    }

    private static TrainingData csv(TrainOptions.CsvSource csv, boolean regression) {
        CsvTable table = CsvLoader.table(csv.csv, csv.label, true, csv.ignore);
        CsvData train = regression ? CsvLoader.regression(table) : CsvLoader.classification(table, null);
        Dataset test = null;
        if (csv.testCsv != null) {
            CsvTable t = CsvLoader.table(csv.testCsv, csv.label, true, csv.ignore);
            CsvTable lined = new CsvTable(t.file(), table.featureNames(), t.select(table.featureNames()),
                    t.labelColumn(), t.labels());
            test = (regression ? CsvLoader.regression(lined) : CsvLoader.classification(lined, train.classNames()))
                    .dataset();
        }
        Dataset rows = train.dataset();
        String name = String.valueOf(csv.csv.getFileName());
        String features = rows.featureCount() + " feature" + (rows.featureCount() == 1 ? "" : "s") + " "
                + train.featureNames() + " standardised"
                + (csv.ignore.isEmpty() ? "" : ", ignoring " + csv.ignore);
        String what = regression ? "regression of '" + csv.label + "' (standardised for training)"
                : rows.classes() + " classes " + train.classNames();
        return new TrainingData(rows, test, name, name + ", " + rows.size() + " rows, " + features + ", " + what,
                train.featureNames(), train.classNames(), true, regression);
    }

    /** {@code 10%}. */
    static String percent(double fraction) {
        return Tensor.format(100 * fraction) + "%";
    }
}
