package org.chainrule.testing;

import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;

/**
 * Two operands of a broadcasting binary operation ({@code add}, {@code mul}, {@code sub}),
 * in one of the layouts the graph supports.
 *
 * @param layout which operand is repeated, and along what.
 * @param left the left operand.
 * @param right the right operand.
 */
public record BroadcastPair(Layout layout, Tensor left, Tensor right) {

    /** Which operand is the small one, and how it repeats over the full {@code m x n} one. */
    public enum Layout {
        /** Both {@code m x n}. */
        SAME_SHAPE,
        /** {@code m x n} with a {@code 1 x n} row bias on the right (examples as rows). */
        ROW_ON_RIGHT,
        /** A {@code 1 x n} row on the left of an {@code m x n}. */
        ROW_ON_LEFT,
        /** {@code m x n} with an {@code m x 1} column bias on the right (examples as columns). */
        COLUMN_ON_RIGHT,
        /** An {@code m x 1} column on the left of an {@code m x n}. */
        COLUMN_ON_LEFT,
        /** {@code m x n} with a {@code 1 x 1} scalar on the right. */
        SCALAR_ON_RIGHT,
        /** A {@code 1 x 1} scalar on the left of an {@code m x n}. */
        SCALAR_ON_LEFT;

        /**
         * The small operand's shape for a full operand of shape {@code full}.
         *
         * @param full the full operand's shape.
         * @return the other operand's shape.
         */
        public Shape smallShape(Shape full) {
            return switch (this) {
                case SAME_SHAPE -> full;
                case ROW_ON_RIGHT, ROW_ON_LEFT -> new Shape(1, full.cols());
                case COLUMN_ON_RIGHT, COLUMN_ON_LEFT -> new Shape(full.rows(), 1);
                case SCALAR_ON_RIGHT, SCALAR_ON_LEFT -> Shape.scalar();
            };
        }

        /**
         * Whether the small operand is the left one.
         *
         * @return true for the {@code ..._ON_LEFT} layouts.
         */
        public boolean smallOnLeft() {
            return this == ROW_ON_LEFT || this == COLUMN_ON_LEFT || this == SCALAR_ON_LEFT;
        }
    }

    /** E.g. {@code ROW_ON_RIGHT: left = 2x2 [[1, 2], [3, 4]], right = 1x2 [[5, 6]]}. */
    @Override
    public String toString() {
        return layout + ": left = " + left + ", right = " + right;
    }
}
