package org.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderProperties {
    private static final long SEED = Long.getLong("chainrule.seed", 20261122L);

    @TempDir
    Path dir;

    /**
     * Any table of finite doubles, with the label column anywhere and class names that need
     * quoting, reads back exactly: the same numbers, and every row's class named as written.
     */
    @Test
    void aWrittenTableReadsBackExactly() {
        qt().withFixedSeed(SEED).withExamples(60)
                .forAll(integers().between(2, 25), integers().between(1, 5), longs().all())
                .checkAssert((rows, features, seed) -> {
                    Random random = new Random(seed);
                    int labelAt = random.nextInt(features + 1);
                    double[][] values = new double[rows][features];
                    String[] names = new String[rows];
                    StringBuilder csv = new StringBuilder();
                    List<String> header = new ArrayList<>();
                    for (int c = 0; c < features; c++) {
                        header.add("f" + c);
                    }
                    header.add(labelAt, "\"the, \"\"label\"\"\"");
                    csv.append(String.join(",", header)).append('\n');
                    for (int r = 0; r < rows; r++) {
                        List<String> cells = new ArrayList<>();
                        for (int c = 0; c < features; c++) {
                            values[r][c] = random.nextGaussian() * Math.pow(10, random.nextInt(41) - 20);
                            cells.add(Double.toString(values[r][c]));
                        }
                        // Two classes guaranteed; some names need quoting.
                        names[r] = r < 2 ? "class " + r : random.nextBoolean() ? "a, \"quoted\" name" : "plain";
                        cells.add(labelAt, "\"" + names[r].replace("\"", "\"\"") + "\"");
                        csv.append(String.join(",", cells)).append(random.nextBoolean() ? "\n" : "\r\n");
                    }
                    CsvData data = CsvLoader.load(write(csv.toString()), "the, \"label\"");
                    assertEquals(rows, data.dataset().size());
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < features; c++) {
                            assertEquals(values[r][c], data.dataset().features().get(r, c), "row " + r + " col " + c);
                        }
                        assertEquals(names[r], data.classNames().get(data.dataset().label(r)), "row " + r);
                    }
                });
    }

    private Path write(String text) {
        try {
            Path file = Files.createTempFile(dir, "table", ".csv");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
