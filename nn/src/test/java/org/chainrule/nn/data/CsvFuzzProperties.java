package org.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.nn.Seeds;
import org.chainrule.testing.FileMutations;
import org.chainrule.testing.Mutation;
import org.chainrule.testing.ReaderVerdicts;
import org.chainrule.testing.SampleFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzed CSV files ({@link FileMutations} of a classification file with a byte-order mark,
 * quoted names and an ID column, and of a regression file) are loaded or refused with a
 * one-line {@link DataFileException}, never anything else, through each entry point
 * ({@code load}, {@code table} with {@code classification} against known classes, and
 * {@code regression}); what loads is consistent: finite features, one name per feature
 * column, labels among the classes, finite targets.
 */
class CsvFuzzProperties {
    private static final int ROWS = 12;
    /**
     * Each entry point must see at least this many of both verdicts. Random bytes in a text
     * file are mostly not UTF-8 or not numbers, so most mutations are refused: about one in
     * ten reads.
     */
    private static final int MIN_EACH = 2;
    private static final String LABEL = "the \"label\"";

    @TempDir
    Path dir;

    private static SampleFile classification() {
        Random random = new Random(3);
        StringBuilder sb = new StringBuilder("\uFEFFid,\"sepal, length\",width,\"the \"\"label\"\"\"\n");
        String[] classes = {"setosa", "\"versi, color\"", "virginica"};
        for (int i = 0; i < ROWS; i++) {
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.3f", random.nextGaussian())).append(", ")
                    .append(String.format(Locale.ROOT, "\"%.2e\"", 100 * random.nextGaussian())).append(',')
                    .append(classes[i % 3]).append(i % 4 == 3 ? "\r\n" : "\n");
        }
        return new SampleFile("classes.csv", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static SampleFile regression() {
        Random random = new Random(4);
        StringBuilder sb = new StringBuilder("x1,\"x 2\",y\n");
        for (int i = 0; i < ROWS; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", x1, x2, 3 * x1 - x2 + 500));
        }
        return new SampleFile("values.csv", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertFinite(Tensor t, String what) {
        for (int i = 0; i < t.size(); i++) {
            assertTrue(Double.isFinite(t.getFlat(i)), what + ": entry " + i + " is " + t.getFlat(i));
        }
    }

    private static void assertConsistent(CsvData data, Mutation m) {
        String what = Seeds.seeded(m.toString());
        Dataset d = data.dataset();
        assertFinite(d.features(), what);
        assertEquals(d.featureCount(), data.featureNames().size(), what);
        assertTrue(d.size() >= 1, what);
        if (d.targets().isClassification()) {
            assertEquals(d.classes(), data.classNames().size(), what);
            for (int label : d.labels()) {
                assertTrue(label >= 0 && label < d.classes(), what);
            }
        } else {
            assertFinite(d.targets().matrix(), what);
        }
    }

    private static CsvData knownClasses(Path file) {
        return CsvLoader.classification(CsvLoader.table(file, LABEL, true, List.of("id")),
                List.of("setosa", "versi, color", "virginica"));
    }

    @Test
    void aMutatedCsvFileLoadsConsistentlyOrIsRefusedInOneLine() throws java.io.IOException {
        List<SampleFile> samples = List.of(classification(), regression());
        ReaderVerdicts regression = new ReaderVerdicts(DataFileException.class);
        ReaderVerdicts load = new ReaderVerdicts(DataFileException.class);
        ReaderVerdicts knownClasses = new ReaderVerdicts(DataFileException.class);
        Path classes = dir.resolve("classes.csv");
        java.nio.file.Files.write(classes, samples.get(0).bytes());
        assertEquals(List.of("setosa", "versi, color", "virginica"), knownClasses(classes).classNames());
        Seeds.qt(600).forAll(FileMutations.of(samples)).checkAssert(m -> {
            Path file = m.writeTo(dir.resolve("mutated.csv"));
            if (m.original().equals("values.csv")) {
                regression.read(m, () -> CsvLoader.regression(CsvLoader.table(file, "y", true, List.of())))
                        .ifPresent(data -> assertConsistent(data, m));
            } else if (m.seed() % 2 == 0) {
                load.read(m, () -> CsvLoader.load(file, LABEL)).ifPresent(data -> assertConsistent(data, m));
            } else {
                knownClasses.read(m, () -> knownClasses(file)).ifPresent(data -> assertConsistent(data, m));
            }
        });
        regression.assertBothSeen(MIN_EACH);
        load.assertBothSeen(MIN_EACH);
        knownClasses.assertBothSeen(MIN_EACH);
    }
}
