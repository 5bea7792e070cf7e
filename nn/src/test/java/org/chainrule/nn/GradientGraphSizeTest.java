package org.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.nn.loss.Losses;
import org.junit.jupiter.api.Test;

/**
 * How many nodes {@link Graph#gradients} records, pinned: for a stack of {@code L} dense tanh
 * layers ({@code matmul}, {@code add}, {@code tanh}: 3 forward operations each) under the mean
 * softmax cross-entropy, exactly {@code 9 L + 6} nodes for the gradients of every weight and
 * bias: 3 nodes per forward operation (tanh's {@code G - G y^2}: 3; add's bias sum: 1; matmul's
 * {@code G W^T} and {@code X^T G}: 2 each), and 6 for the loss and its seed. Linear in the
 * forward graph, so the backward graph costs a small constant times the forward pass.
 */
class GradientGraphSizeTest {
    @Test
    void gradientsRecordNineNodesPerDenseLayerAndSixForTheLoss() {
        for (int layers : new int[] {1, 2, 5, 10, 50}) {
            Random random = new Random(Seeds.SEED);
            Graph g = new Graph();
            Node h = g.input("X", Tensor.normal(8, 5, 1, random));
            List<Node> parameters = new ArrayList<>();
            int start = g.nodes().size();
            for (int l = 0; l < layers; l++) {
                Node w = g.parameter("W" + l, Tensor.normal(5, 5, 1, random));
                Node b = g.parameter("b" + l, Tensor.normal(1, 5, 1, random));
                parameters.add(w);
                parameters.add(b);
                h = h.matmul(w).add(b).tanh();
            }
            Node loss = Losses.SOFTMAX_CROSS_ENTROPY.apply(h, g.constant(Tensor.column(0, 1, 2, 0, 1, 2, 0, 1)));
            assertEquals(3 * layers + 1, g.nodes().size() - start - parameters.size() - 1, "forward operations");
            int before = g.nodes().size();
            g.gradients(loss, parameters.toArray(new Node[0]));
            assertEquals(9 * layers + 6, g.nodes().size() - before, layers + " layers");
        }
    }
}
