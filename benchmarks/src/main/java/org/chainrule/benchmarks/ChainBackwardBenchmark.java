package org.chainrule.benchmarks;

import java.util.concurrent.TimeUnit;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Backward over a scalar chain of 1,000,000 nodes ({@code h = tanh(h) * 1.0001} repeated),
 * reported per node. The graph is recorded once; each invocation is one full backward pass
 * (a second backward on the same graph recomputes every intermediate gradient).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChainBackwardBenchmark {
    /** Nodes in the chain. */
    static final int NODES = 1_000_000;

    private Graph graph;
    private Node output;

    /** Records the chain. */
    @Setup
    public void record() {
        graph = new Graph();
        Node h = graph.parameter("x", Tensor.scalar(0.5));
        for (int i = 1; i < NODES; i += 2) {
            h = h.tanh().scale(1.0001);
        }
        output = h;
    }

    /**
     * One backward pass over the whole chain.
     *
     * @return the parameter's gradient, so the work is not optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(NODES)
    public double backward() {
        output.graph().backward(output);
        return graph.nodes().get(0).parameter().mutableGradient().data[0];
    }
}
