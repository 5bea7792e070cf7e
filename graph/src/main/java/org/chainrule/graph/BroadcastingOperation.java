package org.chainrule.graph;

import java.util.List;
import org.chainrule.core.Broadcast;
import org.chainrule.core.Shape;

/**
 * An element-wise operation of two inputs that broadcasts, as {@code add} and {@code mul} do:
 * same shapes, or a {@code 1xn} row, an {@code mx1} column or a {@code 1x1} scalar repeated
 * over the other operand, in either order (the rule of {@link Broadcast}). A subclass writes
 * its forward rule and its VJP in the output's shape; the engine sums the VJP of a repeated
 * operand back to its shape.
 */
public abstract class BroadcastingOperation extends NamedOperation {
    /**
     * A broadcasting operation of two inputs.
     *
     * @param name the name shown in traces and error messages.
     */
    protected BroadcastingOperation(String name) {
        super(name, 2);
    }

    @Override
    public final Shape outputShape(List<Shape> inputs) {
        return Broadcast.resultShape(name(), inputs.get(0), inputs.get(1));
    }

    /** Always: an input smaller than the output gets its VJP in the output's shape. */
    @Override
    public final boolean broadcastsInputs() {
        return true;
    }
}
