package org.chainrule.nn.data;

import java.util.Arrays;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * An immutable labelled dataset with examples as rows: {@code features} is {@code m x n}
 * (m examples, n features) and every example has a class label in {@code [0, classes)}.
 * Binary tasks have two classes, labelled 0 and 1.
 *
 * <p>Features must be finite: a NaN or infinity in a dataset can only be a mistake (a failed
 * parse, a division by zero while normalising), and it would turn every loss it touches into
 * NaN, so it is refused when the dataset is made.
 */
public final class Dataset {
    private final Tensor features;
    private final int[] labels;
    private final int classes;

    /**
     * A dataset.
     *
     * @param features the examples, one per row. Not modified.
     * @param labels one class label per row, each in {@code [0, classes)}. Not modified (copied).
     * @param classes the number of classes, at least 2.
     * @throws ChainruleException if the counts disagree, a label is out of range, a feature is
     *     not finite, or an argument is null.
     */
    public Dataset(Tensor features, int[] labels, int classes) {
        ChainruleException.requireNonNull(features, "dataset: features");
        ChainruleException.requireNonNull(labels, "dataset: labels");
        if (classes < 2) {
            throw new ChainruleException("dataset: need at least 2 classes, got " + classes);
        }
        if (labels.length != features.rows()) {
            throw new ChainruleException("dataset: " + features.rows() + " examples but " + labels.length
                    + " labels: there must be one label per row");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new ChainruleException("dataset: label " + labels[i] + " of example " + i
                        + " is outside [0, " + classes + ")");
            }
        }
        DMatrixRMaj x = features.matrixView();
        for (int i = 0; i < x.getNumElements(); i++) {
            if (!Double.isFinite(x.data[i])) {
                throw new ChainruleException("dataset: feature " + (i % x.numCols) + " of example " + (i / x.numCols)
                        + " is " + x.data[i] + ": features must be finite numbers");
            }
        }
        this.features = features;
        this.labels = labels.clone();
        this.classes = classes;
    }

    /**
     * The examples, one per row.
     *
     * @return the {@code m x n} feature tensor.
     */
    public Tensor features() {
        return features;
    }

    /**
     * The class labels.
     *
     * @return a copy of the labels, one per example.
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * One example's label.
     *
     * @param example the row index.
     * @return its class.
     * @throws ChainruleException if the index is outside {@code [0, size())}.
     */
    public int label(int example) {
        if (example < 0 || example >= labels.length) {
            throw new ChainruleException("dataset: example " + example + " is outside [0, " + labels.length + ")");
        }
        return labels[example];
    }

    /**
     * The number of classes.
     *
     * @return at least 2.
     */
    public int classes() {
        return classes;
    }

    /**
     * The number of examples, {@code m}.
     *
     * @return the row count.
     */
    public int size() {
        return labels.length;
    }

    /**
     * The number of features per example, {@code n}.
     *
     * @return the column count.
     */
    public int featureCount() {
        return features.cols();
    }

    /**
     * The labels as an {@code m x 1} column of 0s and 1s, the target of a binary
     * (sigmoid-output) classifier.
     *
     * @return the label column.
     * @throws ChainruleException if there are more than two classes.
     */
    public Tensor binaryTargets() {
        if (classes != 2) {
            throw new ChainruleException("dataset: binaryTargets needs 2 classes, this set has " + classes
                    + "; use oneHotTargets()");
        }
        double[] column = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            column[i] = labels[i];
        }
        return Tensor.column(column);
    }

    /**
     * The labels one-hot encoded as an {@code m x classes} tensor.
     *
     * @return the one-hot targets.
     */
    public Tensor oneHotTargets() {
        DMatrixRMaj y = new DMatrixRMaj(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            y.unsafe_set(i, labels[i], 1.0);
        }
        return Tensor.adopt(y);
    }

    /**
     * The examples at the given rows, in that order (for mini-batches and splits).
     *
     * @param rows row indices, each in {@code [0, size())}; repeats allowed. Not modified.
     * @return a new dataset.
     * @throws ChainruleException if {@code rows} is null or empty or holds an index out of range.
     */
    public Dataset subset(int[] rows) {
        if (rows == null || rows.length == 0) {
            throw new ChainruleException("dataset: a subset needs at least one row");
        }
        DMatrixRMaj source = features.matrixView();
        int n = source.numCols;
        DMatrixRMaj out = new DMatrixRMaj(rows.length, n);
        int[] picked = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= size()) {
                throw new ChainruleException("dataset: row " + rows[i] + " is outside [0, " + size() + ")");
            }
            System.arraycopy(source.data, rows[i] * n, out.data, i * n, n);
            picked[i] = labels[rows[i]];
        }
        return new Dataset(Tensor.adopt(out), picked, classes);
    }

    /**
     * Shuffles the examples with a seed and splits them into a training and a test part.
     *
     * @param trainRatio the fraction for training, in {@code (0, 1)}; both parts get at least one example.
     * @param seed the shuffle's seed.
     * @return the two parts.
     * @throws ChainruleException if the ratio is not strictly between 0 and 1, or there are
     *     fewer than two examples.
     */
    public Split split(double trainRatio, long seed) {
        if (!(trainRatio > 0 && trainRatio < 1)) {
            throw new ChainruleException("dataset: train ratio must lie strictly between 0 and 1, got " + trainRatio);
        }
        if (size() < 2) {
            throw new ChainruleException("dataset: cannot split " + size() + " example(s) into two parts");
        }
        int[] order = permutation(size(), new Random(seed));
        int trainSize = (int) Math.round(trainRatio * size());
        trainSize = Math.max(1, Math.min(size() - 1, trainSize));
        return new Split(subset(Arrays.copyOfRange(order, 0, trainSize)),
                subset(Arrays.copyOfRange(order, trainSize, size())));
    }

    /**
     * A uniformly random permutation of {@code 0..n-1} (Fisher–Yates), reproducible for a seeded source.
     *
     * @param n the length.
     * @param random the source of randomness. Modified (advanced).
     * @return the permutation.
     * @throws ChainruleException if {@code n} is negative or {@code random} is null.
     */
    public static int[] permutation(int n, Random random) {
        if (n < 0) {
            throw new ChainruleException("permutation: length " + n + " is negative");
        }
        ChainruleException.requireNonNull(random, "permutation: random");
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * A training part and a held-out test part.
     *
     * @param train the examples to train on.
     * @param test the held-out examples.
     */
    public record Split(Dataset train, Dataset test) {
    }
}
