package org.chainrule.nn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Seeds;
import org.chainrule.nn.Sequential;
import org.chainrule.testing.FileMutations;
import org.chainrule.testing.Mutation;
import org.chainrule.testing.ReaderVerdicts;
import org.chainrule.testing.SampleFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzed weight files loaded into a model ({@link FileMutations} of the PyTorch-written
 * safetensors and {@code .npz} fixtures, float64 and float32, stored and deflated, and of a
 * safetensors file in Chainrule's own layout): each load either sets the whole model or is
 * refused with a one-line {@link InteropException}, never anything else. A refused load
 * leaves every parameter bit for bit as it was; an accepted one leaves the model holding
 * exactly what the file holds: saved again through the same layout and read back, it gives
 * the file's arrays.
 */
class InteropFuzzProperties {
    private static final int EXAMPLES = 300;

    @TempDir
    Path dir;

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

    /**
     * Loads mutations of {@code samples} into a fresh {@link Fixtures#mlp} through {@code layout}.
     *
     * @param load loads a file into a layout.
     * @param save saves a layout to a file.
     * @param read reads a file's arrays.
     */
    private void mutatedFilesLoadWhollyOrNotAtAll(String suffix, List<SampleFile> samples,
                                                  Function<Sequential, WeightLayout> layoutOf,
                                                  BiConsumer<WeightLayout, Path> load, BiConsumer<WeightLayout, Path> save,
                                                  Function<Path, Map<String, Tensor>> read) {
        ReaderVerdicts verdicts = new ReaderVerdicts(InteropException.class);
        Seeds.qt(EXAMPLES).forAll(FileMutations.of(samples)).checkAssert(m -> {
            Path file = m.writeTo(dir.resolve("mutated" + suffix));
            Sequential model = Fixtures.mlp(7);
            WeightLayout layout = layoutOf.apply(model);
            long[][] before = bits(model.parameters());
            if (!verdicts.load(m, () -> load.accept(layout, file))) {
                long[][] after = bits(model.parameters());
                for (int p = 0; p < before.length; p++) {
                    assertArrayEquals(before[p], after[p], Seeds.seeded(m + ": refused, but parameter "
                            + model.parameters().get(p).name() + " changed"));
                }
                return;
            }
            assertHoldsWhatTheFileHolds(m, layout, save, read, file, suffix);
        });
        verdicts.assertBothSeen(10);
    }

    private void assertHoldsWhatTheFileHolds(Mutation m, WeightLayout layout, BiConsumer<WeightLayout, Path> save,
                                             Function<Path, Map<String, Tensor>> read, Path file, String suffix) {
        Path again = dir.resolve("saved again" + suffix);
        save.accept(layout, again);
        Map<String, Tensor> fromFile = read.apply(file);
        Map<String, Tensor> fromModel = read.apply(again);
        assertEquals(fromFile.keySet(), fromModel.keySet(), Seeds.seeded(m.toString()));
        fromFile.forEach((name, value) -> assertEquals(value, fromModel.get(name), Seeds.seeded(m + ": " + name)));
    }

    @Test
    void aMutatedSafetensorsFileLoadsIntoAModelWhollyOrNotAtAll() throws IOException {
        Path chainrule = dir.resolve("chainrule.safetensors");
        Safetensors.save(Fixtures.mlp(3), chainrule);
        List<SampleFile> pytorch = List.of(SampleFile.of(Fixtures.path("mlp_f64.safetensors")),
                SampleFile.of(Fixtures.path("mlp_f32.safetensors")));
        mutatedFilesLoadWhollyOrNotAtAll(".safetensors", pytorch, WeightLayout::pytorch, Safetensors::load,
                Safetensors::save, Safetensors::read);
        mutatedFilesLoadWhollyOrNotAtAll(".safetensors", List.of(SampleFile.of(chainrule)), WeightLayout::chainrule,
                Safetensors::load, Safetensors::save, Safetensors::read);
    }

    @Test
    void aMutatedNpzFileLoadsIntoAModelWhollyOrNotAtAll() {
        List<SampleFile> pytorch = List.of(SampleFile.of(Fixtures.path("mlp_f64.npz")),
                SampleFile.of(Fixtures.path("mlp_f32_compressed.npz")));
        mutatedFilesLoadWhollyOrNotAtAll(".npz", pytorch, WeightLayout::pytorch, Npz::load, Npz::save, Npz::read);
    }
}
