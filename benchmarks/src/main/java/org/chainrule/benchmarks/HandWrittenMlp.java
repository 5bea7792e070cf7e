package org.chainrule.benchmarks;

import java.util.Random;
import org.chainrule.core.Broadcast;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Products;
import org.chainrule.core.Reductions;
import org.chainrule.core.Axis;
import org.ejml.data.DMatrixRMaj;

/**
 * The "no framework" floor for the benchmarks: one training step (forward, backward, SGD)
 * of a multilayer perceptron written directly on EJML buffers allocated once, with the same
 * kernels Chainrule uses (core's {@link Products}, {@link Broadcast}, {@link Elementwise},
 * {@link Reductions}).
 * Examples are rows. Hidden layers use relu or tanh; the output is either a softmax with mean
 * cross-entropy (several classes) or a sigmoid with mean binary cross-entropy (one unit).
 *
 * <p>The formulas, for the last layer {@code dZ = (P - Y) / m} in both cases; then per layer
 * {@code dW = H_prev^T dZ}, {@code db = column sums of dZ}, {@code dH_prev = dZ W^T} and
 * {@code dZ_prev = dH_prev * act'(Z_prev)}; then {@code W -= lr dW}, {@code b -= lr db}.
 */
public final class HandWrittenMlp {
    private final int layers;
    private final boolean relu;
    private final double learningRate;
    private final DMatrixRMaj[] weights;
    private final DMatrixRMaj[] biases;
    private final DMatrixRMaj[] gradWeights;
    private final DMatrixRMaj[] gradBiases;
    /** activations[0] is the input batch; activations[l + 1] the output of layer l. */
    private final DMatrixRMaj[] activations;
    private final DMatrixRMaj[] deltas;
    private final DMatrixRMaj[] hiddenGrads;

    /**
     * A network with the given layer sizes, initialised from a seed.
     *
     * @param sizes input width, hidden widths, output width (1 for a sigmoid output).
     * @param relu relu hidden layers if true, tanh if false.
     * @param batch the batch size the buffers are allocated for.
     * @param learningRate the SGD step.
     * @param seed initialisation seed.
     */
    public HandWrittenMlp(int[] sizes, boolean relu, int batch, double learningRate, long seed) {
        this.layers = sizes.length - 1;
        this.relu = relu;
        this.learningRate = learningRate;
        Random random = new Random(seed);
        weights = new DMatrixRMaj[layers];
        biases = new DMatrixRMaj[layers];
        gradWeights = new DMatrixRMaj[layers];
        gradBiases = new DMatrixRMaj[layers];
        activations = new DMatrixRMaj[layers + 1];
        deltas = new DMatrixRMaj[layers];
        hiddenGrads = new DMatrixRMaj[layers];
        for (int l = 0; l < layers; l++) {
            weights[l] = new DMatrixRMaj(sizes[l], sizes[l + 1]);
            double scale = Math.sqrt(2.0 / sizes[l]);
            for (int i = 0; i < weights[l].data.length; i++) {
                weights[l].data[i] = scale * random.nextGaussian();
            }
            biases[l] = new DMatrixRMaj(1, sizes[l + 1]);
            gradWeights[l] = new DMatrixRMaj(sizes[l], sizes[l + 1]);
            gradBiases[l] = new DMatrixRMaj(1, sizes[l + 1]);
            activations[l + 1] = new DMatrixRMaj(batch, sizes[l + 1]);
            deltas[l] = new DMatrixRMaj(batch, sizes[l + 1]);
            hiddenGrads[l] = new DMatrixRMaj(batch, sizes[l]);
        }
    }

    /**
     * One step on a batch: forward, loss, backward, SGD update.
     *
     * @param x the batch, {@code m x inputs}. Not modified.
     * @param y targets: one-hot {@code m x classes}, or an {@code m x 1} column of 0/1. Not modified.
     * @return the batch's mean loss before the update.
     */
    public double step(DMatrixRMaj x, DMatrixRMaj y) {
        int m = x.numRows;
        activations[0] = x;
        for (int l = 0; l < layers; l++) {
            DMatrixRMaj z = activations[l + 1];
            Products.mult(activations[l], weights[l], z);
            Broadcast.addRowInPlace(z, biases[l]);
            if (l < layers - 1) {
                if (relu) {
                    Elementwise.relu(z, z);
                } else {
                    Elementwise.tanh(z, z);
                }
            }
        }
        DMatrixRMaj scores = activations[layers];
        DMatrixRMaj dz = deltas[layers - 1];
        double loss = scores.numCols == 1 ? sigmoidCrossEntropy(scores, y, dz) : softmaxCrossEntropy(scores, y, dz);
        for (int l = layers - 1; l >= 0; l--) {
            DMatrixRMaj delta = deltas[l];
            Products.multTransA(activations[l], delta, gradWeights[l]);
            Reductions.sum(delta, Axis.EACH_COLUMN, gradBiases[l]);
            if (l > 0) {
                DMatrixRMaj dh = hiddenGrads[l];
                Products.multTransB(delta, weights[l], dh);
                DMatrixRMaj h = activations[l];
                DMatrixRMaj prev = deltas[l - 1];
                if (relu) {
                    Elementwise.reluBackward(h, dh, prev);
                } else {
                    Elementwise.tanhBackward(h, dh, prev);
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            Elementwise.addScaledInPlace(weights[l], -learningRate, gradWeights[l]);
            Elementwise.addScaledInPlace(biases[l], -learningRate, gradBiases[l]);
        }
        return loss / m;
    }

    /** Row-wise stable softmax cross-entropy: writes {@code (P - Y) / m} into {@code dz}, returns the summed loss. */
    private static double softmaxCrossEntropy(DMatrixRMaj scores, DMatrixRMaj y, DMatrixRMaj dz) {
        int m = scores.numRows;
        int k = scores.numCols;
        double loss = 0;
        for (int r = 0; r < m; r++) {
            int o = r * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, scores.data[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(scores.data[o + c] - max);
            }
            double logSum = max + Math.log(sum);
            for (int c = 0; c < k; c++) {
                double logP = scores.data[o + c] - logSum;
                loss -= y.data[o + c] * logP;
                dz.data[o + c] = (Math.exp(logP) - y.data[o + c]) / m;
            }
        }
        return loss;
    }

    /** Stable binary cross-entropy on scores: writes {@code (sigmoid(z) - y) / m} into {@code dz}, returns the summed loss. */
    private static double sigmoidCrossEntropy(DMatrixRMaj scores, DMatrixRMaj y, DMatrixRMaj dz) {
        int m = scores.numRows;
        double loss = 0;
        for (int r = 0; r < m; r++) {
            double z = scores.data[r];
            loss += Math.max(z, 0) - z * y.data[r] + Math.log1p(Math.exp(-Math.abs(z)));
            double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            dz.data[r] = (p - y.data[r]) / m;
        }
        return loss;
    }

    /**
     * The current weights of one layer (for tests comparing against Chainrule).
     *
     * @param layer the layer index.
     * @return the live weight matrix.
     */
    public DMatrixRMaj weights(int layer) {
        return weights[layer];
    }

    /**
     * The current bias of one layer.
     *
     * @param layer the layer index.
     * @return the live bias row.
     */
    public DMatrixRMaj bias(int layer) {
        return biases[layer];
    }
}
