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
 * softmax cross-entropy, exactly {@code 7 L + 7} nodes for the gradients of every weight and
 * bias. Per layer 7: tanh's {@code G - G y^2} is 4 ({@code sub} is composed of a negation and
 * an add), the bias's gradient summed back over the rows 1, and matmul's {@code G W^T} and
 * {@code X^T G} one product each with a transposed operand, 2 (the first layer's input needs no
 * gradient, so 1). The loss is 8: the seed, the identity whose rows make the class indices
 * one-hot, the lookup, softmax, the subtraction (2), the product with {@code G} and the scale by
 * {@code 1/m}. Linear in the forward graph, so the backward graph costs a small constant times
 * the forward pass. (Before matmul's rule used the transposed products it was {@code 9 L + 6}:
 * a {@code transpose} node per product.)
 */
class GradientGraphSizeTest {
    @Test
    void gradientsRecordSevenNodesPerDenseLayerAndSevenMore() {
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
            assertEquals(7 * layers + 7, g.nodes().size() - before, layers + " layers");
        }
    }
}
