package org.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact stores behind a CSV read: a label column that keeps each distinct label once and,
 * past a few thousand distinct ones, numbers as doubles; numbers kept in blocks and joined in
 * order.
 */
class CompactColumnsTest {
    @TempDir
    Path dir;

    @Test
    void repeatedLabelsAreKeptOnceAndReadBackAsWritten() {
        LabelTexts labels = new LabelTexts(dir.resolve("f.csv"));
        String[] written = {"cat", "dog", "cat", " 1.50", "dog", "1.50"};
        for (String label : written) {
            labels.append(new String(label), 1); // a new object each time, as a reader makes them
        }
        assertEquals(written.length, labels.size());
        for (int i = 0; i < written.length; i++) {
            assertEquals(written[i], labels.get(i));
        }
        assertSame(labels.get(0), labels.get(2));
        assertThrows(IndexOutOfBoundsException.class, () -> labels.get(written.length));
        assertThrows(UnsupportedOperationException.class, () -> labels.add("bird"));
    }

    @Test
    void pastTheTextLimitNumbersAreKeptAsTheDoublesTheyDenote() {
        LabelTexts labels = new LabelTexts(dir.resolve("f.csv"));
        int n = LabelTexts.MAX_TEXTS + 1000;
        Random random = new Random(3);
        String[] written = new String[n];
        for (int i = 0; i < n; i++) {
            written[i] = String.format(Locale.ROOT, "%.25f", random.nextGaussian());
            labels.append(written[i], 1);
        }
        labels.append("12345.000", 1);
        labels.append("0.10", 1);
        labels.append("-7", 1);
        labels.append("a name", 1);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.parseDouble(written[i]), Double.parseDouble(labels.get(i)), "label " + i);
        }
        assertEquals(written[0], labels.get(0), "the first distinct labels keep their text");
        assertEquals("12345", labels.get(n));
        assertEquals("0.1", labels.get(n + 1));
        assertEquals("-7", labels.get(n + 2));
        assertEquals("a name", labels.get(n + 3), "a label that is not a number keeps its text");
    }

    @Test
    void numbersComeBackInOrderAcrossBlocks() {
        NumberBlocks blocks = new NumberBlocks(dir.resolve("f.csv"));
        int n = 2 * NumberBlocks.CHUNK + 17;
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = i * 0.5 - 3;
            blocks.add(expected[i], i);
        }
        assertArrayEquals(expected, blocks.toArray(n));
        assertEquals(0, new NumberBlocks(dir.resolve("g.csv")).toArray(1).length);
    }

    @Test
    void aRegressionColumnOfDistinctValuesLoadsExactly() throws IOException {
        int rows = LabelTexts.MAX_TEXTS + 3000;
        StringBuilder text = new StringBuilder("x,y\n");
        Random random = new Random(5);
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            String value = String.format(Locale.ROOT, "%.20e", random.nextGaussian() * 1e3);
            y[i] = Double.parseDouble(value);
            text.append(i).append(',').append(value).append('\n');
        }
        Path file = Files.writeString(dir.resolve("distinct.csv"), text);
        CsvData data = CsvLoader.regression(CsvLoader.table(file, "y", true, List.of()));
        assertArrayEquals(y, data.dataset().targets().matrix().matrixView().data);
        DataFileException asClasses = assertThrows(DataFileException.class,
                () -> CsvLoader.classification(CsvLoader.table(file, "y", true, List.of()), null));
        assertTrue(asClasses.getMessage().contains("are numbers, " + rows + " distinct, not all whole"),
                asClasses.getMessage());
    }

    private static List<String> lines(String text, int maxLine) throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader(text), Path.of("t.csv"), maxLine);
        List<String> out = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            out.add(line);
        }
        return out;
    }

    @Test
    void linesEndAsBufferedReaderEndsThem() throws IOException {
        String[] texts = {"", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\r", "\n\n", "\r\n\r", "x,y\r\n1,2\n\r3",
            "a".repeat(20_000) + "\r" + "\n".repeat(3) + "b".repeat(9000)};
        for (String text : texts) {
            List<String> expected = new BufferedReader(new StringReader(text)).lines().toList();
            assertEquals(expected, lines(text, 1 << 20), "text " + text.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithItsNumber() throws IOException {
        assertEquals(List.of("12345", "1"), lines("12345\n1", 5));
        DataFileException e = assertThrows(DataFileException.class, () -> lines("1\n123456\n", 5));
        assertEquals("t.csv:2: is longer than 5 characters before its end: that is not a row of a table (is this a"
                + " CSV file?)", e.getMessage());
    }

    @Test
    void aFileWithoutLineBreaksIsRefusedBeforeItIsHeld() throws IOException {
        Path zeros = Files.write(dir.resolve("zeros.csv"), new byte[BoundedLines.MAX_LINE + 10]);
        DataFileException e = assertThrows(DataFileException.class, () -> CsvLoader.load(zeros, "y"));
        assertTrue(e.getMessage().endsWith("zeros.csv:1: is longer than 16777216 characters before its end: that is"
                + " not a row of a table (is this a CSV file?)"), e.getMessage());
    }
}
