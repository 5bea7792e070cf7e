package org.chainrule.benchmarks;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Gradients;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.loss.Losses;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A Hessian-vector product against the gradient of the same loss, through the public API with
 * no special kernel: the 784-256-10 tanh MLP, batch 128, mean softmax cross-entropy.
 * {@code gradient} records the forward pass and runs the functional backward pass
 * ({@code computeGradients}); {@code hessianVectorProduct} records the forward pass, the
 * gradients as nodes ({@code gradients}), their dot product with a fixed direction {@code v} and
 * its gradients as nodes: {@code H v} over all four parameters. Both record in the previous
 * call's graph, recycled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HessianVectorBenchmark {
    private Sequential model;
    private List<Parameter> parameters;
    private Tensor features;
    private Tensor targets;
    private List<Tensor> direction;
    private Graph graph;

    /** The network, one batch of random data and a random direction over the parameters. */
    @Setup
    public void setUp() {
        Random random = new Random(1);
        model = TrainingStepBenchmark.model(new int[] {784, 256, 10}, false, 2);
        parameters = model.parameters();
        features = Tensor.uniform(128, 784, 0, 1, random);
        targets = TrainingStepBenchmark.randomTargets(128, 10, random);
        direction = parameters.stream().map(p -> Tensor.normal(p.shape().rows(), p.shape().cols(), 1, random))
                .toList();
        graph = new Graph();
    }

    private Node loss() {
        graph = graph.recycle();
        return Losses.SOFTMAX_CROSS_ENTROPY.apply(model.apply(graph.input("X", features)),
                graph.constant("T", targets));
    }

    /**
     * Forward and backward of the loss.
     *
     * @return the gradients.
     */
    @Benchmark
    public Gradients gradient() {
        Node loss = loss(); // recycles the graph first
        return graph.computeGradients(loss);
    }

    /**
     * Forward, the gradients as nodes, and {@code H v}.
     *
     * @return {@code H v} for every parameter.
     */
    @Benchmark
    public List<Node> hessianVectorProduct() {
        Node loss = loss();
        Node[] wrt = parameters.stream().map(graph::parameter).toArray(Node[]::new);
        List<Node> g = graph.gradients(loss, wrt);
        Node dot = null;
        for (int k = 0; k < wrt.length; k++) {
            Node term = g.get(k).mul(graph.constant(direction.get(k))).sum();
            dot = dot == null ? term : dot.add(term);
        }
        return graph.gradients(dot, wrt);
    }
}
