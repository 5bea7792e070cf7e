package org.chainrule.core;

/**
 * Which slices an axis-wise operation (softmax, sum, mean) works on.
 *
 * <ul>
 *   <li>{@link #EACH_ROW}: one result per row. Softmax normalises every row (NumPy
 *       {@code axis=1}, examples-as-rows layout); sum gives an {@code mx1} column.</li>
 *   <li>{@link #EACH_COLUMN}: one result per column. Softmax normalises every column (NumPy
 *       {@code axis=0}, examples-as-columns layout); sum gives a {@code 1xn} row.</li>
 * </ul>
 */
public enum Axis {
    /** Work along each row: one result per row. */
    EACH_ROW,
    /** Work along each column: one result per column. */
    EACH_COLUMN
}
