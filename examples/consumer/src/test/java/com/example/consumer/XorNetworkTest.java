package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.chainrule.core.Tensor;
import org.chainrule.testing.GradientAssertions;
import org.junit.jupiter.api.Test;

/** A tiny network trains to XOR, and a graph with the user's operation in it has exact gradients. */
class XorNetworkTest {

    @Test
    void learnsXor() {
        Tensor scores = XorNetwork.scores(XorNetwork.train(300));
        for (int i = 0; i < 4; i++) {
            assertEquals(XorNetwork.LABELS.get(i, 0), scores.get(i, 0) > 0 ? 1.0 : 0.0, "XOR of row " + i + ": " + scores);
        }
    }

    @Test
    void aGraphWithTheUsersOperationHasExactGradients() {
        Tensor x = Tensor.of(new double[][] {{0.5, -1.5}, {2.0, 0.25}});
        Tensor w = Tensor.of(new double[][] {{0.3, -0.7, 1.1}, {0.9, 0.2, -0.4}});
        GradientAssertions.assertGradients((graph, in) -> graph.apply(Softsign.OPERATION,
                in[0].matmul(in[1])).sum(), x, w);
    }
}
