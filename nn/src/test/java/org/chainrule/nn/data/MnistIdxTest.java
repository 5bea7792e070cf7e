package org.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistIdxTest {
    /** Three 2x3 images: pixel p of image i is 40 i + p, except image 2's last pixel, 255. */
    private static final int COUNT = 3;
    private static final int ROWS = 2;
    private static final int COLS = 3;
    private static final byte[] LABELS = {7, 0, 9};

    @TempDir
    Path dir;

    private static byte[] images(int magic, int count, int rows, int cols, int pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels).putInt(magic).putInt(count).putInt(rows).putInt(cols);
        for (int p = 0; p < pixels; p++) {
            b.put((byte) (p == COUNT * ROWS * COLS - 1 ? 255 : 40 * (p / (ROWS * COLS)) + p % (ROWS * COLS)));
        }
        return b.array();
    }

    private static byte[] goodImages() {
        return images(MnistIdx.IMAGES_MAGIC, COUNT, ROWS, COLS, COUNT * ROWS * COLS);
    }

    private static byte[] labels(int magic, int count, byte... values) {
        return ByteBuffer.allocate(8 + values.length).putInt(magic).putInt(count).put(values).array();
    }

    private static byte[] goodLabels() {
        return labels(MnistIdx.LABELS_MAGIC, COUNT, LABELS);
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

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Loads a pair that must be rejected; checks the error blames {@code blamed} and mentions every part. */
    private DataFileException rejected(byte[] images, byte[] labels, String blamed, String... parts) throws IOException {
        Path imagesFile = write("images-idx3-ubyte", images);
        Path labelsFile = write("labels-idx1-ubyte", labels);
        DataFileException e = assertThrows(DataFileException.class, () -> MnistIdx.load(imagesFile, labelsFile));
        Path expected = blamed.equals("images") ? imagesFile : labelsFile;
        assertEquals(expected.toString(), e.file(), e.getMessage());
        assertTrue(e.getMessage().startsWith(expected + ": "), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
        return e;
    }

    /**
     * Sizes are checked before reading or allocating: a gzip file that decompresses to far more
     * than its header promises (a "gzip bomb"), headers promising more than a matrix or the
     * memory holds, and a device that never ends.
     */
    @Test
    void bombsHugeHeadersAndDevicesAreRefusedBeforeTheyAreRead() throws IOException {
        byte[] header = java.util.Arrays.copyOf(goodImages(), 16);
        byte[] bomb = new byte[16 + 50_000_000]; // 50 MB of zeros behind a header promising 18 pixels
        System.arraycopy(header, 0, bomb, 0, 16);
        rejected(gzip(bomb), goodLabels(), "images", "has at least 1 bytes more than the 3 images of 2x3 pixels");
        byte[] huge = ByteBuffer.allocate(16).putInt(MnistIdx.IMAGES_MAGIC).putInt(100_000).putInt(10_000)
                .putInt(1_000).array();
        rejected(huge, goodLabels(), "images", "its header promises 1000000000000 values, more than one matrix holds");
        // nn's tests run in a 2 GiB heap: 600 million pixels (5.4 GB with their doubles) do not fit
        byte[] big = ByteBuffer.allocate(16).putInt(MnistIdx.IMAGES_MAGIC).putInt(60_000).putInt(100).putInt(100)
                .array();
        rejected(big, goodLabels(), "images", "its header promises 600000000 values, which needs 5149 MiB and a margin of 128 MiB, but this JVM"
                + " has about");
        Path device = Path.of("/dev/zero");
        if (Files.exists(device)) {
            DataFileException e = assertThrows(DataFileException.class,
                    () -> MnistIdx.load(device, write("labels", goodLabels())));
            assertEquals("/dev/zero: is not a regular file", e.getMessage());
        }
    }

    private static void assertIsTheTestSet(Dataset d) {
        assertEquals(COUNT, d.size());
        assertEquals(ROWS * COLS, d.featureCount());
        assertEquals(10, d.classes());
        assertArrayEquals(new int[] {7, 0, 9}, d.labels());
        assertEquals(Tensor.row(0, 1 / 255.0, 2 / 255.0, 3 / 255.0, 4 / 255.0, 5 / 255.0),
                Tensor.row(Arrays.copyOfRange(d.features().toArray()[0], 0, 6)));
        assertEquals(45 / 255.0, d.features().get(1, 5));
        assertEquals(80 / 255.0, d.features().get(2, 0));
        assertEquals(1.0, d.features().get(2, 5));
    }

    @Test
    void readsPixelsScaledToTheUnitIntervalRowMajorWithDigitLabels() throws IOException {
        assertIsTheTestSet(MnistIdx.load(write("i", goodImages()), write("l", goodLabels())));
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesNotTheFileName() throws IOException {
        Path gzippedWithoutSuffix = write("train-images-idx3-ubyte", gzip(goodImages()));
        Path plainWithGzSuffix = write("train-labels-idx1-ubyte.gz", goodLabels());
        assertIsTheTestSet(MnistIdx.load(gzippedWithoutSuffix, plainWithGzSuffix));
        assertIsTheTestSet(MnistIdx.load(write("a.gz", gzip(goodImages())), write("b.gz", gzip(goodLabels()))));
    }

    @Test
    void aWrongMagicNumberIsRejectedNamingTheFile() throws IOException {
        rejected(images(0x00000804, COUNT, ROWS, COLS, COUNT * ROWS * COLS), goodLabels(), "images",
                "magic number 0x00000804 is not an images file's 0x00000803");
        rejected(goodImages(), labels(0x00000802, COUNT, LABELS), "labels",
                "magic number 0x00000802 is not a labels file's 0x00000801");
    }

    @Test
    void swappedFilesAreCalledSwapped() throws IOException {
        rejected(goodLabels(), goodImages(), "images", "0x00000801", "are the two files swapped?");
    }

    @Test
    void truncatedFilesAreRejectedWithTheSizesPromised() throws IOException {
        byte[] images = goodImages();
        rejected(Arrays.copyOf(images, images.length - 1), goodLabels(), "images", "is truncated",
                "3 images of 2x3 pixels (34 bytes with the header) but the file has 33 bytes");
        rejected(Arrays.copyOf(images, 10), goodLabels(), "images", "is truncated: its header needs 16 bytes");
        rejected(Arrays.copyOf(images, 3), goodLabels(), "images", "3 bytes long, too short to be an IDX file");
        byte[] labels = goodLabels();
        rejected(images, Arrays.copyOf(labels, labels.length - 2), "labels", "is truncated",
                "3 labels (11 bytes with the header) but the file has 9 bytes");
    }

    @Test
    void extraBytesAreRejected() throws IOException {
        byte[] images = goodImages();
        rejected(Arrays.copyOf(images, images.length + 5), goodLabels(), "images",
                "has 5 bytes more than the 3 images of 2x3 pixels its header promises");
    }

    @Test
    void mismatchedCountsAreRejected() throws IOException {
        rejected(goodImages(), labels(MnistIdx.LABELS_MAGIC, 2, (byte) 1, (byte) 2), "labels",
                "has 2 labels but the images file", "has 3 images");
    }

    @Test
    void badSizesAndLabelsAreRejected() throws IOException {
        rejected(images(MnistIdx.IMAGES_MAGIC, COUNT, 0, COLS, 0), goodLabels(), "images", "row count is 0");
        rejected(images(MnistIdx.IMAGES_MAGIC, -1, ROWS, COLS, 0), goodLabels(), "images",
                "image count is 4294967295 (negative as a signed size)");
        rejected(goodImages(), labels(MnistIdx.LABELS_MAGIC, COUNT, (byte) 1, (byte) 10, (byte) 2), "labels",
                "label 1 is 10, not a digit 0 to 9");
    }

    @Test
    void aBrokenGzipFileIsRejected() throws IOException {
        byte[] gz = gzip(goodImages());
        rejected(Arrays.copyOf(gz, gz.length / 2), goodLabels(), "images",
                "starts like a gzip file but cannot be decompressed");
    }

    @Test
    void aMissingFileIsRejected() throws IOException {
        Path labels = write("l", goodLabels());
        Path missing = dir.resolve("nope");
        DataFileException e = assertThrows(DataFileException.class, () -> MnistIdx.load(missing, labels));
        assertEquals(missing + ": no such file", e.getMessage());
    }
}
