package org.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.chainrule.core.Tensor;
import org.chainrule.nn.Seeds;
import org.chainrule.testing.FileMutations;
import org.chainrule.testing.ReaderVerdicts;
import org.chainrule.testing.SampleFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzed IDX files ({@link FileMutations} of an images file and a labels file, plain and
 * gzipped, each loaded with the valid other file of its pair) are loaded or refused with a
 * one-line {@link DataFileException}, never anything else; what loads is consistent with the
 * bytes: as many labels as images, digits 0 to 9, pixels in [0, 1], and exactly as many
 * pixels as the (decompressed) file holds after its header.
 */
class IdxFuzzProperties {
    private static final int COUNT = 5;
    private static final int ROWS = 4;
    private static final int COLS = 3;

    @TempDir
    Path dir;

    private static byte[] images() {
        ByteBuffer b = ByteBuffer.allocate(16 + COUNT * ROWS * COLS).putInt(MnistIdx.IMAGES_MAGIC).putInt(COUNT)
                .putInt(ROWS).putInt(COLS);
        for (int p = 0; p < COUNT * ROWS * COLS; p++) {
            b.put((byte) (p * 37));
        }
        return b.array();
    }

    private static byte[] labels() {
        return ByteBuffer.allocate(8 + COUNT).putInt(MnistIdx.LABELS_MAGIC).putInt(COUNT)
                .put(new byte[] {7, 0, 9, 3, 3}).array();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The file's contents as the reader sees them: decompressed if it is gzip, or null if that fails. */
    private static byte[] plain(byte[] bytes) {
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void aMutatedIdxFileLoadsConsistentlyOrIsRefusedInOneLine() throws IOException {
        List<SampleFile> samples = List.of(new SampleFile("images.idx3", images()),
                new SampleFile("labels.idx1", labels()), new SampleFile("images.idx3.gz", gzip(images())),
                new SampleFile("labels.idx1.gz", gzip(labels())));
        Path validImages = Files.write(dir.resolve("valid-images"), images());
        Path validLabels = Files.write(dir.resolve("valid-labels"), labels());
        ReaderVerdicts verdicts = new ReaderVerdicts(DataFileException.class);
        Seeds.qt(400).forAll(FileMutations.of(samples)).checkAssert(m -> {
            Path mutated = m.writeTo(dir.resolve("mutated"));
            boolean images = m.original().startsWith("images");
            verdicts.read(m, () -> images ? MnistIdx.load(mutated, validLabels) : MnistIdx.load(validImages, mutated))
                    .ifPresent(d -> {
                        String what = Seeds.seeded(m.toString());
                        assertEquals(d.size(), d.labels().length, what);
                        for (int label : d.labels()) {
                            assertTrue(label >= 0 && label < 10, what);
                        }
                        Tensor x = d.features();
                        for (int i = 0; i < x.size(); i++) {
                            assertTrue(x.getFlat(i) >= 0 && x.getFlat(i) <= 1, what);
                        }
                        byte[] contents = plain(m.bytes());
                        assertTrue(contents != null, what + ": loaded, but its gzip stream is broken");
                        assertEquals(contents.length, images ? 16 + (long) d.size() * d.featureCount()
                                : 8 + d.size(), what);
                    });
        });
        verdicts.assertBothSeen(30);
    }
}
