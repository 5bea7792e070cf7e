package org.chainrule.nn.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Memory;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads MNIST-style digit images from a pair of IDX files, the format of the MNIST and
 * Fashion-MNIST distributions (for example {@code train-images-idx3-ubyte} and
 * {@code train-labels-idx1-ubyte}), plain or gzip-compressed (recognised by the gzip magic
 * bytes {@code 1f 8b}, whatever the file is called).
 *
 * <p>The images file is big-endian: magic {@code 0x00000803} (unsigned bytes, 3 dimensions),
 * the image count, rows and columns, then {@code count * rows * cols} pixel bytes. The labels
 * file has magic {@code 0x00000801}, the count, then one byte per label, a digit 0 to 9.
 * Every size is checked against the file's length, and the counts must agree.
 *
 * <p>The dataset has one example per image, its {@code rows * cols} pixels as a row in
 * row-major order scaled from {@code 0..255} to {@code [0, 1]}, and 10 classes.
 */
public final class MnistIdx {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** The number of classes: the digits 0 to 9. */
    public static final int CLASSES = 10;

    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;
    private static final double PIXEL_MAX = 255.0;
    /** The IDX type byte of unsigned bytes, the only one these files use. */
    private static final byte UBYTE = 0x08;
    /** The most dimensions an IDX header may give here. */
    private static final int MAX_DIMENSIONS = 4;

    private MnistIdx() {
    }

    /**
     * Reads an images file and its labels file.
     *
     * @param imagesFile the IDX images file ({@code idx3-ubyte}), plain or gzipped. Not modified.
     * @param labelsFile the IDX labels file ({@code idx1-ubyte}), plain or gzipped. Not modified.
     * @return {@code count x (rows * cols)} pixels in {@code [0, 1]} with labels in {@code 0..9}.
     * @throws DataFileException naming the file and what is wrong with it, if either cannot be
     *     read or breaks the format, or if their counts differ.
     * @throws org.chainrule.core.ChainruleException if an argument is null.
     */
    public static Dataset load(Path imagesFile, Path labelsFile) {
        ChainruleException.requireNonNull(imagesFile, "mnist: images file");
        ChainruleException.requireNonNull(labelsFile, "mnist: labels file");
        Contents imageBytes = contents(imagesFile);
        Contents labelBytes = contents(labelsFile);
        ByteBuffer images = ByteBuffer.wrap(imageBytes.bytes());
        ByteBuffer labels = ByteBuffer.wrap(labelBytes.bytes());

        checkMagic(images, IMAGES_MAGIC, "an images", imagesFile, LABELS_MAGIC);
        int count = dimension(images, imagesFile, IMAGES_HEADER_BYTES, "image count");
        int rows = dimension(images, imagesFile, IMAGES_HEADER_BYTES, "row count");
        int cols = dimension(images, imagesFile, IMAGES_HEADER_BYTES, "column count");
        long pixels = (long) count * rows * cols;
        checkLength(imageBytes, imagesFile, IMAGES_HEADER_BYTES, pixels,
                count + " images of " + rows + "x" + cols + " pixels");
        if ((long) rows * cols > Integer.MAX_VALUE || pixels > Integer.MAX_VALUE) {
            throw new DataFileException(imagesFile, count + " images of " + rows + "x" + cols
                    + " pixels are too many to hold in one matrix");
        }

        checkMagic(labels, LABELS_MAGIC, "a labels", labelsFile, IMAGES_MAGIC);
        int labelCount = dimension(labels, labelsFile, LABELS_HEADER_BYTES, "label count");
        checkLength(labelBytes, labelsFile, LABELS_HEADER_BYTES, labelCount, labelCount + " labels");
        if (labelCount != count) {
            throw new DataFileException(labelsFile, "has " + labelCount + " labels but the images file "
                    + imagesFile + " has " + count + " images: they must be a matching pair");
        }

        int[] digits = new int[count];
        for (int i = 0; i < count; i++) {
            digits[i] = Byte.toUnsignedInt(labels.get());
            if (digits[i] >= CLASSES) {
                throw new DataFileException(labelsFile, "label " + i + " is " + digits[i] + ", not a digit 0 to 9");
            }
        }
        DMatrixRMaj features = new DMatrixRMaj(count, rows * cols);
        for (int i = 0; i < features.data.length; i++) {
            features.data[i] = Byte.toUnsignedInt(images.get()) / PIXEL_MAX;
        }
        return new Dataset(Tensor.adopt(features), digits, CLASSES);
    }

