package org.chainrule.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Sgd;
import org.chainrule.nn.train.Trainer;
import org.junit.jupiter.api.Test;

/** The benchmark's hand-written floor computes the same step as Chainrule, so the comparison is fair. */
class HandWrittenMlpTest {

    @Test
    void handWrittenStepsEqualChainruleSteps() {
        for (boolean relu : new boolean[] {true, false}) {
            int[] sizes = relu ? new int[] {7, 5, 3} : new int[] {2, 6, 6, 1};
            int batch = 4;
            Random random = new Random(11);
            Tensor x = Tensor.uniform(batch, sizes[0], -1, 1, random);
            Tensor y = TrainingStepBenchmark.randomTargets(batch, sizes[sizes.length - 1], random);
            Sequential model = TrainingStepBenchmark.model(sizes, relu, 3);
            HandWrittenMlp hand = new HandWrittenMlp(sizes, relu, batch, 0.1, 4);
            List<Parameter> params = model.parameters();
            for (int l = 0; l < sizes.length - 1; l++) {
                hand.weights(l).setTo(params.get(2 * l).mutableValue());
                hand.bias(l).setTo(params.get(2 * l + 1).mutableValue());
            }
            Trainer trainer = Trainer.builder(model, relu ? Losses.SOFTMAX_CROSS_ENTROPY : Losses.SIGMOID_CROSS_ENTROPY,
                    new Sgd(params, 0.1)).build();
            for (int step = 0; step < 3; step++) {
                double chainruleLoss = trainer.step(x, y);
                double handLoss = hand.step(x.toMatrix(), y.toMatrix());
                assertEquals(chainruleLoss, handLoss, 1e-12, "loss at step " + step);
            }
            for (int l = 0; l < sizes.length - 1; l++) {
                assertTrue(Tensor.copyOf(hand.weights(l)).approxEquals(params.get(2 * l).value(), 1e-12), "weights " + l);
                assertTrue(Tensor.copyOf(hand.bias(l)).approxEquals(params.get(2 * l + 1).value(), 1e-12), "bias " + l);
            }
        }
    }
}
