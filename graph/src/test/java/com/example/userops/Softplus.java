package com.example.userops;

import java.util.List;
import org.chainrule.core.Shape;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Softplus, element-wise: {@code y = ln(1 + e^x)}, a smooth relu. Computed as
 * {@code max(x, 0) + ln(1 + e^-|x|)} so that large {@code |x|} neither overflows nor loses
 * digits.
 *
 * <p>VJP: {@code dx = dy * sigmoid(x) = dy / (1 + e^-x)}.
 */
public final class Softplus implements Operation {

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    /** {@code y = max(x, 0) + ln(1 + e^-|x|)}. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] inputs) {
        DMatrixRMaj x = inputs[0];
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            double v = x.data[i];
            y.data[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
        }
        return y;
    }

    /** {@code dx = dy / (1 + e^-x)}. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                           DMatrixRMaj into) {
        DMatrixRMaj x = inputs[0];
        into.reshape(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            into.data[i] = outputGradient.data[i] / (1 + Math.exp(-x.data[i]));
        }
        return into;
    }

    @Override
    public String localDerivative(int input) {
        return "sigmoid(x)";
    }
}
