package org.chainrule.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * An immutable two-dimensional array of doubles, Chainrule's value type, stored in an EJML
 * {@link DMatrixRMaj} (dense, row-major). A scalar is {@code 1x1}; vectors are {@code 1xn}
 * (row) or {@code nx1} (column).
 *
 * <p><b>No empty tensors.</b> Every tensor has at least one row and one column: asking for a
 * {@code 0xn} or {@code mx0} tensor (no rows, an empty row, {@code zeros(0, 3)}) throws a
 * {@link ChainruleException} at once (see {@link Shape}).
 *
 * <p><b>Non-finite entries.</b> A tensor may hold NaN and infinities; arithmetic on them
 * follows IEEE 754 ({@code log 0 = -infinity}, {@code 0 * infinity = NaN}). Places where a
 * non-finite value can only be a mistake refuse it (a dataset's features, a loss's
 * probability targets); to find where a NaN first appears in a computation, turn on a
 * graph's anomaly detection.
 *
 * <p>Tensors never change after construction: factories copy what they are given, and
 * {@link #toMatrix()} and {@link #toArray()} hand out copies. The one exception to copying,
 * {@link #adopt(DMatrixRMaj)}, is for kernels and the graph engine, which give up the matrix
 * they pass in.
 */
public final class Tensor {
    /** Tensors with at most this many rows and columns print in full. */
    private static final int PRINT_LIMIT = 8;

    private final DMatrixRMaj data;
    private final Shape shape;

    private Tensor(DMatrixRMaj data) {
        if (data.numRows < 1 || data.numCols < 1) {
            throw new ChainruleException("cannot make a " + data.numRows + "x" + data.numCols
                    + " tensor: Chainrule tensors have at least one row and one column");
        }
        this.data = data;
        this.shape = new Shape(data.numRows, data.numCols);
    }

    /**
     * A tensor from rows of values, e.g. {@code Tensor.of(new double[][] {{1, 2}, {3, 4}})}.
     *
     * @param rows the rows, all the same non-zero length. Not modified.
     * @return a new tensor holding a copy.
     * @throws ChainruleException if there are no rows, a row is empty or the rows are ragged.
     */
    public static Tensor of(double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new ChainruleException("Tensor.of: no rows given: a tensor needs at least one row");
        }
        int cols = rows[0] == null ? 0 : rows[0].length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != cols || cols == 0) {
                throw new ChainruleException("Tensor.of: row " + r + " has "
                        + (rows[r] == null ? "no values" : rows[r].length + " values")
                        + " but row 0 has " + cols + ": rows must be non-empty and all the same length");
            }
        }
        return new Tensor(new DMatrixRMaj(rows));
    }

    /**
     * A {@code 1xn} row vector.
     *
     * @param values the entries. Not modified.
     * @return a new row vector.
     * @throws ChainruleException if {@code values} is null or empty.
     */
    public static Tensor row(double... values) {
        requireSome("Tensor.row", values);
        return new Tensor(new DMatrixRMaj(1, values.length, true, values));
    }

    /**
     * An {@code nx1} column vector.
     *
     * @param values the entries. Not modified.
     * @return a new column vector.
     * @throws ChainruleException if {@code values} is null or empty.
     */
    public static Tensor column(double... values) {
        requireSome("Tensor.column", values);
        return new Tensor(new DMatrixRMaj(values.length, 1, true, values));
    }

    /**
     * A {@code 1x1} scalar.
     *
     * @param value the value.
     * @return a new scalar tensor.
     */
    public static Tensor scalar(double value) {
        DMatrixRMaj m = new DMatrixRMaj(1, 1);
        m.data[0] = value;
        return new Tensor(m);
    }

    /**
     * A tensor of zeros.
     *
     * @param rows number of rows, at least 1.
     * @param cols number of columns, at least 1.
     * @return a new tensor of zeros.
     * @throws ChainruleException if a dimension is less than 1.
     */
    public static Tensor zeros(int rows, int cols) {
        return filled(rows, cols, 0.0);
    }

    /**
     * A tensor with every entry equal to {@code value}.
     *
     * @param rows number of rows, at least 1.
     * @param cols number of columns, at least 1.
     * @param value the entry.
     * @return a new tensor.
     * @throws ChainruleException if a dimension is less than 1.
     */
    public static Tensor filled(int rows, int cols, double value) {
        Shape shape = new Shape(rows, cols);
        DMatrixRMaj m = new DMatrixRMaj(shape.rows(), shape.cols());
        Arrays.fill(m.data, 0, shape.size(), value);
        return new Tensor(m);
    }

    /**
     * A tensor with entries drawn uniformly from {@code [low, high)}, reproducible for a seed.
     *
     * @param rows number of rows, at least 1.
     * @param cols number of columns, at least 1.
     * @param low lower bound (inclusive).
     * @param high upper bound (exclusive), greater than {@code low}.
     * @param seed the random seed.
     * @return a new tensor.
     * @throws ChainruleException if a dimension is less than 1 or the bounds are not finite with {@code low < high}.
     */
    public static Tensor uniform(int rows, int cols, double low, double high, long seed) {
        return uniform(rows, cols, low, high, new Random(seed));
    }

    /**
     * A tensor with entries drawn uniformly from {@code [low, high)}.
     *
     * @param rows number of rows, at least 1.
     * @param cols number of columns, at least 1.
     * @param low lower bound (inclusive).
     * @param high upper bound (exclusive), greater than {@code low}.
     * @param random the source of randomness. Modified (advanced).
     * @return a new tensor.
     * @throws ChainruleException if a dimension is less than 1, the bounds are not finite with
     *     {@code low < high}, or {@code random} is null.
     */
    public static Tensor uniform(int rows, int cols, double low, double high, Random random) {
        if (!(low < high) || !Double.isFinite(high - low)) {
            throw new ChainruleException("Tensor.uniform: need finite low < high, got [" + low + ", " + high + ")");
        }
        ChainruleException.requireNonNull(random, "Tensor.uniform: random");
        Shape shape = new Shape(rows, cols);
        DMatrixRMaj m = new DMatrixRMaj(shape.rows(), shape.cols());
        for (int i = 0; i < shape.size(); i++) {
            m.data[i] = low + (high - low) * random.nextDouble();
        }
        return new Tensor(m);
    }

    /**
     * A tensor with entries drawn from a normal distribution with mean 0 and the given
     * standard deviation, reproducible for a seeded {@code random}.
     *
     * @param rows number of rows, at least 1.
     * @param cols number of columns, at least 1.
     * @param stddev the standard deviation, finite and non-negative.
     * @param random the source of randomness. Modified (advanced).
     * @return a new tensor.
     * @throws ChainruleException if a dimension is less than 1, the standard deviation is
     *     negative or not finite, or {@code random} is null.
     */
    public static Tensor normal(int rows, int cols, double stddev, Random random) {
        if (!(stddev >= 0) || !Double.isFinite(stddev)) {
            throw new ChainruleException("Tensor.normal: standard deviation must be finite and >= 0, got " + stddev);
        }
        ChainruleException.requireNonNull(random, "Tensor.normal: random");
        Shape shape = new Shape(rows, cols);
        DMatrixRMaj m = new DMatrixRMaj(shape.rows(), shape.cols());
        for (int i = 0; i < shape.size(); i++) {
            m.data[i] = stddev * random.nextGaussian();
        }
        return new Tensor(m);
    }

    /**
     * A tensor holding a copy of an EJML matrix.
     *
     * @param matrix the source. Not modified.
     * @return a new tensor.
     * @throws ChainruleException if {@code matrix} is null or has no rows or no columns.
     */
    public static Tensor copyOf(DMatrixRMaj matrix) {
        return new Tensor(ChainruleException.requireNonNull(matrix, "Tensor.copyOf: matrix").copy());
    }

    /**
     * A tensor that takes ownership of {@code matrix} without copying it. For kernels and the
     * graph engine, which produce a fresh matrix and never touch it again: the caller must
     * not modify {@code matrix} afterwards, or the "immutable" tensor changes under its users.
     *
     * @param matrix the matrix to wrap. Must not be modified afterwards.
     * @return a tensor backed by {@code matrix}.
     * @throws ChainruleException if {@code matrix} is null or has no rows or no columns.
     */
    public static Tensor adopt(DMatrixRMaj matrix) {
        return new Tensor(ChainruleException.requireNonNull(matrix, "Tensor.adopt: matrix"));
    }

    private static void requireSome(String where, double[] values) {
        if (values == null || values.length == 0) {
            throw new ChainruleException(where + ": no values given: a tensor needs at least one entry");
        }
    }

    /**
     * The shape.
     *
     * @return {@code rows x cols}.
     */
    public Shape shape() {
        return shape;
    }

    /**
     * Number of rows.
     *
     * @return the row count.
     */
    public int rows() {
        return data.numRows;
    }

    /**
     * Number of columns.
     *
     * @return the column count.
     */
    public int cols() {
        return data.numCols;
    }

    /**
     * Number of elements.
     *
     * @return {@code rows * cols}.
     */
    public int size() {
        return data.getNumElements();
    }

    /**
     * One entry.
     *
     * @param row zero-based row.
     * @param col zero-based column.
     * @return the entry at {@code (row, col)}.
     * @throws ChainruleException if the index lies outside the shape.
     */
    public double get(int row, int col) {
        if (row < 0 || row >= data.numRows || col < 0 || col >= data.numCols) {
            throw new ChainruleException("index (" + row + ", " + col + ") is outside a " + shape() + " tensor");
        }
        return data.unsafe_get(row, col);
    }

    /**
     * The entry at a flat row-major index, {@code row * cols + col}.
     *
     * @param index zero-based flat index.
     * @return the entry.
     * @throws ChainruleException if the index lies outside {@code [0, size())}.
     */
    public double getFlat(int index) {
        if (index < 0 || index >= size()) {
            throw new ChainruleException("flat index " + index + " is outside a " + shape() + " tensor");
        }
        return data.data[index];
    }

    /**
     * The value of a {@code 1x1} tensor.
     *
     * @return the only entry.
     * @throws ShapeMismatchException if this is not {@code 1x1}.
     */
    public double item() {
        if (!shape().isScalar()) {
            throw new ShapeMismatchException("item: a " + shape() + " tensor has " + size()
                    + " entries; item() needs a 1x1 tensor");
        }
        return data.data[0];
    }

    /**
     * A copy of the entries as an array of rows.
     *
     * @return a new {@code double[rows][cols]}.
     */
    public double[][] toArray() {
        double[][] out = new double[data.numRows][data.numCols];
        for (int r = 0; r < data.numRows; r++) {
            System.arraycopy(data.data, r * data.numCols, out[r], 0, data.numCols);
        }
        return out;
    }

    /**
     * A copy of the backing EJML matrix, free to modify.
     *
     * @return a new matrix.
     */
    public DMatrixRMaj toMatrix() {
        return data.copy();
    }

    /**
     * The backing matrix itself, for kernels that only read it. Callers must not modify it.
     *
     * @return the backing matrix. Must not be modified.
     */
    public DMatrixRMaj matrixView() {
        return data;
    }

    /**
     * Whether every entry is within {@code tolerance} of the other tensor's entry
     * ({@code |a - b| <= tolerance}), with the same shape. NaN never equals anything.
     *
     * @param other the tensor to compare with.
     * @param tolerance the largest absolute difference allowed, non-negative.
     * @return true if the shapes match and all entries are close.
     * @throws ChainruleException if {@code other} is null.
     */
    public boolean approxEquals(Tensor other, double tolerance) {
        ChainruleException.requireNonNull(other, "Tensor.approxEquals: other");
        if (data.numRows != other.data.numRows || data.numCols != other.data.numCols) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            double a = data.data[i];
            double b = other.data.data[i];
            if (!(a == b || Math.abs(a - b) <= tolerance)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every entry is finite (neither NaN nor infinite).
     *
     * @return true if all entries are finite.
     */
    public boolean isFinite() {
        for (int i = 0; i < size(); i++) {
            if (!Double.isFinite(data.data[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Frobenius norm, {@code sqrt(sum of squares)}.
     *
     * @return the norm.
     */
    public double norm() {
        double sum = 0;
        for (int i = 0; i < size(); i++) {
            sum += data.data[i] * data.data[i];
        }
        return Math.sqrt(sum);
    }

    /** Exact equality: same shape and bitwise-equal entries (as {@link Double#equals}). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor t) || t.rows() != rows() || t.cols() != cols()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (Double.doubleToLongBits(data.data[i]) != Double.doubleToLongBits(t.data.data[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 31 * rows() + cols();
        for (int i = 0; i < size(); i++) {
            h = 31 * h + Double.hashCode(data.data[i]);
        }
        return h;
    }

    /**
     * A readable rendering. Tensors up to 8x8 print in full, e.g. {@code 2x2 [[1, 2], [3, 4]]};
     * larger ones print their shape, the first rows and columns, and their norm.
     */
    @Override
    public String toString() {
        int rows = rows();
        int cols = cols();
        boolean full = rows <= PRINT_LIMIT && cols <= PRINT_LIMIT;
        int showRows = Math.min(rows, full ? rows : 3);
        int showCols = Math.min(cols, full ? cols : 4);
        StringBuilder sb = new StringBuilder().append(shape()).append(" [");
        for (int r = 0; r < showRows; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < showCols; c++) {
                sb.append(c == 0 ? "" : ", ").append(format(data.unsafe_get(r, c)));
            }
            sb.append(showCols < cols ? ", ...]" : "]");
        }
        sb.append(showRows < rows ? ", ...]" : "]");
        if (!full) {
            sb.append(" norm=").append(format(norm()));
        }
        return sb.toString();
    }

    /**
     * Formats a number the way tensors print: up to six significant digits, no trailing zeros.
     *
     * @param v the number.
     * @return its short rendering, e.g. {@code 0.670344}, {@code -2}, {@code 1.5e-07}, {@code NaN}.
     */
    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (v == 0 && 1 / v < 0) ? "-0" : Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            String mantissa = s.substring(0, s.indexOf('e'));
            String exponent = s.substring(s.indexOf('e'));
            return stripZeros(mantissa) + exponent;
        }
        return stripZeros(s);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
