package org.chainrule.graph;

import java.util.List;
import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;

/**
 * An operation of one input that works slice by slice: on each row ({@link Axis#EACH_ROW}),
 * each column ({@link Axis#EACH_COLUMN}) or, for a reduction, the whole matrix (no axis).
 * A normalisation (softmax, log-softmax) keeps the input's shape; a reduction (sum, max) gives
 * an {@code mx1} column for each row, a {@code 1xn} row for each column, {@code 1x1} for the
 * whole matrix. Its name is the base name with the axis, e.g. {@code softmax(rows)}.
 */
public abstract class AxisOperation extends NamedOperation {
    private final Axis axis;
    private final boolean reduces;

    /**
     * An operation along an axis.
     *
     * @param name the base name, e.g. {@code "sum"}.
     * @param axis the axis, or null for the whole matrix (reductions only).
     * @param reduces true for a reduction, false for an operation that keeps the input's shape.
     */
    protected AxisOperation(String name, Axis axis, boolean reduces) {
        super(name + (axis == null ? "" : axis == Axis.EACH_ROW ? "(rows)" : "(columns)"), 1);
        this.axis = axis;
        this.reduces = reduces;
    }

    /**
     * Refuses a null axis with the operation's own message (what to give instead).
     *
     * @param axis the axis.
     * @param message the message, e.g. {@code "softmax: the axis is null: give ..."}.
     * @return {@code axis}.
     * @throws ChainruleException if {@code axis} is null.
     */
    protected static Axis required(Axis axis, String message) {
        if (axis == null) {
            throw new ChainruleException(message);
        }
        return axis;
    }

    /**
     * The axis this operation works along.
     *
     * @return the axis, or null for the whole matrix.
     */
    public final Axis axis() {
        return axis;
    }

    @Override
    public final Shape outputShape(List<Shape> inputs) {
        Shape x = inputs.get(0);
        if (!reduces) {
            return x;
        }
        return axis == null ? Shape.scalar() : axis == Axis.EACH_ROW ? new Shape(x.rows(), 1) : new Shape(1, x.cols());
    }
}