    /**
     * A file's bytes as far as its header promises (and one more, to tell that there are more),
     * and the length of the whole: the file's, or for a gzipped file, what it decompressed to
     * before reading stopped.
     */
    private record Contents(byte[] bytes, long length, boolean exact) {
    }

    /**
     * Reads a file, decompressing it when it starts with the gzip magic bytes, no further than
     * its IDX header promises: a file that is not one (a device such as /dev/zero), a header
     * that promises more than memory holds, and a gzip file that decompresses to more than its
     * header promises (a "gzip bomb") are refused before they are read.
     */
    private static Contents contents(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DataFileException(file, "is not a regular file");
        }
        boolean[] gzipped = {false}; // known in the catch below
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            gzipped[0] = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzipped[0] ? new GZIPInputStream(raw) : raw;
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            byte[] magic = in.readNBytes(Integer.BYTES);
            header.write(magic);
            int dimensions = magic.length == Integer.BYTES && magic[0] == 0 && magic[1] == 0 && magic[2] == UBYTE
                    ? magic[3] : 0;
            if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
                return new Contents(header.toByteArray(), header.size(), true); // checkMagic says what is wrong
            }
            byte[] sizes = in.readNBytes(Integer.BYTES * dimensions);
            header.write(sizes);
            ByteBuffer sizeBuffer = ByteBuffer.wrap(sizes);
            long payload = 1;
            while (sizeBuffer.remaining() >= Integer.BYTES) {
                int n = sizeBuffer.getInt();
                payload = n <= 0 ? 0 : payload > Long.MAX_VALUE / n ? Long.MAX_VALUE : payload * n;
            }
            if (sizes.length < Integer.BYTES * dimensions || payload == 0) {
                return new Contents(header.toByteArray(), header.size(), true); // dimension() says what is wrong
            }
            if (payload > Integer.MAX_VALUE - header.size() - 1) {
                throw new DataFileException(file, "its header promises " + payload + " values, more than one"
                        + " matrix holds");
            }
            long needed = payload * (1 + Double.BYTES); // the bytes, then the values as doubles
            if (!Memory.fits(needed)) {
                throw new DataFileException(file, "its header promises " + payload + " values, which "
                        + Memory.shortOf(needed));
            }
            byte[] body = in.readNBytes((int) payload + 1); // one more tells that there are more
            byte[] bytes = java.util.Arrays.copyOf(header.toByteArray(), header.size() + body.length);
            System.arraycopy(body, 0, bytes, header.size(), body.length);
            return new Contents(bytes, gzipped[0] ? bytes.length : Files.size(file), !gzipped[0]);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new DataFileException(file, gzipped[0] ? "starts like a gzip file but cannot be decompressed ("
                    + e.getMessage() + "); is the download complete?" : "cannot be read: " + e, e);
        }
    }

    private static void checkMagic(ByteBuffer data, int expected, String kind, Path file, int otherMagic) {
        if (data.remaining() < Integer.BYTES) {
            throw new DataFileException(file, "is " + data.remaining() + " bytes long, too short to be an IDX file");
        }
        int magic = data.getInt();
        if (magic != expected) {
            String hint = magic == otherMagic ? " (that is the other file of the pair: are the two files swapped?)" : "";
            throw new DataFileException(file, String.format("magic number 0x%08X is not %s file's 0x%08X%s",
                    magic, kind, expected, hint));
        }
    }

    private static int dimension(ByteBuffer data, Path file, int headerBytes, String what) {
        if (data.remaining() < Integer.BYTES) {
            throw new DataFileException(file, "is truncated: its header needs " + headerBytes + " bytes but the file has "
                    + data.limit());
        }
        int value = data.getInt();
        if (value <= 0) {
            throw new DataFileException(file, "the header's " + what + " is " + Integer.toUnsignedString(value)
                    + (value == 0 ? "" : " (negative as a signed size)") + "; it must be positive");
        }
        return value;
    }

    private static void checkLength(Contents data, Path file, int headerBytes, long payload, String promised) {
        long expected = headerBytes + payload;
        if (data.length() < expected) {
            throw new DataFileException(file, "is truncated: the header promises " + promised + " (" + expected
                    + " bytes with the header) but the file has " + data.length() + " bytes");
        }
        if (data.length() > expected) {
            throw new DataFileException(file, "has " + (data.exact() ? "" : "at least ")
                    + (data.length() - expected) + " bytes more than the " + promised + " its header promises ("
                    + expected + " bytes with the header)");
        }
    }
}
