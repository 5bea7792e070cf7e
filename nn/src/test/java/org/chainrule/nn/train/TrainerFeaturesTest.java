package org.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Init;
import org.chainrule.nn.Linear;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Module;
import org.chainrule.nn.Seeds;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.Standardization;
import org.chainrule.nn.checkpoint.Checkpoint;
import org.chainrule.nn.checkpoint.CheckpointContents;
import org.chainrule.nn.checkpoint.CheckpointException;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Targets;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.LearningRateSchedule;
import org.chainrule.nn.optim.Optimizer;
import org.chainrule.nn.optim.OptimizerState;
import org.chainrule.nn.optim.Sgd;
import org.chainrule.nn.optim.WeightDecay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer beyond one-input classifiers: regression, any module, refusals, schedules, stopping, resuming. */
class TrainerFeaturesTest {
    @TempDir
    Path dir;

    /** {@code y = 300 + 40 x1 - 25 x2 + noise}, in units far from 0 and 1. */
    private static Dataset linearData(int m, double noise, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[m][2];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[i][0] = 10 + 3 * random.nextGaussian();
            x[i][1] = -5 + random.nextGaussian();
            y[i] = 300 + 40 * x[i][0] - 25 * x[i][1] + noise * random.nextGaussian();
        }
        return Dataset.regression(Tensor.of(x), Tensor.column(y));
    }

    private static Sequential regressor(Dataset train, long seed) {
        Sequential mlp = Mlp.builder(train.featureCount()).hidden(8, Activation.TANH).output(1, Activation.IDENTITY)
                .seed(seed).build();
        return Sequential.of(Standardization.fittedTo(train.features()).standardizing(), mlp,
                Standardization.fittedTo(train.targets().matrix()).restoring());
    }

    private static long[] bits(Module model) {
        List<Long> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            for (double v : p.mutableValue().data) {
                all.add(Double.doubleToRawLongBits(v));
            }
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void aRegressionOnStandardisedTargetsReportsRmseAndRSquaredInTheDataUnits() {
        Dataset.Split data = linearData(400, 5, Seeds.SEED).split(0.75, 1);
        Sequential model = regressor(data.train(), 2);
        Trainer trainer = Trainer.builder(model, Task.regression(Losses.MEAN_SQUARED_ERROR,
                        Standardization.fittedTo(data.train().targets().matrix())), new Adam(model.parameters(), 0.01))
                .epochs(60).batchSize(16).seed(3).build();
        EpochReport last = trainer.fit(data.train(), data.test()).last();
        Tensor predicted = model.predict(data.test().features());
        Tensor truth = data.test().targets().matrix();
        // the figures are the data's own: RMSE a little above the noise's 5 (the signal's spread is about 130),
        // and the mean squared error is its square
        assertEquals(Metrics.rmse(predicted, truth), last.test().rmse(), 1e-9);
        assertEquals(last.test().rmse() * last.test().rmse(), last.testLoss(), 1e-6 * last.testLoss());
        assertTrue(last.test().rmse() > 4 && last.test().rmse() < 10, Seeds.seeded(last.toString()));
        assertTrue(last.test().rSquared() > 0.99, Seeds.seeded(last.toString()));
        assertTrue(Double.isNaN(last.testAccuracy()));
    }

    @Test
    void rmseAndRSquaredMatchTheirDefinitions() {
        Tensor t = Tensor.of(new double[][] {{1, 10}, {2, 10}, {3, 10}});
        Tensor y = Tensor.of(new double[][] {{1.5, 10}, {2, 10}, {2, 11}});
        // squared errors 0.25, 0, 1, 0, 0, 1 over 6 entries
        assertEquals(Math.sqrt(2.25 / 6), Metrics.rmse(y, t), 1e-15);
        // column 0: 1 - 1.25 / 2; column 1 does not vary and is missed once: 0
        assertEquals((1 - 1.25 / 2 + 0) / 2, Metrics.rSquared(y, t), 1e-15);
        assertEquals(1.0, Metrics.rSquared(t, t));
    }

    /** Two inputs: token indices (whole numbers) looked up in an embedding table, and real features. */
    private static final class TokenAndFeatures implements Module {
        private final Parameter table = new Parameter("embedding", Tensor.uniform(4, 3, -0.5, 0.5, 7));
        private final Linear head = new Linear("head", 5, 2, Init.GLOROT_UNIFORM, new Random(8));

        @Override
        public List<Parameter> parameters() {
            return Module.parametersOf(head, new Module() {
                public List<Parameter> parameters() {
                    return List.of(table);
                }

                public Node apply(Node... inputs) {
                    throw new UnsupportedOperationException();
                }
            });
        }

        @Override
        public Node apply(Node... inputs) {
            Module.requireInputs("token and features", 2, inputs);
            Node embedded = inputs[0].graph().parameter(table).gatherRows(inputs[0]);
            return head.apply(embedded.concatColumns(inputs[1]));
        }
    }

    @Test
    void aTwoInputModuleWithWholeNumberTokenInputsTrains() {
        Random random = new Random(Seeds.SEED);
        int m = 200;
        double[] tokens = new double[m];
        double[][] features = new double[m][2];
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            tokens[i] = random.nextInt(4);
            features[i][0] = random.nextGaussian();
            features[i][1] = random.nextGaussian();
            // the class needs both inputs: tokens 0 and 1 lean one way, 2 and 3 the other, the feature decides near 0
            labels[i] = (tokens[i] < 2 ? 1 : -1) + 2 * features[i][0] > 0 ? 1 : 0;
        }
        Dataset data = new Dataset(List.of(Tensor.column(tokens), Tensor.of(features)), Targets.classIndices(labels, 2));
        TokenAndFeatures model = new TokenAndFeatures();
        Trainer trainer = Trainer.builder(model, Losses.SOFTMAX_CROSS_ENTROPY, new Adam(model.parameters(), 0.05))
                .epochs(60).batchSize(20).seed(1).build();
        double before = trainer.evaluate(data).accuracy();
        Tensor tableBefore = model.table.value();
        EpochReport last = trainer.fit(data).last();
        assertTrue(last.trainAccuracy() >= 0.95, Seeds.seeded(before + " -> " + last));
        assertNotEquals(tableBefore, model.table.value(), "the embedding table is trained through the index input");
    }

    @Test
    void oneHotTargetsTrainLikeClassIndices() {
        Dataset xor = new Dataset(Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}), new int[] {0, 1, 1, 0}, 2);
        Dataset oneHot = new Dataset(List.of(xor.features()), Targets.oneHot(xor.oneHotTargets()));
        long[][] results = new long[2][];
        int k = 0;
        for (Dataset d : List.of(xor, oneHot)) {
            Sequential net = Mlp.builder(2).hidden(4, Activation.TANH).output(2, Activation.IDENTITY).seed(1).build();
            Trainer.builder(net, Losses.SOFTMAX_CROSS_ENTROPY, new Sgd(net.parameters(), 0.5)).epochs(20).batchSize(2)
                    .build().fit(d);
            results[k++] = bits(net);
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void anOptimizerOverAnotherModelsParametersIsRefusedBeforeTheFirstStep() {
        Sequential model = Mlp.builder(2).output(1, Activation.IDENTITY).seed(1).build();
        Sequential other = Mlp.builder(2).output(1, Activation.IDENTITY).seed(2).build();
        ChainruleException e = assertThrows(ChainruleException.class, () -> Trainer.builder(model,
                Losses.SIGMOID_CROSS_ENTROPY, new Sgd(other.parameters(), 0.1)).build());
        assertTrue(e.getMessage().startsWith("trainer: the optimizer updates none of the model's parameters (it holds"
                + " 'layer1.weight', 'layer1.bias'; the model has 'layer1.weight', 'layer1.bias'"), e.getMessage());
    }

    @Test
    void aParameterTheOptimizerLeavesOutIsRefusedUnlessFrozen() {
        Sequential model = Mlp.builder(2).hidden(3, Activation.TANH).output(1, Activation.IDENTITY).seed(1).build();
        List<Parameter> p = model.parameters();
        Optimizer partial = new Sgd(p.subList(2, 4), 0.1);
        ChainruleException e = assertThrows(ChainruleException.class, () -> Trainer.builder(model,
                Losses.SIGMOID_CROSS_ENTROPY, partial).build());
        assertEquals("trainer: the optimizer does not update the model's parameters 'layer1.weight', 'layer1.bias':"
                + " give the optimizer model.parameters(), or mark them frozen with TrainerBuilder.freeze(...)",
                e.getMessage());
        Trainer frozen = Trainer.builder(model, Losses.SIGMOID_CROSS_ENTROPY, partial).freeze(p.get(0), p.get(1))
                .epochs(3).build();
        Tensor first = p.get(0).value();
        Tensor last = p.get(2).value();
        frozen.fit(new Dataset(Tensor.of(new double[][] {{0, 1}, {1, 0}}), new int[] {0, 1}, 2));
        assertEquals(first, p.get(0).value(), "a frozen parameter keeps its value");
        assertNotEquals(last, p.get(2).value());
        e = assertThrows(ChainruleException.class, () -> Trainer.builder(model, Losses.SIGMOID_CROSS_ENTROPY,
                new Sgd(p, 0.1)).freeze(p.get(3)).build());
        assertEquals("trainer: 'layer2.bias' is marked frozen but the optimizer updates it: leave them out of the"
                + " optimizer", e.getMessage());
    }

    @Test
    void gradientsAreClippedToTheGlobalNorm() {
        Parameter w = new Parameter("w", Tensor.row(0, 0));
        Module model = new Module() {
            public List<Parameter> parameters() {
                return List.of(w);
            }

            public Node apply(Node... x) {
                return x[0].mul(x[0].graph().parameter(w)).sum(org.chainrule.core.Axis.EACH_ROW);
            }
        };
        // loss = mean((x w - t)^2) with x = [3, 4], t = 100: gradient 2 (0 - 100) [3, 4] = [-600, -800], norm 1000
        Dataset one = Dataset.regression(Tensor.of(new double[][] {{3, 4}}), Tensor.column(100));
        Trainer.builder(model, Losses.MEAN_SQUARED_ERROR, new Sgd(List.of(w), 1)).clipGradientNorm(2).batchSize(1)
                .build().fit(one);
        assertEquals(1.2, w.value().get(0, 0), 1e-12, "a step of length 2 in the gradient's direction");
        assertEquals(1.6, w.value().get(0, 1), 1e-12);
    }

    @Test
    void theTrainerSetsTheScheduledRateBeforeEveryUpdate() {
        Sequential model = Mlp.builder(2).output(1, Activation.IDENTITY).seed(1).build();
        Adam adam = new Adam(model.parameters(), 0.1);
        LearningRateSchedule schedule = LearningRateSchedule.step(3, 0.5).withWarmup(2);
        List<Double> seen = new ArrayList<>();
        Dataset data = new Dataset(Tensor.of(new double[][] {{0, 1}, {1, 0}, {1, 1}, {0, 0}}), new int[] {0, 1, 1, 0}, 2);
        Trainer.builder(model, Losses.SIGMOID_CROSS_ENTROPY, adam).schedule(schedule).epochs(4).batchSize(2)
                .listener(new TrainingListener() {
                    @Override
                    public void stepFinished(StepReport r) {
                        seen.add(adam.learningRate());
                    }
                }).build().fit(data);
        assertEquals(List.of(0.05, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05), seen);
    }

    @Test
    void theReadySchedulesFollowTheirFormulas() {
        assertEquals(0.1 * 0.9 * 0.9, LearningRateSchedule.exponential(0.9).rate(2, 0.1), 1e-15);
        assertEquals(0.25, LearningRateSchedule.step(10, 0.5).rate(25, 1), 0);
        LearningRateSchedule cosine = LearningRateSchedule.cosine(100, 0.001);
        assertEquals(0.1, cosine.rate(0, 0.1), 1e-15);
        assertEquals((0.1 + 0.001) / 2, cosine.rate(50, 0.1), 1e-15);
        assertEquals(0.001, cosine.rate(100, 0.1), 1e-15);
        assertEquals(0.001, cosine.rate(1000, 0.1), 1e-15);
        assertEquals(0.1 / 4, cosine.withWarmup(4).rate(0, 0.1), 1e-15);
        assertEquals(0.1, cosine.withWarmup(4).rate(4, 0.1), 1e-15);
        assertEquals(0.3, LearningRateSchedule.constant().rate(99, 0.3));
    }

    /** Sets w's gradient to g by differentiating sum(g * w). */
    private static void gradient(Parameter w, double... g) {
        w.zeroGradient();
        org.chainrule.graph.Graph graph = new org.chainrule.graph.Graph();
        graph.backward(graph.parameter(w).mul(graph.constant(Tensor.row(g))).sum());
    }

    @Test
    void l2DecayAddsToTheGradientAndDecoupledDecayShrinksTheWeightsAndBiasesAreSkipped() {
        Parameter w = new Parameter("layer.weight", Tensor.row(2));
        Parameter b = new Parameter("layer.bias", Tensor.row(2));
        Sgd sgd = new Sgd(List.of(w, b), 0.1);
        sgd.setWeightDecay(WeightDecay.l2(0.5));
        gradient(w, 1);
        gradient(b, 1);
        sgd.step();
        assertEquals(2 - 0.1 * (1 + 0.5 * 2), w.value().item(), 1e-15);
        assertEquals(2 - 0.1, b.value().item(), 1e-15, "biases are not decayed by default");
        assertEquals(1, w.gradient().item(), "the gradient itself is left as it was");

        // AdamW: p = p - alpha lambda p, then Adam's step, whose first update is alpha sign(g)
        Parameter v = new Parameter("v", Tensor.row(2));
        Adam adamW = Adam.adamW(List.of(v), 0.1, 0.5);
        gradient(v, 3);
        adamW.step();
        assertEquals(2 * (1 - 0.1 * 0.5) - 0.1, v.value().item(), 1e-9);
        // L2 with Adam divides the decay by the moment estimate: the first step is alpha sign(g + lambda p) = 0.1
        Parameter u = new Parameter("u", Tensor.row(2));
        Adam adamL2 = new Adam(List.of(u), 0.1);
        adamL2.setWeightDecay(WeightDecay.l2(0.5));
        gradient(u, 3);
        adamL2.step();
        assertEquals(2 - 0.1, u.value().item(), 1e-9);
        Sgd all = new Sgd(List.of(b), 0.1);
        all.setWeightDecay(WeightDecay.l2(0.5).applyingTo(p -> true));
        gradient(b, 0);
        all.step();
        assertEquals((2 - 0.1) * (1 - 0.05), b.value().item(), 1e-15, "configured to decay biases too");
    }

    @Test
    void aListenerCanStopTheRun() {
        Sequential model = Mlp.builder(2).output(1, Activation.IDENTITY).seed(1).build();
        Dataset data = new Dataset(Tensor.of(new double[][] {{0, 1}, {1, 0}}), new int[] {0, 1}, 2);
        TrainingHistory history = Trainer.builder(model, Losses.SIGMOID_CROSS_ENTROPY, new Sgd(model.parameters(), 0.1))
                .epochs(50).listener(stopAfter(7)).build().fit(data);
        assertEquals(7, history.epochs().size());
    }

    private static TrainingListener stopAfter(int epoch) {
        return new TrainingListener() {
            private int seen;

            @Override
            public void epochFinished(EpochReport report) {
                seen = report.epoch();
            }

            @Override
            public boolean stopRequested() {
                return seen >= epoch;
            }
        };
    }

    @Test
    void earlyStoppingWatchesTheValidationPartAndRestoresTheBestWeights() {
        Dataset.Split data = linearData(120, 40, Seeds.SEED).split(0.5, 1);
        Sequential model = Sequential.of(Standardization.fittedTo(data.train().features()).standardizing(),
                Mlp.builder(2).hidden(64, Activation.TANH).hidden(64, Activation.TANH).output(1, Activation.IDENTITY)
                        .seed(2).build(), Standardization.fittedTo(data.train().targets().matrix()).restoring());
        EarlyStopping stopping = new EarlyStopping(model, Metric.RMSE, 5);
        List<long[]> weights = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        TrainingHistory history = Trainer.builder(model, Task.regression(Losses.MEAN_SQUARED_ERROR,
                        Standardization.fittedTo(data.train().targets().matrix())), new Adam(model.parameters(), 0.03))
                .validationRatio(0.3).epochs(400).batchSize(8).seed(3)
                .listener(new TrainingListener() {
                    @Override
                    public void epochFinished(EpochReport r) {
                        weights.add(bits(model));
                        validation.add(r.validation().rmse());
                        assertNotEquals(r.validation().rmse(), r.test().rmse());
                    }
                })
                .listener(stopping).build().fit(data.train(), data.test());
        int epochs = history.epochs().size();
        assertTrue(epochs < 400, "an over-sized network on noisy data stops early: " + epochs);
        int best = stopping.bestEpoch();
        assertEquals(epochs - 5, best, "stopped after 5 epochs without improvement");
        assertEquals(validation.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), validation.get(best - 1));
        assertArrayEquals(weights.get(best - 1), bits(model), "the best epoch's weights are back");

        Sequential plain = Mlp.builder(2).output(1, Activation.IDENTITY).build();
        ChainruleException e = assertThrows(ChainruleException.class, () -> Trainer.builder(plain,
                Losses.MEAN_SQUARED_ERROR, new Sgd(plain.parameters(), 0.01))
                .listener(new EarlyStopping(plain, Metric.LOSS, 3)).build().fit(data.train(), data.test()));
        assertTrue(e.getMessage().startsWith("early stopping watches the validation part, but the trainer has none"),
                e.getMessage());
    }

    /** A run with every kind of state: Adam's moments, a schedule, validation, early stopping, clipping. */
    private TrainerBuilder fullRun(Sequential model, Dataset train, int epochs) {
        Adam adam = Adam.adamW(model.parameters(), 0.02, 0.01);
        return Trainer.builder(model, Task.regression(Losses.huber(1), Standardization.fittedTo(
                        train.targets().matrix())), adam)
                .schedule(LearningRateSchedule.cosine(200, 1e-4).withWarmup(10)).clipGradientNorm(5)
                .validationRatio(0.2).epochs(epochs).batchSize(7).seed(11)
                .listener(new EarlyStopping(model, Metric.R_SQUARED, 100));
    }

    @Test
    void aResumedRunIsBitIdenticalToAnUninterruptedOne() {
        Dataset.Split data = linearData(90, 8, Seeds.SEED).split(0.8, 1);
        Sequential uninterrupted = regressor(data.train(), 5);
        TrainingHistory whole = fullRun(uninterrupted, data.train(), 9).build().fit(data.train(), data.test());

        Path file = dir.resolve("run.ckpt");
        Sequential first = regressor(data.train(), 5);
        fullRun(first, data.train(), 9).checkpointTo(file).listener(stopAfter(4)).build()
                .fit(data.train(), data.test());
        Sequential resumed = regressor(data.train(), 5); // fresh weights: everything comes from the file
        TrainingHistory rest = fullRun(resumed, data.train(), 9).resumeFrom(file).build().fit(data.train(), data.test());

        assertEquals(5, rest.epochs().size());
        assertEquals(whole.epochs().subList(4, 9), rest.epochs(), "every figure of epochs 5 to 9");
        assertArrayEquals(bits(uninterrupted), bits(resumed));
        assertNotEquals(whole.epochs().get(3), whole.epochs().get(8));
    }

    @Test
    void resumingRefusesAnotherOptimizerOrAFinishedRun() {
        Dataset.Split data = linearData(40, 8, Seeds.SEED).split(0.8, 1);
        Path file = dir.resolve("run.ckpt");
        Sequential model = regressor(data.train(), 5);
        fullRun(model, data.train(), 3).checkpointTo(file).build().fit(data.train());
        ChainruleException e = assertThrows(ChainruleException.class, () -> fullRun(model, data.train(), 3)
                .resumeFrom(file).build().fit(data.train()));
        assertTrue(e.getMessage().endsWith("the checkpoint has finished epoch 3 and this run has 3 epochs: ask for more"
                + " epochs to continue"), e.getMessage());
        e = assertThrows(ChainruleException.class, () -> Trainer.builder(model, Losses.MEAN_SQUARED_ERROR,
                new Sgd(model.parameters(), 0.1)).epochs(5).batchSize(7).seed(11).validationRatio(0.2)
                .resumeFrom(file).build().fit(data.train()));
        assertEquals("resume from " + file + ": SGD: cannot restore the state of Adam: resume with the same optimizer",
                e.getMessage());
        assertEquals(CheckpointException.Reason.MODEL_MISMATCH, ((CheckpointException) e).reason());
        e = assertThrows(ChainruleException.class, () -> fullRun(model, data.train(), 5).batchSize(8)
                .resumeFrom(file).build().fit(data.train()));
        assertTrue(e.getMessage().endsWith("the run was checkpointed with 26 training examples, seed 11 and batches of"
                + " 7; this one has 26, seed 11 and batches of 8: resume with the same data, seeds and batch size"),
                e.getMessage());
    }

    /**
     * A checkpoint whose optimizer state fits but whose parameters do not (here one renamed) is
     * refused as a whole: before, the optimizer's moments were restored from it first and kept.
     */
    @Test
    void aRefusedResumeLeavesTheOptimizerAndTheParametersAsTheyWere() {
        Dataset train = linearData(30, 8, Seeds.SEED);
        Path file = dir.resolve("run.ckpt");
        Sequential first = regressor(train, 5);
        Trainer.builder(first, Losses.MEAN_SQUARED_ERROR, new Adam(first.parameters(), 0.01)).epochs(2).batchSize(7)
                .seed(11).checkpointTo(file).build().fit(train);
        CheckpointContents saved = Checkpoint.readContents(file);
        Map<String, Tensor> renamed = new LinkedHashMap<>();
        saved.parameters().forEach((name, value) -> renamed.put(renamed.isEmpty() ? name + "-renamed" : name, value));
        Checkpoint.write(new CheckpointContents(renamed, saved.state(), saved.metadata()), file);

        Sequential model = regressor(train, 6);
        Adam adam = new Adam(model.parameters(), 0.01);
        Trainer trainer = Trainer.builder(model, Losses.MEAN_SQUARED_ERROR, adam).epochs(5).batchSize(7).seed(11)
                .resumeFrom(file).build();
        long[] before = bits(model);
        OptimizerState optimizerBefore = adam.state();
        CheckpointException e = assertThrows(CheckpointException.class, () -> trainer.fit(train));
        assertTrue(e.getMessage().contains("-renamed"), e.getMessage());
        assertArrayEquals(before, bits(model));
        assertEquals(optimizerBefore, adam.state());
    }

    /**
     * A checkpoint keeps the order of the caller's entries and of the optimizer's buffers, so
     * that the same run writes the same bytes: the entries used to pass through
     * {@code Map.copyOf}, whose order changes from one JVM run to the next.
     */
    @Test
    void aCheckpointKeepsTheOrderOfItsEntries() {
        Dataset train = linearData(20, 8, Seeds.SEED);
        Sequential model = regressor(train, 5);
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String key : List.of("zeta", "eta", "alpha", "omega", "mu", "beta", "kappa")) {
            metadata.put("user." + key, key);
            state.put("user." + key, Tensor.row(key.length()));
        }
        Path file = dir.resolve("ordered.ckpt");
        Adam adam = new Adam(model.parameters(), 0.01);
        Trainer.builder(model, Losses.MEAN_SQUARED_ERROR, adam).epochs(1).batchSize(7).seed(11)
                .checkpointTo(file, metadata, state).build().fit(train);
        CheckpointContents saved = Checkpoint.readContents(file);
        assertEquals(List.copyOf(metadata.keySet()), List.copyOf(saved.metadata().keySet()).subList(0, 7));
        List<String> expectedState = new ArrayList<>(state.keySet());
        for (String buffer : List.of("m", "v")) {
            for (Parameter p : model.parameters()) {
                expectedState.add("optimizer/" + buffer + "/" + p.name());
            }
        }
        assertEquals(expectedState, List.copyOf(saved.state().keySet()));
    }
}
