package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.junit.jupiter.api.Test;

/** A picture's probabilities, computed a chunk of points at a time, equal those of one batch. */
class TrainingRunTest {

    @Test
    void probabilitiesInChunksEqualOneBatchAcrossChunkBoundaries() {
        Sequential net = Mlp.builder(2).hidden(5, Activation.TANH).output(1, Activation.IDENTITY).seed(3).build();
        int points = 2 * TrainingRun.PICTURE_CHUNK + 17;
        Tensor grid = Tensor.uniform(points, 2, -3, 3, new Random(5));
        Tensor whole = net.apply(new Graph().input("points", grid)).sigmoid().value();
        Tensor chunked = TrainingRun.probabilityOfClassOne(net).probabilities(grid);
        assertEquals(whole.shape(), chunked.shape());
        for (int i = 0; i < points; i++) {
            assertEquals(whole.get(i, 0), chunked.get(i, 0), 1e-15, "point " + i);
        }
    }
}
