package org.chainrule.testing;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * A test-only broken copy of an operation: the same forward rule (and kinks, and
 * broadcasting), but a wrong vector-Jacobian product for one input or for every input:
 * {@code factor} times the real one plus {@code offset * (1 + e mod 3)} at element {@code e}
 * (an offset that varies from element to element, since a constant one vanishes in a
 * softmax's VJP). The gradient checks must catch it.
 */
public final class WrongDerivative implements Operation {
    /** The {@code input} that makes every input's VJP wrong. */
    public static final int EVERY_INPUT = -1;
    private final String name;
    private final Operation real;
    private final int input;
    private final double factor;
    private final double offset;

    /**
     * A broken copy.
     *
     * @param name the name it reports.
     * @param real the operation copied.
     * @param input which input's VJP is wrong, or {@link #EVERY_INPUT}.
     * @param factor what the real VJP is multiplied by (1.01 for "one percent off", -1 for a sign error).
     * @param offset what is added on top, varying by element (0 for none).
     */
    public WrongDerivative(String name, Operation real, int input, double factor, double offset) {
        this.name = ChainruleException.requireNonNull(name, "WrongDerivative: name");
        this.real = ChainruleException.requireNonNull(real, "WrongDerivative: real");
        this.input = input;
        this.factor = factor;
        this.offset = offset;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int arity() {
        return real.arity();
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return real.outputShape(inputs);
    }

    @Override
    public void forward(DMatrixRMaj[] inputs, DMatrixRMaj out) {
        real.forward(inputs, out);
    }

    @Override
    public boolean broadcastsInputs() {
        return real.broadcastsInputs();
    }

    @Override
    public double distanceToKink(int k, DMatrixRMaj[] inputs, int element) {
        return real.distanceToKink(k, inputs, element);
    }

    @Override
    public void vjp(int k, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                    DMatrixRMaj gradient) {
        if (input != EVERY_INPUT && k != input) {
            real.vjp(k, inputs, output, outputGradient, gradient);
            return;
        }
        real.vjp(k, inputs, output, outputGradient, gradient);
        for (int e = 0; e < gradient.getNumElements(); e++) {
            gradient.data[e] = factor * gradient.data[e] + offset * (1 + e % 3);
        }
    }
}
