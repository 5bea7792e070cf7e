package org.chainrule.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.chainrule.core.Broadcast;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Products;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Core's kernels at the playground's sizes against what they replaced, measured in one run:
 * <ul>
 *   <li>the products one step of a 2-6-6-1 network with batch 10 computes — forward
 *       {@code X W} for the three layers, backward {@code H^T dZ} for the three weights and
 *       {@code dZ W^T} for the two hidden layers — on {@link Products} (its small-product
 *       loops) and on EJML's {@code CommonOps_DDRM};</li>
 *   <li>tanh of 120 pre-activations, spread like a freshly initialised network's, with
 *       {@link Elementwise#tanh(double)} and with {@link Math#tanh};</li>
 *   <li>a bias row added to a 128x256 batch of pre-activations ({@code x.matmul(w).add(b)} at
 *       MNIST scale) by the broadcasting {@link Broadcast#add} and by the dedicated
 *       {@link Broadcast#addRowInPlace} loop.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KernelBenchmark {
    private final int[] sizes = {2, 6, 6, 1};
    private final DMatrixRMaj[] activations = new DMatrixRMaj[4];
    private final DMatrixRMaj[] weights = new DMatrixRMaj[3];
    private final DMatrixRMaj[] deltas = new DMatrixRMaj[3];
    private final DMatrixRMaj[] gradWeights = new DMatrixRMaj[3];
    private final DMatrixRMaj[] hiddenGrads = new DMatrixRMaj[3];
    private final double[] preActivations = new double[120];
    private final double[] tanhOut = new double[120];
    private final DMatrixRMaj preBias = new DMatrixRMaj(128, 256);
    private final DMatrixRMaj bias = new DMatrixRMaj(1, 256);
    private final DMatrixRMaj biased = new DMatrixRMaj(128, 256);

    /** Random operands in the step's shapes. */
    @Setup
    public void setUp() {
        Random random = new Random(3);
        int batch = 10;
        activations[0] = random(batch, sizes[0], random);
        for (int l = 0; l < 3; l++) {
            weights[l] = random(sizes[l], sizes[l + 1], random);
            activations[l + 1] = new DMatrixRMaj(batch, sizes[l + 1]);
            deltas[l] = random(batch, sizes[l + 1], random);
            gradWeights[l] = new DMatrixRMaj(sizes[l], sizes[l + 1]);
            hiddenGrads[l] = new DMatrixRMaj(batch, sizes[l]);
        }
        preBias.setTo(random(128, 256, random));
        bias.setTo(random(1, 256, random));
        for (int i = 0; i < preActivations.length; i++) {
            preActivations[i] = random.nextGaussian() * 0.8;
        }
    }

    private static DMatrixRMaj random(int rows, int cols, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian();
        }
        return m;
    }

    /**
     * The step's eight products on core's entry point.
     *
     * @param sink keeps the results alive.
     */
    @Benchmark
    public void productsChainrule(Blackhole sink) {
        for (int l = 0; l < 3; l++) {
            Products.mult(activations[l], weights[l], activations[l + 1]);
            Products.multTransA(activations[l], deltas[l], gradWeights[l]);
            if (l > 0) {
                Products.multTransB(deltas[l], weights[l], hiddenGrads[l]);
            }
        }
        sink.consume(hiddenGrads);
    }

    /**
     * The same eight products on EJML.
     *
     * @param sink keeps the results alive.
     */
    @Benchmark
    public void productsEjml(Blackhole sink) {
        for (int l = 0; l < 3; l++) {
            CommonOps_DDRM.mult(activations[l], weights[l], activations[l + 1]);
            CommonOps_DDRM.multTransA(activations[l], deltas[l], gradWeights[l]);
            if (l > 0) {
                CommonOps_DDRM.multTransB(deltas[l], weights[l], hiddenGrads[l]);
            }
        }
        sink.consume(hiddenGrads);
    }

    /**
     * Chainrule's tanh on 120 values.
     *
     * @return the values, kept alive.
     */
    @Benchmark
    public double[] tanhChainrule() {
        for (int i = 0; i < preActivations.length; i++) {
            tanhOut[i] = Elementwise.tanh(preActivations[i]);
        }
        return tanhOut;
    }

    /**
     * The JDK's tanh on the same values.
     *
     * @return the values, kept alive.
     */
    @Benchmark
    public double[] tanhMath() {
        for (int i = 0; i < preActivations.length; i++) {
            tanhOut[i] = Math.tanh(preActivations[i]);
        }
        return tanhOut;
    }

    /**
     * A bias row added to a batch by the broadcasting kernel the graph's {@code add} uses.
     *
     * @return the result.
     */
    @Benchmark
    public DMatrixRMaj biasAddBroadcast() {
        return Broadcast.add(preBias, bias, biased);
    }

    /**
     * The same by copying the batch and adding the row with the dedicated loop.
     *
     * @return the result.
     */
    @Benchmark
    public DMatrixRMaj biasAddRowLoop() {
        biased.setTo(preBias);
        return Broadcast.addRowInPlace(biased, bias);
    }
}
