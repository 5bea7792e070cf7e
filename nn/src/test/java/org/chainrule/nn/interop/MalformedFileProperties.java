package org.chainrule.nn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.chainrule.core.Tensor;
import org.chainrule.nn.Seeds;
import org.chainrule.testing.FileMutations;
import org.chainrule.testing.SampleFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz-style properties of the readers. Random safetensors headers — supported and unsupported
 * dtypes, shapes of rank 0 to 3, offsets tiled in a random order and then perhaps moved
 * (an end, a begin, a whole tensor with the buffer grown after it, the buffer's length, or
 * another tensor's offsets) — are
 * accepted exactly when an independent check (every data byte covered by exactly one tensor,
 * sizes matching, dtypes and shapes Chainrule reads) says they are valid, and then give back
 * the values written. Randomly damaged safetensors, {@code .npy} and {@code .npz} files
 * ({@link FileMutations}: flipped, inserted, cut and spliced bytes, a length field overwritten)
 * either read or are refused with a one-line {@link InteropException}, never anything else.
 */
class MalformedFileProperties {
    private static final String[] DTYPES = {"F64", "F32", "F16", "I32"};
    private static final int[] SIZES = {8, 4, 2, 4};

    @TempDir
    Path dir;

    /** One tensor of a generated header. */
    record Spec(String name, int dtype, long[] shape, long begin, long end) {
        long elements() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }

        String json() {
            return "\"" + name + "\":{\"dtype\":\"" + DTYPES[dtype] + "\",\"shape\":" + Arrays.toString(shape)
                    + ",\"data_offsets\":[" + begin + "," + end + "]}";
        }
    }

    /** A generated file: its tensors, the data buffer's length, and what was done to the offsets. */
    record Case(List<Spec> specs, int bufferLength, String change) {
        static Case random(long seed) {
            Random random = new Random(seed);
            List<Spec> specs = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                int rank = random.nextInt(10) == 0 ? 3 : random.nextInt(3);
                long[] shape = new long[rank];
                for (int d = 0; d < rank; d++) {
                    shape[d] = random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(3);
                }
                specs.add(new Spec("t" + i, random.nextInt(5) == 0 ? 2 + random.nextInt(2) : random.nextInt(2), shape, 0, 0));
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            long at = 0;
            for (int i : order) {
                Spec s = specs.get(i);
                long size = s.elements() * SIZES[s.dtype()];
                specs.set(i, new Spec(s.name(), s.dtype(), s.shape(), at, at + size));
                at += size;
            }
            int buffer = (int) at;
            String change = "none";
            int victim = random.nextInt(count);
            Spec v = specs.get(victim);
            int delta = random.nextBoolean() ? 1 + random.nextInt(8) : -1 - random.nextInt(8);
            switch (random.nextInt(7)) {
                case 0 -> {
                    change = "begin of " + v.name() + " moved by " + delta;
                    specs.set(victim, new Spec(v.name(), v.dtype(), v.shape(), Math.max(0, v.begin() + delta), v.end()));
                }
                case 1 -> {
                    change = "end of " + v.name() + " moved by " + delta;
                    specs.set(victim, new Spec(v.name(), v.dtype(), v.shape(), v.begin(), Math.max(0, v.end() + delta)));
                }
                case 2 -> {
                    change = "buffer length changed by " + delta;
                    buffer = Math.max(0, buffer + delta);
                }
                case 3 -> {
                    Spec other = specs.get(random.nextInt(count));
                    change = v.name() + " given the offsets of " + other.name();
                    specs.set(victim, new Spec(v.name(), v.dtype(), v.shape(), other.begin(), other.end()));
                }
                case 4 -> {
                    change = v.name() + " moved by " + delta + ", the buffer grown by " + Math.max(0, delta);
                    specs.set(victim, new Spec(v.name(), v.dtype(), v.shape(), Math.max(0, v.begin() + delta),
                            Math.max(0, v.begin() + delta) + v.end() - v.begin()));
                    buffer += Math.max(0, delta);
                }
                default -> {
                    // the other cases stay valid in their offsets
                }
            }
            return new Case(specs, buffer, change);
        }

        /** The independent verdict: supported dtypes and shapes, sizes right, every byte covered once. */
        boolean valid() {
            int[] cover = new int[bufferLength];
            for (Spec s : specs) {
                if (s.dtype() > 1 || s.shape().length > 2 || s.elements() == 0 || s.end() > bufferLength
                        || s.end() - s.begin() != s.elements() * SIZES[s.dtype()]) {
                    return false;
                }
                for (long b = s.begin(); b < s.end(); b++) {
                    cover[(int) b]++;
                }
            }
            return Arrays.stream(cover).allMatch(c -> c == 1);
        }

        /** The value written at element {@code i} of tensor {@code t}: exact in float and double. */
        static double value(int t, long i) {
            return t * 100 + i * 0.25 - 3;
        }

        byte[] bytes() {
            StringBuilder header = new StringBuilder("{");
            for (Spec s : specs) {
                header.append(header.length() > 1 ? "," : "").append(s.json().replace(" ", ""));
            }
            byte[] text = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(8 + text.length + bufferLength).order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(text.length).put(text);
            int dataStart = out.position();
            for (int t = 0; t < specs.size(); t++) {
                Spec s = specs.get(t);
                int size = SIZES[s.dtype()];
                for (long i = 0; i < s.elements() && s.begin() + (i + 1) * size <= bufferLength && s.begin() + (i + 1) * size <= s.end(); i++) {
                    int at = dataStart + (int) (s.begin() + i * size);
                    if (s.dtype() == 0) {
                        out.putDouble(at, value(t, i));
                    } else if (s.dtype() == 1) {
                        out.putFloat(at, (float) value(t, i));
                    }
                }
            }
            return out.array();
        }

        @Override
        public String toString() {
            return specs.stream().map(Spec::json).toList() + ", buffer " + bufferLength + " bytes, change: " + change;
        }
    }

    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void generatedHeadersAreAcceptedExactlyWhenValidAndThenReadBackTheirValues() {
        int[] verdicts = new int[2];
        Seeds.qt(300).forAll(longs().all().map(Case::random)).checkAssert(c -> {
            Path path = write("case.safetensors", c.bytes());
            Map<String, Tensor> read = null;
            InteropException refusal = null;
            try {
                read = Safetensors.read(path);
            } catch (InteropException e) {
                refusal = e;
            }
            verdicts[c.valid() ? 1 : 0]++;
            assertEquals(c.valid(), read != null, Seeds.seeded(c + (refusal == null ? " was read" : " was refused: "
                    + refusal.getMessage())));
            if (read == null) {
                assertFalse(refusal.getMessage().contains("\n"), Seeds.seeded("one line: " + refusal.getMessage()));
                return;
            }
            for (int t = 0; t < c.specs().size(); t++) {
                Tensor tensor = read.get(c.specs().get(t).name());
                for (int i = 0; i < tensor.size(); i++) {
                    assertEquals(Case.value(t, i), tensor.getFlat(i), Seeds.seeded(c + ": tensor " + t + " entry " + i));
                }
            }
        });
        assertTrue(verdicts[0] > 40 && verdicts[1] > 40, "both verdicts must be exercised: " + Arrays.toString(verdicts));
    }

    private void damagedFilesReadOrAreRefusedInOneLine(String suffix, byte[] valid, Function<Path, ?> reader) {
        Seeds.qt(200).forAll(FileMutations.of(new SampleFile("valid" + suffix, valid))).checkAssert(m -> {
            Path path = m.writeTo(dir.resolve("damaged" + suffix));
            try {
                reader.apply(path);
            } catch (InteropException e) {
                assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"),
                        Seeds.seeded(m + ": " + e.getMessage()));
            }
        });
    }

    @Test
    void damagedSafetensorsReadOrAreRefusedInOneLine() throws IOException {
        Path valid = dir.resolve("valid.safetensors");
        Safetensors.save(WeightLayout.pytorch(Fixtures.mlp(5)), valid, Map.of("format", "pt"));
        damagedFilesReadOrAreRefusedInOneLine(".safetensors", Files.readAllBytes(valid), Safetensors::read);
    }

    @Test
    void damagedNpyReadOrAreRefusedInOneLine() throws IOException {
        damagedFilesReadOrAreRefusedInOneLine(".npy", Files.readAllBytes(Fixtures.path("matrix_fortran.npy")),
                Npy::read);
    }

    @Test
    void damagedNpzReadOrAreRefusedInOneLine() throws IOException {
        damagedFilesReadOrAreRefusedInOneLine(".npz", Files.readAllBytes(Fixtures.path("mlp_f32_compressed.npz")),
                Npz::read);
        damagedFilesReadOrAreRefusedInOneLine(".npz", Files.readAllBytes(Fixtures.path("mlp_f64.npz")), Npz::read);
    }
}
