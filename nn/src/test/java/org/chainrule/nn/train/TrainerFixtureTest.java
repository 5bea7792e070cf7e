package org.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.checkpoint.Checkpoint;
import org.chainrule.nn.checkpoint.CheckpointContents;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.LearningRateSchedule;
import org.chainrule.nn.optim.WeightDecay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written by Chainrule 0.2.0's trainer (the fixture in {@code v020/}, made by
 * {@code scripts/fixtures-0.2.0/make.sh}) resumes with today's code bit for bit as it resumed
 * with 0.2.0: the same checkpoint bytes after epoch 6 (parameters, Adam's moments, the
 * schedule's position, the shuffle state, early stopping's state) and the same figures for
 * every resumed epoch. The run has every part whose state a checkpoint carries, and a frozen
 * parameter.
 */
class TrainerFixtureTest {
    private static final String FIXTURES = "/org/chainrule/nn/train/v020/";

    @TempDir
    Path dir;

    /** The run of {@code TrainerFixture.java}, built with today's API. */
    private static TrainerBuilder builder(Dataset.Split data, int epochs) {
        Sequential model = Mlp.builder(2).hidden(8, Activation.TANH).hidden(6, Activation.RELU)
                .output(1, Activation.IDENTITY).seed(7).build();
        List<Parameter> parameters = model.parameters();
        Parameter frozen = parameters.get(1);
        List<Parameter> trained = new ArrayList<>(parameters);
        trained.remove(frozen);
        Adam adam = new Adam(trained, 0.02);
        adam.setWeightDecay(WeightDecay.decoupled(0.01));
        return Trainer.builder(model, Losses.SIGMOID_CROSS_ENTROPY, adam).epochs(epochs).batchSize(16).seed(9)
                .freeze(frozen).clipGradientNorm(0.2).schedule(LearningRateSchedule.step(7, 0.5))
                .validationRatio(0.2).listener(new EarlyStopping(model, Metric.LOSS, 20));
    }

    @Test
    void aCheckpointWrittenByVersion020ResumesBitForBit() throws IOException {
        Dataset.Split data = Playground.generate(Playground.Kind.SPIRAL, 120, 0.1, 5).split(0.75, 6);
        Path file = dir.resolve("run.ckpt");
        Files.write(file, resource("trainer-epoch3.ckpt"));

        TrainingHistory rest = builder(data, 6).resumeFrom(file).checkpointTo(file).build()
                .fit(data.train(), data.test());

        List<String> lines = new ArrayList<>();
        for (EpochReport r : rest.epochs()) {
            lines.add(r.epoch() + " " + bits(r.train()) + " " + bits(r.validation()) + " " + bits(r.test()));
        }
        assertEquals(new String(resource("trainer-resumed-history.txt"), StandardCharsets.UTF_8).strip(),
                String.join("\n", lines), "the resumed epochs' loss, accuracy, RMSE and R^2, as raw bits");
        CheckpointContents expected = Checkpoint.readContents(copy("trainer-resumed.ckpt"));
        CheckpointContents actual = Checkpoint.readContents(file);
        assertEquals(expected.metadata(), actual.metadata());
        assertEquals(expected.parameters().keySet(), actual.parameters().keySet());
        expected.parameters().forEach((name, t) -> assertArrayEquals(t.toArray(), actual.parameters().get(name)
                .toArray(), name));
        expected.state().forEach((name, t) -> assertArrayEquals(t.toArray(), actual.state().get(name).toArray(),
                name));
        assertArrayEquals(resource("trainer-resumed.ckpt"), Files.readAllBytes(file), "the checkpoint's bytes");
    }

    /**
     * The frozen parameter (the first layer's bias): 0.2.0 left it at its
     * initial value through six epochs, and so does today's code (it is in the checkpoint).
     */
    @Test
    void theFrozenParameterKeepsItsInitialValue() throws IOException {
        Sequential fresh = Mlp.builder(2).hidden(8, Activation.TANH).hidden(6, Activation.RELU)
                .output(1, Activation.IDENTITY).seed(7).build();
        Parameter frozen = fresh.parameters().get(1);
        CheckpointContents resumed = Checkpoint.readContents(copy("trainer-resumed.ckpt"));
        assertArrayEquals(frozen.value().toArray(), resumed.parameters().get(frozen.name()).toArray());
    }

    private Path copy(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, resource(name));
        return file;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TrainerFixtureTest.class.getResourceAsStream(FIXTURES + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + FIXTURES + name);
            }
            return in.readAllBytes();
        }
    }

    private static String bits(Evaluation e) {
        return String.format(Locale.ROOT, "%x %x %x %x", Double.doubleToRawLongBits(e.loss()),
                Double.doubleToRawLongBits(e.accuracy()), Double.doubleToRawLongBits(e.rmse()),
                Double.doubleToRawLongBits(e.rSquared()));
    }
}
