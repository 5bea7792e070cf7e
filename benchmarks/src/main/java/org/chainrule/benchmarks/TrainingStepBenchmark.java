package org.chainrule.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Sgd;
import org.chainrule.nn.train.Trainer;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training step — forward, loss, backward, SGD update — of the same network three ways:
 * through Chainrule's {@code Trainer.step} (which records each step in the previous step's
 * graph, {@code Graph.recycle()}d), through Chainrule with a {@code new Graph()} every step
 * (what recycling saves), and written by hand on EJML with preallocated buffers
 * ({@link HandWrittenMlp}), all on core's kernels.
 *
 * <ul>
 *   <li>{@code mnist}: 784-256-10, relu, softmax cross-entropy, batch 128.</li>
 *   <li>{@code tiny}: 2-6-6-1, tanh, sigmoid output with binary cross-entropy, batch 10
 *       (the playground scale).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TrainingStepBenchmark {
    /** Which network. */
    @Param({"mnist", "tiny"})
    public String network;

    private HandWrittenMlp hand;
    private Trainer trainer;
    private Sequential freshModel;
    private Loss freshLoss;
    private Sgd freshOptimizer;
    private Tensor features;
    private Tensor targets;
    private DMatrixRMaj x;
    private DMatrixRMaj y;

    /** Builds both versions of the network and one batch of random data. */
    @Setup
    public void setUp() {
        boolean mnist = network.equals("mnist");
        int[] sizes = mnist ? new int[] {784, 256, 10} : new int[] {2, 6, 6, 1};
        int batch = mnist ? 128 : 10;
        Random random = new Random(1);
        features = Tensor.uniform(batch, sizes[0], 0, 1, random);
        targets = randomTargets(batch, sizes[sizes.length - 1], random);
        x = features.toMatrix();
        y = targets.toMatrix();
        hand = new HandWrittenMlp(sizes, mnist, batch, 0.01, 2);
        Sequential model = model(sizes, mnist, 2);
        trainer = Trainer.builder(model, mnist ? Losses.SOFTMAX_CROSS_ENTROPY : Losses.SIGMOID_CROSS_ENTROPY,
                new Sgd(model.parameters(), 0.01)).build();
        freshModel = model(sizes, mnist, 2);
        freshLoss = mnist ? Losses.SOFTMAX_CROSS_ENTROPY : Losses.SIGMOID_CROSS_ENTROPY;
        freshOptimizer = new Sgd(freshModel.parameters(), 0.01);
    }

    /** The network through nn: hidden relu or tanh layers and a score output. */
    static Sequential model(int[] sizes, boolean relu, long seed) {
        Mlp.Builder builder = Mlp.builder(sizes[0]);
        for (int l = 1; l < sizes.length - 1; l++) {
            builder = builder.hidden(sizes[l], relu ? Activation.RELU : Activation.TANH);
        }
        return builder.output(sizes[sizes.length - 1], Activation.IDENTITY).seed(seed).build();
    }

    /** Targets for a batch: a random 0/1 column for one output, random one-hot rows otherwise. */
    static Tensor randomTargets(int rows, int width, Random random) {
        double[][] t = new double[rows][width];
        for (double[] row : t) {
            if (width == 1) {
                row[0] = random.nextInt(2);
            } else {
                row[random.nextInt(width)] = 1;
            }
        }
        return Tensor.of(t);
    }

    /**
     * The step through Chainrule.
     *
     * @return the loss.
     */
    @Benchmark
    public double chainrule() {
        return trainer.step(features, targets);
    }

    /**
     * The step through Chainrule's public API with a new graph each time, as a user loop
     * without {@code Graph.recycle()} writes it.
     *
     * @return the loss.
     */
    @Benchmark
    public double chainruleFreshGraphs() {
        Graph graph = new Graph();
        Node loss = freshLoss.apply(freshModel.apply(graph.input("X", features)), graph.constant("T", targets));
        double value = loss.value().item();
        freshOptimizer.zeroGradients();
        graph.backward(loss);
        freshOptimizer.step();
        return value;
    }

    /**
     * The same step written by hand on EJML.
     *
     * @return the loss.
     */
    @Benchmark
    public double handWritten() {
        return hand.step(x, y);
    }
}
