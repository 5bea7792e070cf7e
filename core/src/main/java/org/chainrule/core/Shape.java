package org.chainrule.core;

/**
 * The shape of a 2-D tensor: {@code rows x cols}. A scalar is {@code 1x1}; a row vector is
 * {@code 1xn}; a column vector is {@code nx1}.
 *
 * @param rows number of rows, at least 1.
 * @param cols number of columns, at least 1.
 */
public record Shape(int rows, int cols) {

    /**
     * Validates the dimensions.
     *
     * @throws ChainruleException if either dimension is less than 1: Chainrule has no empty tensors.
     */
    public Shape {
        if (rows < 1 || cols < 1) {
            throw new ChainruleException("shape " + rows + "x" + cols
                    + " is empty or negative: Chainrule tensors have at least one row and one column");
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

    /** Formats as {@code rowsxcols}, e.g. {@code 2x3}. */
    @Override
    public String toString() {
        return rows + "x" + cols;
    }
}
