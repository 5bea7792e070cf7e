package org.chainrule.graph;

import java.util.List;
import org.chainrule.core.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * A primitive operation: a forward rule and its vector-Jacobian product (VJP). Chainrule's
 * built-in operations implement this interface, and so can a user's own: record one with
 * {@link Graph#apply(Operation, Node...)} and it takes part in {@code backward} like any
 * built-in.
 *
 * <p>For an output {@code Y = f(X_0, ..., X_k)} and the gradient {@code G = dL/dY} arriving
 * at the output, {@link #vjp} returns {@code dL/dX_i = G . dY/dX_i} for one input — never the
 * Jacobian itself. Operations are stateless with respect to the graph: they read the values
 * they are given, write only into the buffer they are handed, and never touch other nodes.
 * The graph engine owns everything else: it adds contributions from several consumers
 * (the multivariable chain rule), and it un-broadcasts — a VJP may return its result in
 * the output's shape for an input that the forward rule broadcast, and the engine sums it
 * back to the input's shape.
 *
 * <p>These methods are called by the graph engine, not by users: {@link Graph#apply} checks
 * the number of inputs against {@link #arity()}, then asks {@link #outputShape} to check
 * their shapes, and only then calls {@link #forward} (or {@link #forwardInto}, for an
 * operation that overrides it); {@link #vjp} is called by {@code backward} with the values
 * the forward rule saw. So the forward rules and {@code vjp} may index their arguments
 * without checking them again.
 */
public interface Operation {
    /** The {@link #arity()} of an operation that checks the number of its inputs itself. */
    int ANY_NUMBER_OF_INPUTS = -1;

    /**
     * The operation's short name, used in traces, pictures and error messages.
     *
     * @return e.g. {@code "matmul"}.
     */
    String name();

    /**
     * How many inputs the operation takes. {@link Graph#apply} refuses any other number with
     * a clear message before calling {@link #outputShape}.
     *
     * @return the count, or {@link #ANY_NUMBER_OF_INPUTS} (the default) for an operation
     *     whose {@link #outputShape} checks the count itself.
     */
    default int arity() {
        return ANY_NUMBER_OF_INPUTS;
    }

    /**
     * Checks the input shapes and returns the output's shape.
     *
     * @param inputs the shapes of the inputs, in order.
     * @return the shape of the output.
     * @throws org.chainrule.core.ShapeMismatchException naming this operation, the shapes
     *     and the rule, if the inputs do not fit.
     */
    Shape outputShape(List<Shape> inputs);

    /**
     * Computes the output from the inputs.
     *
     * @param inputs the input values, already checked by {@link #outputShape}. Not modified.
     * @return a new matrix holding the output; the graph keeps it and never modifies it.
     */
    DMatrixRMaj forward(DMatrixRMaj[] inputs);

    /**
     * {@link #forward} into a buffer the engine owns and may reuse in a later recording (see
     * {@link Graph#recycle()}): writes the output, shaped as {@link #outputShape} promised,
     * into {@code out}, which already has that shape and holds stale values. The engine calls
     * it only on operations whose class overrides it; the default copies {@link #forward}'s
     * result, so overriding is purely an optimisation.
     *
     * @param inputs the input values. Not modified.
     * @param out the output buffer, already shaped. Must not be kept. Modified.
     */
    default void forwardInto(DMatrixRMaj[] inputs, DMatrixRMaj out) {
        out.setTo(forward(inputs));
    }

    /**
     * The vector-Jacobian product for one input: {@code dL/dX_i = G . dY/dX_i}.
     *
     * @param input which input, {@code 0 <= input < inputs.length}.
     * @param inputs the input values. Not modified.
     * @param output the node's value, as the forward rule computed it. Not modified.
     * @param outputGradient {@code G = dL/dY}, shaped like the output. Not modified.
     * @param into a buffer to write the result into (reshape it as needed), so that no
     *     allocation is necessary; an implementation may instead return a new matrix, or
     *     {@code outputGradient} itself when the gradient passes through unchanged (the
     *     engine only reads the result). Modified.
     * @return the gradient with respect to the input, shaped like the input or — for an
     *     input the forward rule broadcast — like the output.
     */
    DMatrixRMaj vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                    DMatrixRMaj into);

    /**
     * An optional fused form of {@link #vjp} that the engine uses to save a temporary and a
     * pass over memory: writes ({@code add == false}) or adds ({@code add == true}) the
     * vector-Jacobian product for one input straight into {@code target}, which has that
     * input's shape, for example with a {@code multAdd} kernel. The engine decides whether
     * to write or add (it owns accumulation); it does not call this while a
     * {@link BackwardListener} or anomaly detection needs to see each contribution.
     *
     * <p>The default has no fused form and returns false, and the engine calls {@link #vjp}.
     * An operation whose product for this input would have to be un-broadcast must return
     * false too.
     *
     * @param input which input.
     * @param inputs the input values. Not modified.
     * @param output the node's value, as the forward rule computed it. Not modified.
     * @param outputGradient {@code G = dL/dY}. Not modified.
     * @param target the input's gradient, shaped like the input. Modified if this returns true.
     * @param add true for {@code target += dL/dX_i}, false for {@code target = dL/dX_i}.
     * @return true if {@code target} now holds the result; false to leave it to {@link #vjp}.
     */
    default boolean vjpInto(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                            DMatrixRMaj target, boolean add) {
        return false;
    }

    /**
     * The local derivative this operation applies to one input, as a formula for traces and
     * teaching (e.g. {@code "s (1 - s)"} for sigmoid). Optional.
     *
     * @param input which input.
     * @return a short formula, or the empty string if the operation does not give one.
     */
    default String localDerivative(int input) {
        return "";
    }
}
