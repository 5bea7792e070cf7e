package org.chainrule.graph;

import org.ejml.data.DMatrixRMaj;

/**
 * Watches a backward pass node by node and edge by edge, for traces and teaching tools
 * (see {@code org.chainrule.graph.trace}). Pass one to
 * {@link Graph#backward(Node, org.chainrule.core.Tensor, BackwardListener)}; a backward pass without a listener
 * pays nothing for this hook.
 *
 * <p>The engine visits the nodes on the path to the output in reverse topological order. For
 * each node {@code h} it first calls {@link #reached(Node)} — every consumer has handed over
 * its contribution by then, so {@code Delta(h)} is complete — and then, if {@code h} is an
 * operation, calls {@link #contributed} once per edge to an input {@code x} that needs a
 * gradient, with the contribution {@code dh/dx · Delta(h)} that {@code x} adds up:
 * {@code Delta(x) = sum over consumers h of dh/dx · Delta(h)}.
 */
public interface BackwardListener {

    /**
     * Backward has reached {@code node}: all its consumers' contributions have arrived, so its
     * gradient for this pass is complete, and it is about to hand contributions to its inputs.
     *
     * @param node the node, in reverse topological order; the output comes first.
     */
    void reached(Node node);

    /**
     * One edge of the chain rule: {@code consumer} hands {@code d consumer / d input · Delta(consumer)}
     * to its argument number {@code input}, already summed back to that argument's shape if the
     * forward rule broadcast it.
     *
     * @param consumer the node applying its local derivative.
     * @param input which of the consumer's arguments receives the contribution.
     * @param contribution the contribution. Not to be modified, and valid only during this
     *     call: the engine reuses the buffer (it may be the input's gradient itself), so copy
     *     it to keep it.
     */
    void contributed(Node consumer, int input, DMatrixRMaj contribution);
}
