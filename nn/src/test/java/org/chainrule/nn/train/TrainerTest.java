package org.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.AnomalyException;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Seeds;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.Momentum;
import org.chainrule.nn.optim.Sgd;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final Dataset XOR = new Dataset(Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
            new int[] {0, 1, 1, 0}, 2);

    private static List<Tensor> values(Sequential net) {
        List<Tensor> values = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            values.add(p.value());
        }
        return values;
    }

    @Test
    void xorIsLearnedPerfectlyByATwoFourOneNetworkWithTheNotesUpdate() {
        Sequential net = Mlp.builder(2).hidden(4, Activation.TANH).output(1, Activation.SIGMOID).seed(1).build();
        Trainer trainer = Trainer.builder(net, Losses.BINARY_CROSS_ENTROPY, new Sgd(net.parameters(), 0.5))
                .epochs(1000).batchSize(4).build();
        TrainingHistory history = trainer.fit(XOR);
        assertEquals(1.0, history.last().trainAccuracy(), history.last().toString());
        assertTrue(history.last().trainLoss() < 0.05, history.last().toString());
        Tensor p = net.predict(XOR.features());
        for (int i = 0; i < 4; i++) {
            assertEquals(XOR.label(i), p.get(i, 0) >= 0.5 ? 1 : 0, p.toString());
        }
    }

    @Test
    void twoSpiralsAreLearnedToAtLeastNinetyFivePercent() {
        Dataset spirals = Playground.generate(Playground.Kind.SPIRAL, 200, 0.05, Seeds.SEED);
        Sequential net = Mlp.builder(2).hidden(16, Activation.TANH).hidden(16, Activation.TANH)
                .output(1, Activation.IDENTITY).seed(3).build();
        Trainer trainer = Trainer.builder(net, Losses.SIGMOID_CROSS_ENTROPY, new Adam(net.parameters(), 0.01))
                .epochs(300).batchSize(10).seed(4).build();
        TrainingHistory history = trainer.fit(spirals);
        assertTrue(history.last().trainAccuracy() >= 0.95, Seeds.seeded(history.last().toString()));
        assertEquals(history.last().trainAccuracy(), trainer.evaluate(spirals).accuracy());
    }

    @Test
    void threeClassesWithSoftmaxCrossEntropyUseOneHotTargetsAndTheLargestScore() {
        Random random = new Random(Seeds.SEED);
        int perClass = 30;
        double[][] points = new double[3 * perClass][];
        int[] labels = new int[3 * perClass];
        double[][] centres = {{-3, 0}, {3, 0}, {0, 4}};
        for (int i = 0; i < points.length; i++) {
            labels[i] = i / perClass;
            points[i] = new double[] {centres[labels[i]][0] + random.nextGaussian(), centres[labels[i]][1] + random.nextGaussian()};
        }
        Dataset.Split split = new Dataset(Tensor.of(points), labels, 3).split(0.5, 1);
        Sequential net = Mlp.builder(2).hidden(8, Activation.RELU).output(3, Activation.IDENTITY).seed(5).build();
        Trainer trainer = Trainer.builder(net, Losses.SOFTMAX_CROSS_ENTROPY, new Momentum(net.parameters(), 0.05, 0.9))
                .epochs(60).batchSize(8).build();
        EpochReport last = trainer.fit(split.train(), split.test()).last();
        assertTrue(last.trainAccuracy() >= 0.95 && last.testAccuracy() >= 0.9, Seeds.seeded(last.toString()));
    }

    private static Trainer spiralTrainer(Sequential net, long shuffleSeed, TrainingListener listener) {
        return Trainer.builder(net, Losses.SIGMOID_CROSS_ENTROPY, new Adam(net.parameters(), 0.01))
                .epochs(3).batchSize(7).seed(shuffleSeed).listener(listener).build();
    }

    /**
     * Trainer.step records each batch in the last step's graph, recycled. With batch sizes
     * that change (so some buffers fit and some do not) and evaluations in between, it must
     * compute exactly what a loop with a new graph every step computes.
     */
    @Test
    void recycledStepsEqualStepsOnNewGraphsWhateverTheBatchSizesAndEvaluations() {
        Dataset data = Playground.generate(Playground.Kind.SPIRAL, 40, 0.1, 5);
        Sequential recycled = Mlp.builder(2).hidden(5, Activation.TANH).hidden(4, Activation.RELU)
                .output(1, Activation.IDENTITY).seed(6).build();
        Sequential fresh = Mlp.builder(2).hidden(5, Activation.TANH).hidden(4, Activation.RELU)
                .output(1, Activation.IDENTITY).seed(6).build();
        Trainer trainer = Trainer.builder(recycled, Losses.SIGMOID_CROSS_ENTROPY, new Adam(recycled.parameters(), 0.05))
                .build();
        Adam freshOptimizer = new Adam(fresh.parameters(), 0.05);
        int from = 0;
        for (int size : new int[] {5, 3, 5, 5, 1, 7, 5, 2}) {
            Dataset batch = data.subset(java.util.stream.IntStream.range(from, from + size).toArray());
            from += size;
            double loss = trainer.step(batch.features(), batch.binaryTargets());
            org.chainrule.graph.Graph g = new org.chainrule.graph.Graph();
            org.chainrule.graph.Node l = Losses.SIGMOID_CROSS_ENTROPY.apply(fresh.apply(g.input(batch.features())),
                    g.constant(batch.binaryTargets()));
            assertEquals(l.value().item(), loss, 0, "loss of the batch of " + size);
            freshOptimizer.zeroGradients();
            g.backward(l);
            freshOptimizer.step();
            for (int i = 0; i < recycled.parameters().size(); i++) {
                assertTrue(fresh.parameters().get(i).value().approxEquals(recycled.parameters().get(i).value(), 0),
                        recycled.parameters().get(i).name() + " after the batch of " + size);
            }
            if (size == 5) {
                trainer.evaluate(data); // in between: must not disturb the next step
            }
        }
    }

    @Test
    void theSameSeedsGiveBitIdenticalWeights() {
        Dataset data = Playground.generate(Playground.Kind.SPIRAL, 60, 0.1, 2);
        Sequential first = Mlp.builder(2).hidden(5, Activation.TANH).output(1, Activation.IDENTITY).seed(8).build();
        Sequential second = Mlp.builder(2).hidden(5, Activation.TANH).output(1, Activation.IDENTITY).seed(8).build();
        Sequential reshuffled = Mlp.builder(2).hidden(5, Activation.TANH).output(1, Activation.IDENTITY).seed(8).build();
        spiralTrainer(first, 11, new TrainingListener() { }).fit(data);
        spiralTrainer(second, 11, new TrainingListener() { }).fit(data);
        spiralTrainer(reshuffled, 12, new TrainingListener() { }).fit(data);
        assertEquals(values(first), values(second));
        assertNotEquals(values(first), values(reshuffled));
    }

    @Test
    void listenersHearEveryStepAndEpochInOrder() {
        Dataset data = Playground.generate(Playground.Kind.GAUSS, 20, 0.1, 3);
        Dataset.Split split = data.split(0.5, 4);
        Sequential net = Mlp.builder(2).hidden(3, Activation.TANH).output(1, Activation.IDENTITY).build();
        List<String> events = new ArrayList<>();
        List<StepReport> steps = new ArrayList<>();
        Trainer[] trainer = new Trainer[1];
        TrainingListener listener = new TrainingListener() {
            @Override
            public void trainingStarted(int epochs, int stepsPerEpoch) {
                events.add("start " + epochs + "x" + stepsPerEpoch);
            }

            @Override
            public void stepFinished(StepReport report) {
                steps.add(report);
                events.add("step " + report.epoch() + "." + report.step());
            }

            @Override
            public void epochFinished(EpochReport report) {
                events.add("epoch " + report.epoch());
                Evaluation train = trainer[0].evaluate(split.train());
                Evaluation test = trainer[0].evaluate(split.test());
                assertEquals(train.loss(), report.trainLoss());
                assertEquals(train.accuracy(), report.trainAccuracy());
                assertEquals(test.loss(), report.testLoss());
                assertEquals(test.accuracy(), report.testAccuracy());
            }

            @Override
            public void trainingFinished(TrainingHistory history) {
                events.add("finish " + history.epochs().size());
            }
        };
        trainer[0] = spiralTrainer(net, 1, listener);
        TrainingHistory history = trainer[0].fit(split.train(), split.test());
        assertEquals(List.of("start 3x2", "step 1.1", "step 1.2", "epoch 1", "step 2.1", "step 2.2", "epoch 2",
                "step 3.1", "step 3.2", "epoch 3", "finish 3"), events);
        assertEquals(List.of(7, 3, 7, 3, 7, 3), steps.stream().map(StepReport::batchSize).toList());
        StepReport last = steps.get(steps.size() - 1);
        assertEquals(6, last.completedSteps());
        assertEquals(6, last.totalSteps());
        assertEquals(1.0, last.progress());
        assertEquals(3, history.epochs().size());
    }

    @Test
    void aStepReportsItsBatchLossAndAccuracyBeforeItsUpdate() {
        Dataset data = Playground.generate(Playground.Kind.CIRCLE, 30, 0.1, 3);
        Sequential net = Mlp.builder(2).hidden(3, Activation.TANH).output(1, Activation.IDENTITY).seed(5).build();
        List<StepReport> steps = new ArrayList<>();
        Trainer trainer = Trainer.builder(net, Losses.SIGMOID_CROSS_ENTROPY, new Sgd(net.parameters(), 0.5)).epochs(1)
                .batchSize(30).listener(new TrainingListener() {
                    @Override
                    public void stepFinished(StepReport report) {
                        steps.add(report);
                    }
                }).build();
        Evaluation before = trainer.evaluate(data);
        assertTrue(before.accuracy() > 0 && before.accuracy() < 1, "a batch with right and wrong answers: " + before);
        trainer.fit(data);
        assertEquals(1, steps.size());
        assertEquals(Math.round(30 * before.accuracy()), steps.get(0).correct());
        assertEquals(before.accuracy(), steps.get(0).accuracy(), 1e-12);
        assertEquals(before.loss(), steps.get(0).loss(), 1e-12);
    }

    @Test
    void runningTrainingMetricsAreTheSizeWeightedMeanOfTheBatchLosses() {
        Dataset data = Playground.generate(Playground.Kind.CIRCLE, 23, 0.1, 3);
        for (Loss loss : new Loss[] {Losses.SIGMOID_CROSS_ENTROPY, Losses.L2}) {
            Sequential net = Mlp.builder(2).hidden(3, Activation.TANH).output(1, Activation.IDENTITY).build();
            List<StepReport> steps = new ArrayList<>();
            Trainer trainer = Trainer.builder(net, loss, new Sgd(net.parameters(), 0.01)).epochs(1).batchSize(5)
                    .evaluateTrainingSet(false).listener(new TrainingListener() {
                        @Override
                        public void stepFinished(StepReport report) {
                            steps.add(report);
                        }
                    }).build();
            EpochReport report = trainer.fit(data).last();
            double expected = 0;
            int correct = 0;
            for (StepReport s : steps) {
                expected += loss == Losses.L2 ? s.loss() : s.loss() * s.batchSize() / 23.0;
                correct += s.correct();
            }
            assertEquals(expected, report.trainLoss(), 1e-12 * Math.max(1, expected), loss.name());
            assertEquals(correct / 23.0, report.trainAccuracy(), loss.name());
            assertTrue(Double.isNaN(report.testLoss()) && Double.isNaN(report.testAccuracy()));
        }
    }

    @Test
    void evaluationInChunksCombinesAsTheLossReduces() {
        Dataset data = Playground.generate(Playground.Kind.CIRCLE, 50, 0.1, 3);
        Sequential net = Mlp.builder(2).hidden(3, Activation.TANH).output(1, Activation.SIGMOID).seed(2).build();
        for (Loss loss : new Loss[] {Losses.BINARY_CROSS_ENTROPY, Losses.L2}) {
            Evaluation whole = Trainer.builder(net, loss, new Sgd(net.parameters(), 0.1)).build().evaluate(data);
            Evaluation chunked = Trainer.builder(net, loss, new Sgd(net.parameters(), 0.1)).evaluationBatchSize(7)
                    .build().evaluate(data);
            assertEquals(whole.loss(), chunked.loss(), 1e-12 * whole.loss(), loss.name());
            assertEquals(whole.accuracy(), chunked.accuracy());
        }
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingEpochAndStepBeforeThatStepsUpdate() {
        Dataset data = Playground.generate(Playground.Kind.GAUSS, 40, 0.5, 5);
        Sequential net = Mlp.builder(2).hidden(4, Activation.RELU).output(1, Activation.IDENTITY).seed(1).build();
        List<Tensor> lastSeen = new ArrayList<>();
        int[] epochsSeen = new int[1];
        Trainer trainer = Trainer.builder(net, Losses.L2, new Sgd(net.parameters(), 5)).epochs(50).batchSize(8)
                .listener(new TrainingListener() {
                    @Override
                    public void stepFinished(StepReport report) {
                        lastSeen.clear();
                        lastSeen.addAll(values(net));
                    }

                    @Override
                    public void epochFinished(EpochReport report) {
                        epochsSeen[0] = report.epoch();
                    }
                }).build();
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.fit(data));
        assertTrue(e.getMessage().matches("training stopped: the loss is (NaN|Infinity) at epoch " + e.epoch()
                + ", step " + e.step() + " of 5; that step's update was not applied\\..*"), e.getMessage());
        assertTrue(e.epoch() >= 1 && e.step() >= 1 && e.step() <= 5, e.getMessage());
        assertEquals(e.epoch() - 1, epochsSeen[0]);
        assertTrue(!Double.isFinite(e.loss()));
        assertEquals(lastSeen, values(net), "the parameters are those after the last finite step");
    }

    @Test
    void aSingleStepUpdatesOrRefusesANonFiniteLoss() {
        Sequential net = Mlp.builder(2).hidden(3, Activation.TANH).output(1, Activation.IDENTITY).seed(1).build();
        Trainer trainer = Trainer.builder(net, Losses.MEAN_SQUARED_ERROR, new Sgd(net.parameters(), 0.1)).build();
        List<Tensor> before = values(net);
        double loss = trainer.step(XOR.features(), XOR.binaryTargets());
        assertTrue(Double.isFinite(loss) && loss > 0);
        assertNotEquals(before, values(net));
        List<Tensor> after = values(net);
        DMatrixRMaj bad = XOR.features().toMatrix();
        bad.set(0, 0, Double.NaN);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> trainer.step(Tensor.adopt(bad), XOR.binaryTargets()));
        assertTrue(e.getMessage().startsWith("training stopped: the loss is NaN in this step;"), e.getMessage());
        assertEquals(0, e.epoch());
        assertEquals(after, values(net));
    }

    @Test
    void builderChecksItsNumbers() {
        Sequential net = Mlp.builder(2).output(1, Activation.SIGMOID).build();
        TrainerBuilder builder = Trainer.builder(net, Losses.L2, new Sgd(net.parameters(), 0.1));
        ChainruleException e = assertThrows(ChainruleException.class, () -> builder.epochs(0));
        assertEquals("trainer: epochs must be at least 1, got 0", e.getMessage());
        assertThrows(ChainruleException.class, () -> builder.batchSize(-1));
        assertThrows(ChainruleException.class, () -> builder.evaluationBatchSize(0));
    }

    @Test
    void withAnomalyDetectionADivergingRunStopsAtTheOperationThatFirstMadeANonFiniteValue() {
        Dataset data = Playground.generate(Playground.Kind.GAUSS, 40, 0.5, 5);
        Sequential net = Mlp.builder(2).hidden(4, Activation.RELU).output(1, Activation.IDENTITY).seed(1).build();
        Trainer trainer = Trainer.builder(net, Losses.L2, new Sgd(net.parameters(), 5)).epochs(50).batchSize(8)
                .detectAnomalies(true).build();
        AnomalyException e = assertThrows(AnomalyException.class, () -> trainer.fit(data));
        // The same run without detection ends in NonFiniteLossException (above); with it, the first
        // overflow is named where it happens, in whichever pass that is.
        assertTrue(e.getMessage().startsWith(e.pass() == AnomalyException.Pass.FORWARD ? "forward pass: " + e.operation()
                : "backward pass: the gradient that " + e.operation()), e.getMessage());
        assertTrue(!Double.isFinite(e.value()), e.getMessage());
    }

    @Test
    void aModelWhoseOutputWidthDoesNotFitTheClassesIsRefusedClearly() {
        Dataset threeClasses = new Dataset(Tensor.of(new double[][] {{0, 1}, {1, 0}, {1, 1}}), new int[] {0, 1, 2}, 3);
        Sequential one = Mlp.builder(2).output(1, Activation.IDENTITY).build();
        ChainruleException e = assertThrows(ChainruleException.class, () -> Trainer.builder(one,
                Losses.SIGMOID_CROSS_ENTROPY, new Sgd(one.parameters(), 0.1)).build().fit(threeClasses));
        assertEquals("trainer: the model has 1 output column, which makes a binary classifier, but the data has 3"
                + " classes: give the model one output per class", e.getMessage());
        Sequential two = Mlp.builder(2).output(2, Activation.IDENTITY).build();
        e = assertThrows(ChainruleException.class, () -> Trainer.builder(two, Losses.SOFTMAX_CROSS_ENTROPY,
                new Sgd(two.parameters(), 0.1)).build().evaluate(threeClasses));
        assertEquals("trainer: the model has 2 output columns but the data has 3 classes: a classifier needs one output"
                + " per class (or one for two classes)", e.getMessage());
        Sequential wide = Mlp.builder(3).output(2, Activation.IDENTITY).build();
        ShapeMismatchException shapes = assertThrows(ShapeMismatchException.class, () -> Trainer.builder(wide,
                Losses.SOFTMAX_CROSS_ENTROPY, new Sgd(wide.parameters(), 0.1)).build().fit(XOR));
        assertTrue(shapes.getMessage().startsWith("linear 'layer1': expects 3 features per example but got 2"),
                shapes.getMessage());
    }
}
