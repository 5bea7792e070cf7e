package org.chainrule.graph;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * A primitive operation: a forward rule and its vector-Jacobian product (VJP). Chainrule's
 * built-in operations implement this interface, and so can a user's own: record one with
 * {@link Graph#apply(Operation, Node...)} and it takes part in {@code backward} like any
 * built-in.
 *
 * <p><b>The contract.</b> For an output {@code Y = f(X_0, ..., X_k)} and the gradient
 * {@code G = dL/dY} arriving at it, an operation gives
 * <ul>
 *   <li>{@link #outputShape}: checks the input shapes and names the output's;</li>
 *   <li>{@link #forward}: writes {@code Y} into a buffer the engine hands it;</li>
 *   <li>{@link #vjp}: writes {@code dL/dX_i = G . dY/dX_i} for one input into a buffer the
 *       engine hands it, never forming the Jacobian.</li>
 * </ul>
 * Both write EJML style into their last matrix argument ("Modified"), which already has the
 * right shape and holds stale values: they must write every element of it and read none, and
 * must not reshape it, keep it, or touch any other node. The engine owns everything else: it
 * alone sums an input's contributions from all its consumers (the multivariable chain rule's
 * sum), it owns the buffers (and reuses them, see {@link Graph#recycle()}), and it
 * un-broadcasts: an operation that {@linkplain #broadcastsInputs() broadcasts} gets the VJP
 * of a smaller input in the output's shape and the engine sums it back. With anomaly
 * detection on ({@link Graph#setDetectAnomalies(boolean)}) the engine hands every VJP a
 * buffer filled with NaN, so that an element left unwritten, or a buffer read before it is
 * written, shows as a NaN that the check reports, naming the operation.
 *
 * <p>{@link Graph#apply} checks the number of inputs against {@link #arity()} and their shapes
 * with {@link #outputShape} before calling {@link #forward}, and {@code backward} calls
 * {@link #vjp} with the values the forward rule saw; so neither needs to check its arguments.
 *
 * <p><b>For teaching and checking.</b> {@link #localDerivative} is a formula over the node's own
 * names ({@code "{out} (1 - {out})"} prints as {@code h1 (1 - h1)} for a sigmoid node named
 * {@code h1}); {@link #distanceToKink} says where the operation is not differentiable, so that
 * a gradient checker can keep its inputs away from kinks and tell a kink from a bug.
 */
public interface Operation {
    /** The {@link #arity()} of an operation that checks the number of its inputs itself. */
    int ANY_NUMBER_OF_INPUTS = -1;

    /**
     * The short name used in traces, pictures and error messages, e.g. {@code "matmul"}.
     *
     * @return the name.
     */
    String name();

    /**
     * How many inputs the operation takes; {@link Graph#apply} refuses any other number.
     *
     * @return the count, or {@link #ANY_NUMBER_OF_INPUTS} (the default) for an operation whose
     *     {@link #outputShape} checks the count itself.
     */
    default int arity() {
        return ANY_NUMBER_OF_INPUTS;
    }

    /**
     * Checks the input shapes and returns the output's shape.
     *
     * @param inputs the shapes of the inputs, in order.
     * @return the shape of the output.
     * @throws org.chainrule.core.ShapeMismatchException naming this operation, the shapes and
     *     the rule, if the inputs do not fit.
     */
    Shape outputShape(List<Shape> inputs);

    /**
     * The forward rule: {@code out = f(inputs)}.
     *
     * @param inputs the input values. Not modified.
     * @param out the output, shaped as {@link #outputShape} said, holding stale values. Modified.
     */
    void forward(DMatrixRMaj[] inputs, DMatrixRMaj out);

    /**
     * The vector-Jacobian product for one input: {@code gradient = G . dY/dX_input}.
     *
     * @param input which input, {@code 0 <= input < inputs.length}.
     * @param inputs the input values. Not modified.
     * @param output the node's value, as {@link #forward} computed it. Not modified.
     * @param outputGradient {@code G = dL/dY}, shaped like the output. Not modified.
     * @param gradient where the product goes: shaped like the input, or like the output for an
     *     input that this operation broadcast (see {@link #broadcastsInputs()}); it holds
     *     stale values, and every element must be written. Modified.
     */
    void vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient, DMatrixRMaj gradient);

    /**
     * Whether gradients flow through this operation to its inputs: true for every operation
     * but stop-gradient ({@link Node#detach()}), whose node neither requires a gradient nor
     * passes one back.
     *
     * @return true by default.
     */
    default boolean passesGradients() {
        return true;
    }

    /**
     * Whether this operation has a graph rule ({@link #vjpGraph}), so that derivatives of any
     * order can be taken through it.
     *
     * @return false by default.
     */
    default boolean hasVjpGraph() {
        return false;
    }

    /**
     * The vector-Jacobian product for one input written in graph operations: the same
     * {@code dL/dX_input = G . dY/dX_input} as {@link #vjp}, recorded as nodes in the graph, so
     * that it can be differentiated again (derivatives of any order). A rule that needs the
     * operation's output uses {@code output}, the node itself, never a constant made from its
     * value; a mask (relu's {@code [x > 0]}) is an operation ({@link Node#step()}), recomputed
     * with the graph.
     *
     * @param input which input.
     * @param inputs the operation's input nodes.
     * @param output the operation's node.
     * @param outputGradient {@code G} as a node, shaped like the output.
     * @return the product, shaped like the input, or like the output for an input this
     *     operation broadcasts (the engine sums it back); or null where it is zero whatever the
     *     values (a step's derivative).
     * @throws ChainruleException by default (the operation has no graph rule), and for an
     *     input that is not differentiable (indices).
     */
    default Node vjpGraph(int input, Node[] inputs, Node output, Node outputGradient) {
        throw new ChainruleException(name() + " has no graph rule, so a derivative of higher order cannot be taken"
                + " through it: implement Operation.vjpGraph (and hasVjpGraph) for it");
    }

    /**
     * Whether {@link #addVjpInPlace} is implemented for this input: an optional fused
     * multiply-add that the engine uses to add a parameter's contribution straight into the
     * parameter's gradient (for a matrix product, one pass of {@code multAddTransA} instead of a
     * product into a buffer and a second pass adding the buffer). Only worth it where the
     * product dominates; measured for {@code matmul} and {@code nn}'s {@code affine}.
     *
     * @param input which input.
     * @return false by default.
     */
    default boolean addsVjpInPlace(int input) {
        return false;
    }

    /**
     * The fused form of {@link #vjp}: {@code gradient += G . dY/dX_input}, adding into what
     * {@code gradient} holds. The engine calls it only where {@link #addsVjpInPlace} says yes,
     * with no listener and anomaly detection off, for an input that is a parameter.
     *
     * @param input which input.
     * @param inputs the input values. Not modified.
     * @param output the node's value. Not modified.
     * @param outputGradient {@code G = dL/dY}. Not modified.
     * @param gradient the parameter's gradient, shaped like the input. Modified.
     * @throws ChainruleException by default: the operation does not add in place.
     */
    default void addVjpInPlace(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                               DMatrixRMaj gradient) {
        throw new ChainruleException(name() + " does not add its VJP in place: addsVjpInPlace("
                + input + ") is false, so call vjp");
    }

    /**
     * Whether the forward rule broadcasts a smaller input over the output's shape (as
     * element-wise binary operations do): then an input whose shape differs from the output's
     * gets its VJP in the output's shape, and the engine sums it back to the input's shape.
     *
     * @return false by default.
     */
    default boolean broadcastsInputs() {
        return false;
    }

    /**
     * The local derivative this operation applies to one input, as a formula for traces and
     * teaching: a template in which {@code {out}} stands for the node and {@code {in0}},
     * {@code {in1}}, ... for its inputs, each printed by its name (or {@code #id}).
     *
     * @param input which input.
     * @return e.g. {@code "{out} (1 - {out})"} for sigmoid, or the empty string if the
     *     operation gives none.
     */
    default String localDerivative(int input) {
        return "";
    }

    /**
     * How far one element of one input lies from the nearest point where this operation is
     * not differentiable in that element (relu and abs at 0, max at a tie), measured along that
     * element's own axis. A finite difference with a step smaller than this distance sees a
     * smooth function.
     *
     * @param input which input.
     * @param inputs the input values. Not modified.
     * @param element the element's index in row-major order.
     * @return the distance, or {@link Double#POSITIVE_INFINITY} (the default) where the
     *     operation is smooth.
     */
    default double distanceToKink(int input, DMatrixRMaj[] inputs, int element) {
        return Double.POSITIVE_INFINITY;
    }
}
