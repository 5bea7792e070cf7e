package org.chainrule.graph.ops;

import org.chainrule.core.Broadcast;
import org.chainrule.graph.BroadcastingOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Element-wise quotient with broadcasting, {@code C = A / B}, the shapes as for
 * {@link AddBroadcast}. Dividing by zero gives an infinity or NaN, as in Java; keep
 * denominators away from 0.
 *
 * <p>VJP: {@code dA = dC / B} and {@code dB = -dC * A / B^2 = -dC * C / B}, in the output's
 * shape (the engine sums a broadcast operand's back).
 */
public final class Divide extends BroadcastingOperation {
    /** The one instance; the operation has no state. */
    public static final Divide INSTANCE = new Divide();

    private Divide() {
        super("divide");
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj c) {
        Broadcast.divide(in[0], in[1], c);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj c, DMatrixRMaj dc, DMatrixRMaj gradient) {
        if (input == 0) {
            Broadcast.divide(dc, in[1], gradient);
        } else {
            Broadcast.divideBackwardDenominator(dc, in[1], c, gradient);
        }
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "1 / {in1}" : "-{out} / {in1}";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dA = G / B}, {@code dB = -(G * C) / B}, with {@code C} the output node. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return input == 0 ? g.div(inputs[1]) : g.mul(output).div(inputs[1]).neg();
    }
}
