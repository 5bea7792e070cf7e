package org.chainrule.nn.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Tensor;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;

/** The files examples/interop/make_fixtures.py wrote with PyTorch and NumPy, and the network they fit. */
final class Fixtures {
    private Fixtures() {
    }

    /** A test resource of this package, e.g. {@code mlp_f64.safetensors}. */
    static Path path(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name + ": run examples/interop/make_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Chainrule twin of {@code nn.Sequential(Linear(3, 5), Tanh(), Linear(5, 4), ReLU(), Linear(4, 2))}:
     * {@code Linear, tanh, Linear, relu, Linear}, with weights of its own until loaded.
     */
    static Sequential mlp(long seed) {
        return Mlp.builder(3).hidden(5, Activation.TANH).hidden(4, Activation.RELU).output(2, Activation.IDENTITY)
                .seed(seed).build();
    }

    /** The rows labelled {@code label} in mlp_io.txt: {@code input}, {@code output_f64} or {@code output_f32}. */
    static Tensor io(String label) {
        try {
            List<double[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(path("mlp_io.txt"))) {
                String[] fields = line.trim().split(" +");
                if (fields[0].equals(label)) {
                    double[] row = new double[fields.length - 1];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = Double.parseDouble(fields[i + 1]);
                    }
                    rows.add(row);
                }
            }
            return Tensor.of(rows.toArray(new double[0][]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values the single-array fixtures hold: {@code (k - 2.5) / 7} for k = 0, 1, ... in C order. */
    static Tensor values(int rows, int cols) {
        double[][] v = new double[rows][cols];
        for (int k = 0; k < rows * cols; k++) {
            v[k / cols][k % cols] = (k - 2.5) / 7;
        }
        return Tensor.of(v);
    }
}
