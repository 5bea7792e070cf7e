package org.chainrule.examples.gallery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chainrule.core.Tensor;

/**
 * Reference values computed elsewhere (PyTorch, float64, by the scripts in
 * {@code examples/gallery/}) and committed as test resources, so that tests never need Python.
 *
 * <p>The format is plain text, one tensor a line: its name, its rows, its columns, then its
 * elements in row-major order, separated by spaces, each written as Python's {@code repr} of a
 * float (which round-trips a double exactly). Lines starting with {@code #} are comments, for
 * the script's name and version. For example {@code loss 1 1 0.6931471805599453}.
 */
final class ReferenceValues {
    private final Map<String, Tensor> tensors;

    private ReferenceValues(Map<String, Tensor> tensors) {
        this.tensors = tensors;
    }

    /**
     * Reads a resource of this package.
     *
     * @param resource the file name, e.g. {@code "tied-autoencoder.txt"}.
     * @return the values.
     * @throws IOException if it cannot be read.
     * @throws IllegalArgumentException if a line is malformed.
     */
    static ReferenceValues load(String resource) throws IOException {
        InputStream in = ReferenceValues.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("no test resource " + resource + " next to " + ReferenceValues.class.getName());
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                int rows = Integer.parseInt(parts[1]);
                int cols = Integer.parseInt(parts[2]);
                if (parts.length != 3 + rows * cols) {
                    throw new IllegalArgumentException(resource + ": " + parts[0] + " is " + rows + "x" + cols
                            + " but has " + (parts.length - 3) + " values");
                }
                double[][] values = new double[rows][cols];
                for (int i = 0; i < rows * cols; i++) {
                    values[i / cols][i % cols] = Double.parseDouble(parts[3 + i]);
                }
                tensors.put(parts[0], Tensor.of(values));
            }
        }
        return new ReferenceValues(tensors);
    }

    /**
     * One tensor.
     *
     * @param name its name in the file.
     * @return the tensor.
     * @throws IllegalArgumentException if the file has no such tensor.
     */
    Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no reference value " + name + "; the file has " + tensors.keySet());
        }
        return t;
    }
}
