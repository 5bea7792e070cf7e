package org.chainrule.examples.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Sgd;
import org.chainrule.nn.train.NonFiniteLossException;
import org.chainrule.nn.train.Trainer;
import org.chainrule.nn.train.TrainingHistory;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
    /** Writes down every call, as text. */
    private static final class Recording implements ProgressReporter {
        final List<String> calls = new ArrayList<>();
        final List<Double> accuracies = new ArrayList<>();

        @Override
        public void start(int epochs, int stepsPerEpoch) {
            calls.add("start " + epochs + "x" + stepsPerEpoch);
        }

        @Override
        public void step(int epoch, double loss, double accuracy) {
            calls.add("step " + epoch);
            accuracies.add(accuracy);
        }

        @Override
        public void epochEnd(EpochMetrics metrics) {
            calls.add("epoch " + metrics.epoch());
        }

        @Override
        public void finish() {
            calls.add("finish");
        }
    }

    private static Sequential net() {
        return Mlp.builder(2).hidden(3, Activation.TANH).output(1, Activation.IDENTITY).seed(2).build();
    }

    @Test
    void aTrainingRunIsShownStepByStepAndItsEpochsAreKept() {
        Dataset.Split data = Playground.generate(Playground.Kind.GAUSS, 24, 0.2, 5).split(0.5, 6);
        Sequential net = net();
        Recording reporter = new Recording();
        TrainingHistory history;
        List<EpochMetrics> kept;
        try (ProgressListener progress = new ProgressListener(reporter)) {
            history = Trainer.builder(net, Losses.SIGMOID_CROSS_ENTROPY, new Sgd(net.parameters(), 0.1)).epochs(2)
                    .batchSize(5).listener(progress).build().fit(data.train(), data.test());
            kept = List.copyOf(progress.history());
        }
        assertEquals(List.of("start 2x3", "step 1", "step 1", "step 1", "epoch 1", "step 2", "step 2", "step 2",
                "epoch 2", "finish"), reporter.calls);
        assertTrue(reporter.accuracies.stream().allMatch(a -> a >= 0 && a <= 1), reporter.accuracies.toString());
        assertEquals(2, kept.size());
        for (int e = 0; e < 2; e++) {
            var report = history.epochs().get(e);
            assertEquals(new EpochMetrics(report.epoch(), report.trainLoss(), report.trainAccuracy(), report.testLoss(),
                    report.testAccuracy()), kept.get(e));
        }
    }

    @Test
    void closingAfterAFailedRunStillFinishesTheReporterOnce() {
        Dataset data = Playground.generate(Playground.Kind.GAUSS, 40, 0.5, 5);
        Sequential net = Mlp.builder(2).hidden(4, Activation.RELU).output(1, Activation.IDENTITY).seed(1).build();
        Recording reporter = new Recording();
        ProgressListener progress = new ProgressListener(reporter);
        Trainer diverging = Trainer.builder(net, Losses.L2, new Sgd(net.parameters(), 5)).epochs(50).batchSize(8)
                .listener(progress).build();
        assertThrows(NonFiniteLossException.class, () -> diverging.fit(data));
        assertTrue(reporter.calls.stream().noneMatch("finish"::equals), reporter.calls.toString());
        progress.close();
        progress.close();
        assertEquals("finish", reporter.calls.get(reporter.calls.size() - 1));
        assertEquals(1, reporter.calls.stream().filter("finish"::equals).count());
    }

    @Test
    void closingBeforeTrainingStartedLeavesTheReporterAlone() {
        Recording reporter = new Recording();
        new ProgressListener(reporter).close();
        assertEquals(List.of(), reporter.calls);
    }
}
