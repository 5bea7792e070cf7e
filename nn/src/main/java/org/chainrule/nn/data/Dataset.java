package org.chainrule.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Memory;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * An immutable dataset with examples as rows: one or more input matrices, each {@code m x n_i}
 * (m examples), and {@link Targets}: class indices, one-hot rows or real values.
 *
 * <p>Most datasets have one input, the {@link #features()}; a model with several inputs (two
 * feature groups, or whole-number token indices beside real features) gets one matrix per
 * input, in the order the model takes them. A whole-number input such as embedding indices
 * is a matrix of whole numbers.
 *
 * <p>Inputs must be finite: a NaN or infinity in a dataset can only be a mistake (a failed
 * parse, a division by zero while normalising), and it would turn every loss it touches into
 * NaN, so it is refused when the dataset is made.
 */
public final class Dataset {
    /** Copies larger than this (bytes) are checked against the JVM's free memory first. */
    private static final long LARGE_COPY = 1 << 20;
    private final List<Tensor> inputs;
    private final Targets targets;

    /**
     * A classification dataset with one input.
     *
     * @param features the examples, one per row. Not modified.
     * @param labels one class label per row, each in {@code [0, classes)}. Not modified (copied).
     * @param classes the number of classes, at least 2.
     * @throws ChainruleException if the counts disagree, a label is out of range, a feature is
     *     not finite, or an argument is null.
     */
    public Dataset(Tensor features, int[] labels, int classes) {
        this(List.of(ChainruleException.requireNonNull(features, "dataset: features")), Targets.classIndices(
                ChainruleException.requireNonNull(labels, "dataset: labels"), classes));
    }

    /**
     * A dataset with any number of inputs and any kind of targets.
     *
     * @param inputs the input matrices, at least one, each with one row per example. Not modified (copied).
     * @param targets one target row per example.
     * @throws ChainruleException if the row counts disagree, an input has a value that is not
     *     finite, there is no input, or an argument is null.
     */
    public Dataset(List<Tensor> inputs, Targets targets) {
        ChainruleException.requireNonNull(inputs, "dataset: the list of inputs");
        ChainruleException.requireNonNull(targets, "dataset: targets");
        if (inputs.isEmpty()) {
            throw new ChainruleException("dataset: needs at least one input matrix");
        }
        for (int k = 0; k < inputs.size(); k++) {
            Tensor input = ChainruleException.requireNonNull(inputs.get(k), "dataset: input " + k);
            String which = inputs.size() == 1 ? "" : " of input " + k;
            if (input.rows() != targets.size()) {
                throw new ChainruleException("dataset: " + input.rows() + " examples" + which + " but "
                        + targets.size() + " targets: there must be one target row per example");
            }
            DMatrixRMaj x = input.matrixView();
            for (int i = 0; i < x.getNumElements(); i++) {
                if (!Double.isFinite(x.data[i])) {
                    throw new ChainruleException("dataset: feature " + (i % x.numCols) + which + " of example "
                            + (i / x.numCols) + " is " + x.data[i] + ": features must be finite numbers");
                }
            }
        }
        this.inputs = List.copyOf(inputs);
        this.targets = targets;
    }

    /**
     * A regression dataset: one input and real-valued targets.
     *
     * @param features the examples, one per row. Not modified.
     * @param values the targets, one row per example, one or more columns. Not modified.
     * @return the dataset.
     * @throws ChainruleException if the counts disagree, a value is not finite, or an argument is null.
     */
    public static Dataset regression(Tensor features, Tensor values) {
        return new Dataset(List.of(ChainruleException.requireNonNull(features, "dataset: features")),
                Targets.values(values));
    }

    /**
     * The input matrices, in the order a model takes them.
     *
     * @return an unmodifiable list, at least one.
     */
    public List<Tensor> inputs() {
        return inputs;
    }

    /**
     * The examples of a one-input dataset, one per row.
     *
     * @return the {@code m x n} feature tensor.
     * @throws ChainruleException if the dataset has several inputs (use {@link #inputs()}).
     */
    public Tensor features() {
        if (inputs.size() != 1) {
            throw new ChainruleException("dataset: features() is the single input, but this dataset has "
                    + inputs.size() + " inputs: use inputs()");
        }
        return inputs.get(0);
    }

    /**
     * The targets.
     *
     * @return one row per example.
     */
    public Targets targets() {
        return targets;
    }

    /**
     * The class labels.
     *
     * @return a copy of the labels, one per example.
     * @throws ChainruleException if the targets are values, not classes.
     */
    public int[] labels() {
        return targets.labels();
    }

    /**
     * One example's label.
     *
     * @param example the row index.
     * @return its class.
     * @throws ChainruleException if the index is outside {@code [0, size())} or the targets are values.
     */
    public int label(int example) {
        return targets.label(example);
    }

    /**
     * The number of classes.
     *
     * @return at least 2.
     * @throws ChainruleException if the targets are values, not classes.
     */
    public int classes() {
        return targets.classes();
    }

    /**
     * The number of examples, {@code m}.
     *
     * @return the row count.
     */
    public int size() {
        return targets.size();
    }

    /**
     * The number of features per example of the first input, {@code n}.
     *
     * @return the column count.
     */
    public int featureCount() {
        return inputs.get(0).cols();
    }

    /**
     * The labels as an {@code m x 1} column of 0s and 1s, the target of a binary
     * (sigmoid-output) classifier.
     *
     * @return the label column.
     * @throws ChainruleException if there are more than two classes, or the targets are values.
     */
    public Tensor binaryTargets() {
        if (classes() != 2) {
            throw new ChainruleException("dataset: binaryTargets needs 2 classes, this set has " + classes()
                    + "; use oneHotTargets()");
        }
        int[] labels = targets.labels();
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
     * @throws ChainruleException if the targets are values.
     */
    public Tensor oneHotTargets() {
        if (targets.kind() == Targets.Kind.ONE_HOT) {
            return targets.matrix();
        }
        int[] labels = targets.labels();
        DMatrixRMaj y = new DMatrixRMaj(labels.length, classes());
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
        for (int row : rows) {
            if (row < 0 || row >= size()) {
                throw new ChainruleException("dataset: row " + row + " is outside [0, " + size() + ")");
            }
        }
        // the inputs, the targets' matrix and, for classes, their indices
        long bytes = (8L * targets.matrix().cols() + (targets.isClassification() ? 4 : 0)) * rows.length;
        for (Tensor input : inputs) {
            bytes += 8L * rows.length * input.cols();
        }
        // a mini-batch is far below this; a split of a large set is checked before it is copied
        if (bytes > LARGE_COPY && !Memory.fits(bytes)) {
            throw new ChainruleException("dataset: a subset of " + rows.length + " examples " + Memory.shortOf(bytes));
        }
        List<Tensor> picked = new ArrayList<>(inputs.size());
        for (Tensor input : inputs) {
            DMatrixRMaj source = input.matrixView();
            int n = source.numCols;
            DMatrixRMaj out = new DMatrixRMaj(rows.length, n);
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(source.data, rows[i] * n, out.data, i * n, n);
            }
            picked.add(Tensor.adopt(out));
        }
        return new Dataset(picked, targets.subset(rows));
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
