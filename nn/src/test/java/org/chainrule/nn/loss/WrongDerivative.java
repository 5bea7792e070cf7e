package org.chainrule.nn.loss;

import java.util.List;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * A test-only broken copy of an operation: the same forward rule, but the vector-Jacobian
 * product for one input multiplied by a constant (1.01 for "one percent off", -1 for a sign
 * error). The gradient checks must catch it.
 */
final class WrongDerivative implements Operation {
    private final Operation real;
    private final int input;
    private final double factor;

    WrongDerivative(Operation real, int input, double factor) {
        this.real = real;
        this.input = input;
        this.factor = factor;
    }

    @Override
    public String name() {
        return real.name() + " (input " + input + "'s derivative times " + Tensor.format(factor) + ")";
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
    public void vjp(int k, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                    DMatrixRMaj gradient, boolean add) {
        if (k != input) {
            real.vjp(k, inputs, output, outputGradient, gradient, add);
            return;
        }
        DMatrixRMaj right = new DMatrixRMaj(gradient.numRows, gradient.numCols);
        real.vjp(k, inputs, output, outputGradient, right, false);
        Elementwise.scale(factor, right, gradient, add);
    }
}
