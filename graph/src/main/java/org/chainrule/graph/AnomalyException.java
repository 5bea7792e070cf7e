package org.chainrule.graph;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;

/**
 * Thrown by a graph with anomaly detection on ({@link Graph#setDetectAnomalies(boolean)}) at
 * the first NaN or infinity an operation produces: a value in the forward pass, or a gradient
 * contribution in the backward pass. It names the operation, its node, its input shapes and
 * the pass, for example
 * <pre>
 * forward pass: log at node 'logp' produced -Infinity at (0, 1); input shape 2x3 (node #4 softmax(rows))
 * </pre>
 * Nothing is recorded or accumulated for the offending step: the forward pass throws before
 * the node joins the graph, and the backward pass throws before the contribution is added.
 * (Parameter gradients that earlier steps of the same backward pass added are kept.)
 */
public final class AnomalyException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /** Which pass found the anomaly. */
    public enum Pass {
        /** An operation's output value, while it was recorded ({@link Graph#apply}). */
        FORWARD,
        /** A gradient an operation handed to one of its inputs, in {@link Graph#backward}. */
        BACKWARD
    }

    /** Which pass. */
    private final Pass pass;
    /** The operation's name. */
    private final String operation;
    /** The node's label. */
    private final String node;
    /** The shapes of the operation's inputs, in order. */
    private final transient List<Shape> inputShapes;
    /** The first non-finite value found. */
    private final double value;

    AnomalyException(String message, Pass pass, String operation, String node, List<Shape> inputShapes, double value) {
        super(message);
        this.pass = pass;
        this.operation = operation;
        this.node = node;
        this.inputShapes = List.copyOf(inputShapes);
        this.value = value;
    }

    /**
     * Whether the anomaly appeared in the forward or the backward pass.
     *
     * @return the pass.
     */
    public Pass pass() {
        return pass;
    }

    /**
     * The name of the operation that produced the non-finite value, as {@link Operation#name()}
     * gives it; {@code "seed"} for a non-finite seed handed to {@code backward}.
     *
     * @return e.g. {@code "log"}.
     */
    public String operation() {
        return operation;
    }

    /**
     * The label of the node whose operation produced it ({@link Node#label()}): its name if it
     * has one, else its id and operation. In the forward pass the node is not recorded, and
     * the label is the one it would have had.
     *
     * @return e.g. {@code 'logp'} or {@code #5 log}.
     */
    public String node() {
        return node;
    }

    /**
     * The shapes of the operation's inputs, in argument order.
     *
     * @return an unmodifiable list.
     */
    public List<Shape> inputShapes() {
        return inputShapes;
    }

    /**
     * The first non-finite value found (in row-major order).
     *
     * @return NaN or an infinity.
     */
    public double value() {
        return value;
    }
}
