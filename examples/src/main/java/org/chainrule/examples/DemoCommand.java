package org.chainrule.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule demo}: builds the notes' 3-input sigmoid network as a graph (examples as
 * columns), prints its output and the gradient of a squared error with respect to every
 * parameter.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Build a small network as a graph, run it forward and backward, and show the gradients.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public DemoCommand() {
    }

    /**
     * Runs the demo.
     *
     * @return 0.
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Graph g = new Graph();
        Node x = g.input("x", Tensor.column(0.2, 0.5, -0.9));
        Node w1 = g.parameter("W1", Tensor.of(new double[][] {{1.2, 0.9, 0.3}, {0.2, 0.3, 0.1}, {1.3, 1.9, 0.1}}));
        Node b1 = g.parameter("b1", Tensor.filled(3, 1, 0.1));
        Node w2 = g.parameter("W2", Tensor.row(0.2, 0.6, 0.2));
        Node b2 = g.parameter("b2", Tensor.scalar(0.1));
        Node y = w2.matmul(w1.matmul(x).add(b1).sigmoid()).add(b2).sigmoid().setName("y");
        Node target = g.constant("t", Tensor.scalar(1.0));
        Node error = y.sub(target);
        Node loss = error.mul(error).scale(0.5).setName("L");
        g.backward(loss);

        out.println("Chainrule demo: the notes' 3-3-1 sigmoid network, examples as columns");
        out.println("  y = sigmoid(W2 sigmoid(W1 x + b1) + b2) = " + y.value());
        out.println("  L = 1/2 (y - 1)^2 = " + loss.value());
        for (Node p : new Node[] {w1, b1, w2, b2}) {
            out.println("  dL/d" + p.name() + " = " + p.gradient());
        }
        return 0;
    }
}
