package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;

/**
 * In-place parameter-update kernels for optimizers: each rule runs as one fused pass over
 * the parameter, its gradient and the optimizer's state, with no temporaries, so a training
 * step allocates nothing here. (Plain gradient descent, {@code p = p - alpha g}, is
 * {@link Elementwise#addScaledInPlace}.)
 *
 * <p>All matrices passed to one call must have the same shape.
 */
public final class Updates {
    private Updates() {
    }

    /**
     * Gradient descent with momentum (the PyTorch form): {@code v = mu v + g}, then
     * {@code p = p - alpha v}.
     *
     * @param value the parameter {@code p}. Modified.
     * @param gradient its gradient {@code g}. Not modified.
     * @param velocity the running velocity {@code v}. Modified.
     * @param learningRate the step size {@code alpha}.
     * @param momentum the momentum coefficient {@code mu}.
     */
    public static void momentumInPlace(DMatrixRMaj value, DMatrixRMaj gradient, DMatrixRMaj velocity,
                                       double learningRate, double momentum) {
        Elementwise.requireSame("momentum update", value, gradient);
        Elementwise.requireSame("momentum update", value, velocity);
        double[] p = value.data;
        double[] g = gradient.data;
        double[] v = velocity.data;
        int n = value.getNumElements();
        for (int i = 0; i < n; i++) {
            double vi = momentum * v[i] + g[i];
            v[i] = vi;
            p[i] -= learningRate * vi;
        }
    }

    /**
     * One Adam step (Kingma and Ba, with PyTorch's placement of epsilon):
     * {@code m = beta1 m + (1 - beta1) g}, {@code v = beta2 v + (1 - beta2) g^2}, then
     * {@code p = p - alpha mhat / (sqrt(vhat) + epsilon)} with the bias-corrected moments
     * {@code mhat = m / (1 - beta1^t)} and {@code vhat = v / (1 - beta2^t)}.
     *
     * @param value the parameter {@code p}. Modified.
     * @param gradient its gradient {@code g}. Not modified.
     * @param firstMoment the running mean of gradients {@code m}. Modified.
     * @param secondMoment the running mean of squared gradients {@code v}. Modified.
     * @param learningRate the step size {@code alpha}.
     * @param beta1 the first moment's decay, in {@code [0, 1)}.
     * @param beta2 the second moment's decay, in {@code [0, 1)}.
     * @param epsilon added to the denominator to avoid division by zero.
     * @param step the step number {@code t}, from 1.
     */
    public static void adamInPlace(DMatrixRMaj value, DMatrixRMaj gradient, DMatrixRMaj firstMoment,
                                   DMatrixRMaj secondMoment, double learningRate, double beta1, double beta2,
                                   double epsilon, long step) {
        Elementwise.requireSame("adam update", value, gradient);
        Elementwise.requireSame("adam update", value, firstMoment);
        Elementwise.requireSame("adam update", value, secondMoment);
        double stepSize = learningRate / (1 - Math.pow(beta1, step));
        double secondCorrection = 1 / Math.sqrt(1 - Math.pow(beta2, step));
        double[] p = value.data;
        double[] g = gradient.data;
        double[] m = firstMoment.data;
        double[] v = secondMoment.data;
        int n = value.getNumElements();
        for (int i = 0; i < n; i++) {
            double gi = g[i];
            double mi = beta1 * m[i] + (1 - beta1) * gi;
            double vi = beta2 * v[i] + (1 - beta2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / (Math.sqrt(vi) * secondCorrection + epsilon);
        }
    }
}
