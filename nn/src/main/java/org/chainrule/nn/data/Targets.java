package org.chainrule.nn.data;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * What a dataset's examples should produce, one row per example: class indices, one-hot rows,
 * or real values (one or more columns). Immutable.
 *
 * <p>Classification targets ({@link Kind#CLASS_INDICES}, {@link Kind#ONE_HOT}) know their
 * number of classes and each example's class; value targets ({@link Kind#VALUES}) are the
 * {@code m x k} matrix a regression model is trained to reproduce.
 */
public final class Targets {
    /** The form of the targets. */
    public enum Kind {
        /** One whole-number class per example, in {@code [0, classes)}. */
        CLASS_INDICES,
        /** One row per example with a single 1 in its class's column and 0 elsewhere. */
        ONE_HOT,
        /** Real values, one or more columns: a regression target. */
        VALUES
    }

    private final Kind kind;
    private final Tensor matrix;
    private final int[] labels;
    private final int classes;

    private Targets(Kind kind, Tensor matrix, int[] labels, int classes) {
        this.kind = kind;
        this.matrix = matrix;
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * Class indices.
     *
     * @param labels one class per example, each in {@code [0, classes)}. Not modified (copied).
     * @param classes the number of classes, at least 2.
     * @return the targets.
     * @throws ChainruleException if there are fewer than 2 classes, a label is out of range or
     *     {@code labels} is null.
     */
    public static Targets classIndices(int[] labels, int classes) {
        ChainruleException.requireNonNull(labels, "targets: labels");
        if (classes < 2) {
            throw new ChainruleException("targets: need at least 2 classes, got " + classes);
        }
        double[] column = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new ChainruleException("targets: label " + labels[i] + " of example " + i
                        + " is outside [0, " + classes + ")");
            }
            column[i] = labels[i];
        }
        return new Targets(Kind.CLASS_INDICES, Tensor.column(column), labels.clone(), classes);
    }

    /**
     * One-hot rows; the number of classes is the number of columns.
     *
     * @param rows {@code m x k}, {@code k >= 2}, each row all 0 but for one 1. Not modified.
     * @return the targets.
     * @throws ChainruleException if a row is not one-hot, there are fewer than 2 columns, or
     *     {@code rows} is null.
     */
    public static Targets oneHot(Tensor rows) {
        ChainruleException.requireNonNull(rows, "targets: one-hot rows");
        DMatrixRMaj y = rows.matrixView();
        if (y.numCols < 2) {
            throw new ChainruleException("targets: one-hot rows need at least 2 columns (classes), got " + y.numCols);
        }
        int[] labels = new int[y.numRows];
        for (int r = 0; r < y.numRows; r++) {
            int ones = 0;
            for (int c = 0; c < y.numCols; c++) {
                double v = y.unsafe_get(r, c);
                if (v == 1) {
                    ones++;
                    labels[r] = c;
                } else if (v != 0) {
                    ones = -1;
                    break;
                }
            }
            if (ones != 1) {
                throw new ChainruleException("targets: row " + r + " is not one-hot (a single 1, the rest 0): "
                        + java.util.Arrays.toString(rows.toArray()[r]));
            }
        }
        return new Targets(Kind.ONE_HOT, rows, labels, y.numCols);
    }

    /**
     * Real-valued targets for regression.
     *
     * @param values {@code m x k}, every entry finite. Not modified.
     * @return the targets.
     * @throws ChainruleException if a value is NaN or infinite, or {@code values} is null.
     */
    public static Targets values(Tensor values) {
        ChainruleException.requireNonNull(values, "targets: values");
        DMatrixRMaj y = values.matrixView();
        for (int i = 0; i < y.getNumElements(); i++) {
            if (!Double.isFinite(y.data[i])) {
                throw new ChainruleException("targets: value " + y.data[i] + " of example " + i / y.numCols
                        + ", column " + i % y.numCols + " is not finite");
            }
        }
        return new Targets(Kind.VALUES, values, null, 0);
    }

    /**
     * The form of the targets.
     *
     * @return class indices, one-hot or values.
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Whether these are classes (indices or one-hot) rather than values.
     *
     * @return {@code kind() != VALUES}.
     */
    public boolean isClassification() {
        return kind != Kind.VALUES;
    }

    /**
     * The targets as stored: an {@code m x 1} column of class indices, one-hot rows, or values.
     *
     * @return the matrix.
     */
    public Tensor matrix() {
        return matrix;
    }

    /**
     * The number of examples.
     *
     * @return {@code m}.
     */
    public int size() {
        return matrix.rows();
    }

    /**
     * The number of classes.
     *
     * @return at least 2.
     * @throws ChainruleException for value targets.
     */
    public int classes() {
        requireClasses("classes()");
        return classes;
    }

    /**
     * Each example's class.
     *
     * @return a copy, one index per example.
     * @throws ChainruleException for value targets.
     */
    public int[] labels() {
        requireClasses("labels()");
        return labels.clone();
    }

    /**
     * One example's class.
     *
     * @param example the row.
     * @return its class.
     * @throws ChainruleException for value targets or a row outside {@code [0, size())}.
     */
    public int label(int example) {
        requireClasses("label(i)");
        if (example < 0 || example >= labels.length) {
            throw new ChainruleException("targets: example " + example + " is outside [0, " + labels.length + ")");
        }
        return labels[example];
    }

    /**
     * The targets at the given rows, in that order.
     *
     * @param rows row indices, each checked by the caller to lie in {@code [0, size())}. Not modified.
     * @return the same kind of targets for those rows.
     */
    Targets subset(int[] rows) {
        DMatrixRMaj source = matrix.matrixView();
        int k = source.numCols;
        DMatrixRMaj out = new DMatrixRMaj(rows.length, k);
        int[] picked = labels == null ? null : new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(source.data, rows[i] * k, out.data, i * k, k);
            if (picked != null) {
                picked[i] = labels[rows[i]];
            }
        }
        return new Targets(kind, Tensor.adopt(out), picked, classes);
    }

    private void requireClasses(String what) {
        if (labels == null) {
            throw new ChainruleException("targets: " + what + " needs class targets, but these are "
                    + matrix.cols() + " column(s) of real values (regression)");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CLASS_INDICES -> size() + " class indices of " + classes + " classes";
            case ONE_HOT -> size() + " one-hot rows of " + classes + " classes";
            case VALUES -> size() + " x " + matrix.cols() + " real values";
        };
    }
}
