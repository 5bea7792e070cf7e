package org.chainrule.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Module;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.checkpoint.CheckpointException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Sequential net(int hidden, long seed) {
        return Mlp.builder(2).hidden(hidden, Activation.TANH).output(1, Activation.SIGMOID).seed(seed).build();
    }

    /** Every parameter's value as raw bits, to compare models exactly. */
    private static List<long[]> bits(Module model) {
        List<long[]> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            double[] data = p.mutableValue().data;
            long[] raw = new long[p.shape().size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = Double.doubleToRawLongBits(data[i]);
            }
            all.add(raw);
        }
        return all;
    }

    private static void assertSameBits(List<long[]> expected, List<long[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i);
        }
    }

    @Test
    void roundTripIsBitExactIncludingNegativeZeroSubnormalsAndInfinities() {
        Sequential saved = net(4, 1);
        double[] special = {-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 3, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        saved.namedParameters().get("layer1.weight").setValue(Tensor.of(new double[][] {
            Arrays.copyOfRange(special, 0, 4), Arrays.copyOfRange(special, 4, 8)}));
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(saved, file);

        Sequential loaded = net(4, 2);
        Checkpoint.load(loaded, file);
        assertSameBits(bits(saved), bits(loaded));
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(loaded.namedParameters().get("layer1.weight").value().get(0, 0)));

        Map<String, Tensor> read = Checkpoint.read(file);
        assertEquals(List.of("layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias"), List.copyOf(read.keySet()));
        assertEquals(saved.namedParameters().get("layer2.weight").value(), read.get("layer2.weight"));
    }

    @Test
    void theFileFollowsTheDocumentedLayout() throws IOException {
        Parameter p = new Parameter("w", Tensor.row(1.5, -2));
        Path file = dir.resolve("one.ckpt");
        Checkpoint.save(List.of(p), file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[8];
        in.get(magic);
        assertEquals("CHRLCKPT", new String(magic, StandardCharsets.US_ASCII));
        assertEquals(2, in.getInt());
        long payload = in.getLong();
        assertEquals(4 + 4 + 1 + 4 + 4 + 2 * 8 + 4 + 4, payload);
        assertEquals(1, in.getInt());
        assertEquals(1, in.getInt());
        assertEquals('w', in.get());
        assertEquals(1, in.getInt());
        assertEquals(2, in.getInt());
        assertEquals(1.5, in.getDouble());
        assertEquals(-2, in.getDouble());
        assertEquals(0, in.getInt(), "no state tensors");
        assertEquals(0, in.getInt(), "no metadata");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        assertEquals((int) crc.getValue(), in.getInt());
        assertEquals(bytes.length, in.position());
    }

    /** Loading must fail with this reason and change nothing. */
    private static CheckpointException assertRejected(Reason reason, Module model, Path file) {
        List<long[]> before = bits(model);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(model, file));
        assertEquals(reason, e.reason(), e.getMessage());
        assertSameBits(before, bits(model));
        return e;
    }

    private Path saveCheckpoint(Module model) {
        Path file = dir.resolve("good.ckpt");
        Checkpoint.save(model, file);
        return file;
    }

    @Test
    void aFileWithoutTheMagicNumberIsRejected() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "this is not a checkpoint, just text that is long enough");
        CheckpointException e = assertRejected(Reason.WRONG_MAGIC, net(3, 1), file);
        assertEquals("checkpoint " + file + ": not a Chainrule checkpoint (it does not start with the magic number"
                + " \"CHRLCKPT\")", e.getMessage());
    }

    @Test
    void anotherVersionIsRejected() throws IOException {
        Sequential model = net(3, 1);
        Path file = saveCheckpoint(model);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 3);
        Files.write(file, bytes);
        CheckpointException e = assertRejected(Reason.UNSUPPORTED_VERSION, net(3, 2), file);
        assertTrue(e.getMessage().endsWith(": format version 3, but this Chainrule reads versions 1 to 2"),
                e.getMessage());
    }

    @Test
    void everyTruncationIsRejectedAsTruncated() throws IOException {
        Path file = saveCheckpoint(net(3, 1));
        byte[] bytes = Files.readAllBytes(file);
        Sequential target = net(3, 2);
        Path cut = dir.resolve("cut.ckpt");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            CheckpointException e = assertRejected(Reason.TRUNCATED, target, cut);
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void everyDamagedByteIsRejected() throws IOException {
        Path file = saveCheckpoint(net(3, 1));
        byte[] bytes = Files.readAllBytes(file);
        Sequential target = net(3, 2);
        Path damaged = dir.resolve("damaged.ckpt");
        for (int i = 0; i < bytes.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] copy = bytes.clone();
                copy[i] ^= (byte) bit;
                Files.write(damaged, copy);
                Reason expected = i < 8 ? Reason.WRONG_MAGIC : i < 12 ? Reason.UNSUPPORTED_VERSION : Reason.CORRUPTED;
                if (i >= 12 && i < 20) {
                    // The length field: a larger length reads as a cut-off file, a smaller one as damage.
                    List<long[]> before = bits(target);
                    CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(target, damaged));
                    assertTrue(Set.of(Reason.TRUNCATED, Reason.CORRUPTED).contains(e.reason()), e.getMessage());
                    assertSameBits(before, bits(target));
                } else {
                    assertRejected(expected, target, damaged);
                }
            }
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        Files.write(damaged, longer);
        assertRejected(Reason.CORRUPTED, target, damaged);
    }

    @Test
    void aCorruptedValueIsCaughtByTheChecksum() throws IOException {
        Path file = saveCheckpoint(net(3, 1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 10] ^= 0x10;
        Files.write(file, bytes);
        CheckpointException e = assertRejected(Reason.CORRUPTED, net(3, 2), file);
        assertTrue(e.getMessage().contains(": corrupted: CRC32 of the contents is "), e.getMessage());
    }

    @Test
    void missingExtraAndMisshapedParametersAreNamedAndNothingIsLoaded() {
        Path file = saveCheckpoint(net(3, 1));

        Sequential deeper = Mlp.builder(2).hidden(3, Activation.TANH).hidden(1, Activation.TANH)
                .output(1, Activation.SIGMOID).seed(5).build();
        CheckpointException e = assertRejected(Reason.MODEL_MISMATCH, deeper, file);
        assertEquals("checkpoint " + file + " does not match the model: parameter 'layer3.weight' 1x1 is missing from"
                + " the file; parameter 'layer3.bias' 1x1 is missing from the file. Nothing was loaded", e.getMessage());

        Sequential shallower = Mlp.builder(2).output(3, Activation.TANH).seed(5).build();
        e = assertRejected(Reason.MODEL_MISMATCH, shallower, file);
        assertEquals("checkpoint " + file + " does not match the model: the file has an extra parameter 'layer2.weight'"
                + " 3x1 that the model does not; the file has an extra parameter 'layer2.bias' 1x1 that the model does"
                + " not. Nothing was loaded", e.getMessage());

        e = assertRejected(Reason.MODEL_MISMATCH, net(5, 1), file);
        assertTrue(e.getMessage().contains("parameter 'layer1.weight' is 2x3 in the file but 2x5 in the model"),
                e.getMessage());
        assertTrue(e.getMessage().contains("parameter 'layer2.weight' is 3x1 in the file but 5x1 in the model"),
                e.getMessage());
    }

    @Test
    void savingReplacesTheOldFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("model.ckpt");
        Sequential first = net(3, 1);
        Sequential second = net(3, 2);
        Checkpoint.save(first, file);
        Checkpoint.save(second, file);
        Sequential loaded = net(3, 3);
        Checkpoint.load(loaded, file);
        assertSameBits(bits(second), bits(loaded));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    /** Sizes are checked before reading: a length field of Long.MAX_VALUE, a 3 GB file, a device. */
    @Test
    void hugeOrEndlessFilesAreRefusedFromTheirHeaderBeforeTheyAreRead() throws IOException {
        Path saved = dir.resolve("model.ckpt");
        Checkpoint.save(net(3, 1), saved);
        byte[] bytes = Files.readAllBytes(saved);
        ByteBuffer.wrap(bytes).putLong(12, Long.MAX_VALUE);
        Path lying = Files.write(dir.resolve("lying.ckpt"), bytes);
        CheckpointException huge = assertThrows(CheckpointException.class, () -> Checkpoint.load(net(3, 1), lying));
        assertEquals(Reason.CORRUPTED, huge.reason());
        assertEquals("checkpoint " + lying + ": corrupted: the header gives an impossible payload length of "
                + Long.MAX_VALUE + " bytes", huge.getMessage());
        // a sparse 3 GB file: readAllBytes would have failed with an OutOfMemoryError
        Path big = dir.resolve("big.bin");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(3L << 30);
        }
        CheckpointException wrong = assertThrows(CheckpointException.class, () -> Checkpoint.load(net(3, 1), big));
        assertEquals(Reason.WRONG_MAGIC, wrong.reason());
        Path device = Path.of("/dev/zero");
        if (Files.exists(device)) {
            CheckpointException endless = assertThrows(CheckpointException.class,
                    () -> Checkpoint.load(net(3, 1), device));
            assertEquals("checkpoint /dev/zero: not a regular file", endless.getMessage());
        }
    }

    @Test
    void aFailedSaveReportsAnIoErrorAndLeavesNoTemporaryFile() throws IOException {
        Path blocked = dir.resolve("blocked.ckpt");
        Files.createDirectory(blocked);
        Files.writeString(blocked.resolve("inside"), "keeps the directory non-empty");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.save(net(3, 1), blocked));
        assertEquals(Reason.IO_ERROR, e.reason());
        assertTrue(e.getMessage().contains("cannot write"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(blocked), files.toList(), "no temporary file left behind");
        }
        assertThrows(CheckpointException.class, () -> Checkpoint.save(net(3, 1), dir.resolve("no/such/dir/model.ckpt")));
        // the file system's root has no file name: a one-line refusal, not a NullPointerException
        CheckpointException root = assertThrows(CheckpointException.class, () -> Checkpoint.save(net(3, 1), Path.of("/")));
        assertEquals("checkpoint /: cannot write: java.io.IOException: / is a directory, not a file. Any previous file"
                + " there is unchanged", root.getMessage());
        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> Checkpoint.load(net(3, 1), dir.resolve("absent.ckpt")));
        assertEquals(Reason.IO_ERROR, missing.reason());
    }
}
