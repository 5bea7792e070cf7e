package org.chainrule.examples;

import java.io.PrintStream;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;

/**
 * Entry point of the {@code chainrule} jar. {@code chainrule demo} builds the notes'
 * 3-input sigmoid network as a graph, prints its output and the gradient of a squared
 * error with respect to every parameter.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs a subcommand.
     *
     * @param args {@code demo}.
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs a subcommand, writing to the given streams.
     *
     * @param args the arguments.
     * @param out where results go.
     * @param err where usage errors go.
     * @return the exit status: 0 on success, 2 for a usage error.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && args[0].equals("demo")) {
            demo(out);
            return 0;
        }
        err.println("usage: chainrule demo");
        return 2;
    }

    private static void demo(PrintStream out) {
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
    }
}
