package org.chainrule.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.loss.Losses;
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
 * What anomaly detection costs: one forward and backward pass of a 64-128-128-10 relu MLP with
 * softmax cross-entropy on a batch of 32, recorded in a fresh graph each time, with
 * {@link Graph#setDetectAnomalies(boolean)} off and on. Off, the engine tests one boolean per
 * recorded operation and per gradient contribution; on, it reads every value and every
 * contribution once more.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AnomalyDetectionBenchmark {
    /** Whether the graphs check for NaN and infinity. */
    @Param({"false", "true"})
    public boolean detectAnomalies;

    private Sequential net;
    private Tensor features;
    private Tensor labels;

    /** Builds the network and a batch. */
    @Setup
    public void prepare() {
        net = Mlp.builder(64).hidden(128, Activation.RELU).hidden(128, Activation.RELU)
                .output(10, Activation.IDENTITY).seed(1).build();
        Random random = new Random(2);
        features = Tensor.normal(32, 64, 1, random);
        DMatrixRMaj classes = new DMatrixRMaj(32, 1);
        for (int i = 0; i < 32; i++) {
            classes.data[i] = random.nextInt(10);
        }
        labels = Tensor.adopt(classes);
    }

    /**
     * One forward and backward pass.
     *
     * @return the loss, so the work is not optimised away.
     */
    @Benchmark
    public double forwardAndBackward() {
        net.zeroGradients();
        Graph graph = new Graph().setDetectAnomalies(detectAnomalies);
        Node loss = Losses.SOFTMAX_CROSS_ENTROPY.apply(net.apply(graph.input(features)), graph.constant(labels));
        graph.backward(loss);
        return loss.value().item();
    }
}
