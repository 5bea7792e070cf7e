package org.chainrule.core;

/**
 * The shape of a 2-D tensor: {@code rows x cols}. A scalar is {@code 1x1}; a row vector is
 * {@code 1xn}; a column vector is {@code nx1}.
 *
 * <p><b>No empty tensors.</b> Every shape has at least one row and one column: a {@code 0xn}
 * or {@code mx0} shape is refused with a {@link ChainruleException} wherever it would arise
 * (a tensor, a dataset subset, a layer's width). A batch of zero examples is almost always a
 * bug upstream, and refusing it where it first appears gives a clearer error than a
 * {@code NaN} mean or a silently empty gradient later. The element count must also fit in
 * one Java array (at most {@value #MAX_SIZE} entries).
 *
 * @param rows number of rows, at least 1.
 * @param cols number of columns, at least 1.
 */
public record Shape(int rows, int cols) {
    /** The most entries a tensor can hold: the largest array the JVM reliably allocates. */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    /**
     * Validates the dimensions.
     *
     * @param rows number of rows, at least 1.
     * @param cols number of columns, at least 1.
     * @throws ChainruleException if either dimension is less than 1 (Chainrule has no empty
     *     tensors), or if {@code rows * cols} exceeds {@link #MAX_SIZE}.
     */
    public Shape {
        if (rows < 1 || cols < 1) {
            throw new ChainruleException("shape " + rows + "x" + cols
                    + " is empty or negative: Chainrule tensors have at least one row and one column");
        }
        if ((long) rows * cols > MAX_SIZE) {
            throw new ChainruleException("shape " + rows + "x" + cols + " has " + (long) rows * cols
                    + " entries, more than one tensor can hold (" + MAX_SIZE + ")");
        }
    }

    /**
     * The shape of a 1x1 scalar.
     *
     * @return {@code 1x1}.
     */
    public static Shape scalar() {
        return new Shape(1, 1);
    }

    /**
     * Number of elements, {@code rows * cols}.
     *
     * @return the element count.
     */
    public int size() {
        return rows * cols;
    }

    /**
     * Whether this is the 1x1 scalar shape.
     *
     * @return true for {@code 1x1}.
     */
    public boolean isScalar() {
        return rows == 1 && cols == 1;
    }

    /**
     * Equal when both dimensions are (written out: the record's generated equals is slower on
     * this hot path, where every recorded operation compares shapes).
     *
     * @param other any object.
     * @return whether {@code other} is a shape with the same rows and columns.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Shape s && s.rows == rows && s.cols == cols;
    }

    @Override
    public int hashCode() {
        return 31 * rows + cols;
    }

    /** Formats as {@code rowsxcols}, e.g. {@code 2x3}. */
    @Override
    public String toString() {
        return rows + "x" + cols;
    }
}
