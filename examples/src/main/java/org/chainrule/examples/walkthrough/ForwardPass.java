package org.chainrule.examples.walkthrough;

import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.trace.BackwardTrace;

/**
 * Lesson 1 (notes A/B): one forward pass of the 3-3-1 sigmoid network, examples as columns,
 * {@code y = sigmoid(W2 sigmoid(W1 x + b1) + b2)}, with the notes' slip on the second
 * hidden neuron (0.55 for 0.20, carried to an output of 0.68) recomputed to show where 0.68
 * comes from. The backward trace is {@code dy/d(everything)}.
 */
final class ForwardPass {
    private static final double[][] HIDDEN = {{1.2, 0.9, 0.3}, {0.2, 0.3, 0.1}, {1.3, 1.9, 0.1}};
    private static final double[] OUTPUT = {0.2, 0.6, 0.2};
    private static final double BIAS = 0.1;

    private ForwardPass() {
    }

    static Graph teach(Page page) {
        Graph g = new Graph();
        Node x = g.input("x", Tensor.column(0.2, 0.5, -0.9));
        Node w1 = g.parameter("W1", Tensor.of(HIDDEN));
        Node b1 = g.parameter("b1", Tensor.filled(3, 1, BIAS));
        Node a1 = w1.matmul(x).setName("W1x").add(b1).setName("a1");
        Node h1 = a1.sigmoid().setName("h1");
        Node y = outputLayer(g, h1);

        page.text("Input x = <0.2, 0.5, -0.9>, bias 0.1 on every neuron, sigmoid everywhere. Hidden weights, one"
                + " row per neuron: [1.2, 0.9, 0.3], [0.2, 0.3, 0.1], [1.3, 1.9, 0.1]; output weights"
                + " [0.2, 0.6, 0.2]. Examples are columns: a1 = W1 x + b1, h1 = sigmoid(a1),"
                + " a2 = W2 h1 + b2, y = sigmoid(a2).");
        page.section("Forward pass against notes A and B (the same worked example in both)");
        page.text("Each line: Chainrule's value, the figure the notes print (verbatim), and which it is.");
        Tensor pre = a1.value();
        Tensor hidden = h1.value();
        page.quote("a1[1] pre-activation", pre.get(0, 0), "a1[1]");
        page.quote("h1[1] = sigmoid(a1[1])", hidden.get(0, 0), "h1[1]");
        page.quote("a1[2] pre-activation", pre.get(1, 0), "a1[2]");
        page.quote("h1[2] = sigmoid(a1[2])", hidden.get(1, 0), "h1[2]");
        page.quote("a1[3] pre-activation", pre.get(2, 0), "a1[3]");
        page.quote("h1[3] = sigmoid(a1[3])", hidden.get(2, 0), "h1[3]");
        page.quote("a2 output pre-activation", y.inputs().get(0).value().item(), "a2");
        page.quote("y output", y.value().item(), "y");
        page.endRows();

        Graph slip = new Graph();
        Node slipped = outputLayer(slip, slip.input("a1 as in the notes", Tensor.column(pre.get(0, 0), 0.55,
                pre.get(2, 0))).sigmoid());
        page.text("Where 0.68 comes from: the same output layer fed the notes' pre-activations [0.52, 0.55, 1.22]"
                + " gives y = " + Tensor.format(slipped.value().item()) + ", which rounds to the notes' 0.68 (the notes"
                + " round the hidden outputs first, 0.62, 0.63 and 0.77, and get 0.756 and then 0.68).");

        page.section("Backward trace of y (dy/d every node)");
        page.trace(BackwardTrace.record(y));
        return g;
    }

    /** {@code y = sigmoid(W2 h1 + b2)} on the given hidden output. */
    private static Node outputLayer(Graph g, Node h1) {
        Node w2 = g.parameter("W2", Tensor.row(OUTPUT));
        Node b2 = g.parameter("b2", Tensor.scalar(BIAS));
        return w2.matmul(h1).setName("W2h1").add(b2).setName("a2").sigmoid().setName("y");
    }
}
