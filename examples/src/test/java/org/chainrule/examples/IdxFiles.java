package org.chainrule.examples;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chainrule.nn.data.MnistIdx;

/** Writes MNIST-format IDX image and label files made by a test. */
final class IdxFiles {
    /** The label of image {@code n}. */
    interface Labels {
        int of(int n);
    }

    /** Pixel {@code p} (row-major) of image {@code n} with label {@code label}, 0 to 255. */
    interface Pixels {
        int of(int n, int label, int p);
    }

    private IdxFiles() {
    }

    /**
     * Writes {@code prefix-images-idx3-ubyte} and {@code prefix-labels-idx1-ubyte} in {@code dir}.
     *
     * @return the images file and the labels file.
     */
    static Path[] write(Path dir, String prefix, int count, int rows, int cols, Labels labels, Pixels pixels)
            throws IOException {
        ByteArrayOutputStream imageBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream labelBytes = new ByteArrayOutputStream();
        try (DataOutputStream i = new DataOutputStream(imageBytes); DataOutputStream l = new DataOutputStream(labelBytes)) {
            i.writeInt(MnistIdx.IMAGES_MAGIC);
            i.writeInt(count);
            i.writeInt(rows);
            i.writeInt(cols);
            l.writeInt(MnistIdx.LABELS_MAGIC);
            l.writeInt(count);
            for (int n = 0; n < count; n++) {
                int label = labels.of(n);
                for (int p = 0; p < rows * cols; p++) {
                    i.writeByte(pixels.of(n, label, p));
                }
                l.writeByte(label);
            }
        }
        String name = prefix.isEmpty() ? "" : prefix + "-";
        return new Path[] {Files.write(dir.resolve(name + "images-idx3-ubyte"), imageBytes.toByteArray()),
            Files.write(dir.resolve(name + "labels-idx1-ubyte"), labelBytes.toByteArray())};
    }
}
