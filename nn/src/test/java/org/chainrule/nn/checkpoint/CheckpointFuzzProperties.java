package org.chainrule.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Seeds;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.OptimizerState;
import org.chainrule.nn.train.NonFiniteLossException;
import org.chainrule.nn.train.Trainer;
import org.chainrule.nn.train.TrainerBuilder;
import org.chainrule.testing.FileMutations;
import org.chainrule.testing.Mutation;
import org.chainrule.testing.ReaderVerdicts;
import org.chainrule.testing.SampleFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzed checkpoints ({@link FileMutations} of version 1 and version 2 files, with and without
 * a trainer's optimizer state) are read or refused with a one-line {@link CheckpointException},
 * never anything else; a refused load leaves every parameter bit for bit as it was, and a
 * resumed training refused leaves the optimizer's state as it was too (a file accepted with
 * NaN weights may then stop training with the {@link NonFiniteLossException} that
 * {@code fit} documents). Since a checkpoint
 * carries a CRC32, half of the mutations also get their header's length and checksum
 * recomputed, so that the structural checks behind the checksum are fuzzed too.
 */
class CheckpointFuzzProperties {
    private static final int EXAMPLES = 300;
    private static final int HEADER = 8 + 4 + 8;

    @TempDir
    Path dir;

    private List<SampleFile> samples;

    private static Sequential model(long seed) {
        return Mlp.builder(3).hidden(4, Activation.TANH).output(2, Activation.IDENTITY).seed(seed).build();
    }

    private static Dataset data() {
        Random random = new Random(5);
        double[][] x = new double[12][3];
        int[] labels = new int[12];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian();
            }
            labels[i] = x[i][0] + x[i][1] > 0 ? 1 : 0;
        }
        return new Dataset(Tensor.of(x), labels, 2);
    }

    private static TrainerBuilder trainer(Sequential model, int epochs) {
        return Trainer.builder(model, Losses.SOFTMAX_CROSS_ENTROPY, new Adam(model.parameters(), 0.01)).epochs(epochs)
                .batchSize(4).seed(3);
    }

    /** Even seeds: the length and checksum recomputed, so that the damage reaches the structural checks. */
    private static Mutation reaching(Mutation m) {
        return m.seed() % 2 == 0 ? m.then("length and CRC32 recomputed", bytes -> FileMutations.trailingCrc32()
                .apply(FileMutations.lengthField(12, HEADER + Integer.BYTES).apply(bytes))) : m;
    }

    private static long[][] bits(List<Parameter> parameters) {
        long[][] bits = new long[parameters.size()][];
        for (int p = 0; p < bits.length; p++) {
            Tensor value = parameters.get(p).value();
            bits[p] = new long[value.size()];
            for (int i = 0; i < value.size(); i++) {
                bits[p][i] = Double.doubleToRawLongBits(value.getFlat(i));
            }
        }
        return bits;
    }

    private static long[] bits(Tensor value) {
        long[] bits = new long[value.size()];
        for (int i = 0; i < value.size(); i++) {
            bits[i] = Double.doubleToRawLongBits(value.getFlat(i));
        }
        return bits;
    }

    /**
     * Resumes and trains; a file accepted with NaN or infinite weights (the format keeps
     * them bit for bit) may then stop training as {@code fit} documents.
     */
    private static String trainedOrNonFinite(Trainer trainer, Dataset data) {
        try {
            return "trained: " + trainer.fit(data).last();
        } catch (NonFiniteLossException e) {
            return "loaded, then " + e.getMessage();
        }
    }

    @BeforeEach
    void validFiles() throws IOException {
        Sequential trained = model(1);
        Path withState = dir.resolve("v2 with optimizer state.ckpt");
        trainer(trained, 1).checkpointTo(withState).build().fit(data());
        Path plain = dir.resolve("v2.ckpt");
        Checkpoint.save(model(2), plain);
        Map<String, Tensor> values = new LinkedHashMap<>();
        model(3).parameters().forEach(p -> values.put(p.name(), p.value()));
        samples = List.of(SampleFile.of(withState), SampleFile.of(plain),
                new SampleFile("v1.ckpt", VersionOneFile.of(values)));
        assertTrue(Checkpoint.readContents(withState).state().keySet().stream().anyMatch(k -> k.startsWith("optimizer/")));
    }

    @Test
    void aMutatedCheckpointLoadsWhollyOrIsRefusedInOneLineLeavingTheModelBitForBitAsItWas() {
        ReaderVerdicts reads = new ReaderVerdicts(CheckpointException.class);
        ReaderVerdicts loads = new ReaderVerdicts(CheckpointException.class);
        Sequential model = model(9);
        Seeds.qt(EXAMPLES).forAll(FileMutations.of(samples).map(CheckpointFuzzProperties::reaching)).checkAssert(m -> {
            Path file = m.writeTo(dir.resolve("mutated.ckpt"));
            Optional<CheckpointContents> read = reads.read(m, () -> Checkpoint.readContents(file));
            long[][] before = bits(model.parameters());
            boolean loaded = loads.load(m, () -> Checkpoint.load(model, file));
            if (!loaded) {
                long[][] after = bits(model.parameters());
                for (int p = 0; p < before.length; p++) {
                    assertArrayEquals(before[p], after[p], Seeds.seeded(m + ": refused, but parameter "
                            + model.parameters().get(p).name() + " changed"));
                }
                return;
            }
            assertTrue(read.isPresent(), Seeds.seeded(m + ": loaded into the model but refused by readContents"));
            Map<String, Tensor> saved = read.get().parameters();
            assertEquals(model.parameters().size(), saved.size(), Seeds.seeded(m.toString()));
            for (Parameter p : model.parameters()) {
                assertArrayEquals(bits(saved.get(p.name())), bits(p.value()), Seeds.seeded(m + ": " + p.name()
                        + " is not what the file holds"));
            }
        });
        reads.assertBothSeen(20);
        loads.assertBothSeen(20);
    }

    @Test
    void resumingFromAMutatedCheckpointTrainsOnOrIsRefusedLeavingModelAndOptimizerAsTheyWere() {
        ReaderVerdicts resumes = new ReaderVerdicts(CheckpointException.class);
        Dataset data = data();
        SampleFile withState = samples.get(0);
        Seeds.qt(2 * EXAMPLES).forAll(FileMutations.of(withState).map(CheckpointFuzzProperties::reaching))
                .checkAssert(m -> {
                    Path file = m.writeTo(dir.resolve("mutated.ckpt"));
                    Sequential model = model(9);
                    Adam adam = new Adam(model.parameters(), 0.01);
                    Trainer trainer = Trainer.builder(model, Losses.SOFTMAX_CROSS_ENTROPY, adam).epochs(2).batchSize(4)
                            .seed(3).resumeFrom(file).build();
                    long[][] before = bits(model.parameters());
                    OptimizerState optimizer = adam.state();
                    if (resumes.read(m, () -> trainedOrNonFinite(trainer, data)).isEmpty()) {
                        long[][] after = bits(model.parameters());
                        for (int p = 0; p < before.length; p++) {
                            assertArrayEquals(before[p], after[p], Seeds.seeded(m + ": refused, but parameter "
                                    + model.parameters().get(p).name() + " changed"));
                        }
                        assertEquals(optimizer, adam.state(), Seeds.seeded(m + ": refused, but the optimizer's"
                                + " state changed"));
                    }
                });
        resumes.assertBothSeen(10);
    }
}
