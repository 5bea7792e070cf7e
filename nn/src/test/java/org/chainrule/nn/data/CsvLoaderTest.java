package org.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Loads a file that must be rejected and returns the error, checking it names the file and line. */
    private DataFileException rejected(String text, long line) throws IOException {
        Path file = write(text);
        DataFileException e = assertThrows(DataFileException.class, () -> CsvLoader.load(file, "y"));
        assertEquals(file.toString(), e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + (line > 0 ? ":" + line + ": " : ": ")), e.getMessage());
        return e;
    }

    private static void assertMentions(DataFileException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void readsFeaturesInHeaderOrderAroundTheLabelColumn() throws IOException {
        CsvData data = CsvLoader.load(write("a,y,b\n1.5,1,-2\n.5,0,3e2\n-0.25,1,+7\n"), "y");
        assertEquals(List.of("a", "b"), data.featureNames());
        assertEquals(Tensor.of(new double[][] {{1.5, -2}, {0.5, 300}, {-0.25, 7}}), data.dataset().features());
        assertArrayEquals(new int[] {1, 0, 1}, data.dataset().labels());
        assertEquals(List.of("0", "1"), data.classNames());
    }

    @Test
    void integerLabelsAreNumberedByAscendingValue() throws IOException {
        CsvData data = CsvLoader.load(write("x,y\n1,+1\n2,-1\n3,1.0\n4,-1\n"), "y");
        assertArrayEquals(new int[] {1, 0, 1, 0}, data.dataset().labels());
        assertEquals(List.of("-1", "1"), data.classNames());

        CsvData digits = CsvLoader.load(write("x,y\n1,7\n2,3\n3,10\n"), "y");
        assertArrayEquals(new int[] {1, 0, 2}, digits.dataset().labels());
        assertEquals(List.of("3", "7", "10"), digits.classNames());
        assertEquals(3, digits.dataset().classes());
    }

    @Test
    void classNamesAreNumberedInOrderOfFirstAppearance() throws IOException {
        CsvData data = CsvLoader.load(write("x,y\n1,versicolor\n2,setosa\n3,versicolor\n4,virginica\n5,1\n"), "y");
        assertArrayEquals(new int[] {0, 1, 0, 2, 3}, data.dataset().labels());
        assertEquals(List.of("versicolor", "setosa", "virginica", "1"), data.classNames());
    }

    @Test
    void quotesSpacesCrlfAndAByteOrderMarkAreHandled() throws IOException {
        String text = "\uFEFF\"Sepal.Length\", \"a,b\" ,\"y\"\r\n 5.1 ,\"3.5\",\"iris \"\"setosa\"\"\"\r\n4.9,3,plain\r\n";
        CsvData data = CsvLoader.load(write(text), "y");
        assertEquals(List.of("Sepal.Length", "a,b"), data.featureNames());
        assertEquals(Tensor.of(new double[][] {{5.1, 3.5}, {4.9, 3}}), data.dataset().features());
        assertEquals(List.of("iris \"setosa\"", "plain"), data.classNames());
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRejectedWithItsLine() throws IOException {
        assertMentions(rejected("a,b,y\n1,2,0\n1,2\n", 3), "2 values but the header has 3 columns");
        assertMentions(rejected("a,b,y\n1,2,0\n1,2,1,\n", 3), "4 values but the header has 3 columns");
    }

    @Test
    void aNonNumericFeatureIsRejectedWithColumnAndValue() throws IOException {
        assertMentions(rejected("a,b,y\n1,2,0\n3,abc,1\n", 3), "column 'b'", "'abc' is not a number");
        assertMentions(rejected("a,y\n1f,0\n", 2), "'1f' is not a number");
        assertMentions(rejected("a,y\n0x10,0\n", 2), "'0x10' is not a number");
    }

    @Test
    void nanAndInfinityAreRejected() throws IOException {
        assertMentions(rejected("a,y\n1,0\nNaN,1\n", 3), "column 'a'", "'NaN' is not a finite number");
        assertMentions(rejected("a,y\n-Infinity,1\n", 2), "'-Infinity' is not a finite number");
        assertMentions(rejected("a,y\ninf,1\n", 2), "'inf' is not a finite number");
        assertMentions(rejected("a,y\n1e400,1\n", 2), "'1e400' is too large for a double");
    }

    @Test
    void emptyValuesAndBlankLinesAreRejectedNotSkipped() throws IOException {
        assertMentions(rejected("a,b,y\n1,,0\n", 2), "column 'b' is empty");
        assertMentions(rejected("a,y\n1,0\n2,\n", 3), "the label column 'y' is empty");
        assertMentions(rejected("a,y\n1,0\n\n2,1\n", 3), "blank line");
        assertMentions(rejected("a,y\n1,0\n2,1\n\n", 4), "blank line");
    }

    @Test
    void brokenQuotesAreRejected() throws IOException {
        assertMentions(rejected("a,y\n\"1,0\n", 2), "value 1 opens a quote that is not closed");
        assertMentions(rejected("a,y\n\"1\"x,0\n", 2), "value 1 has text after its closing quote");
    }

    @Test
    void aMissingLabelColumnNamesTheColumnsThereAre() throws IOException {
        assertMentions(rejected("a,b,label\n1,2,0\n", 1), "no column named 'y'", "the columns are a, b, label");
    }

    @Test
    void badHeadersAreRejected() throws IOException {
        assertMentions(rejected("a,y,a\n1,0,2\n", 1), "column name 'a' appears twice (columns 1 and 3)");
        assertMentions(rejected("a,,y\n1,2,0\n", 1), "column 2 of the header has no name");
        assertMentions(rejected("y\n0\n", 1), "the label column 'y' is the only column");
        assertMentions(rejected("\n1,0\n", 1), "the header row is blank");
    }

    @Test
    void filesWithoutDataOrWithOneClassAreRejected() throws IOException {
        assertMentions(rejected("", 0), "is empty");
        assertMentions(rejected("a,y\n", 0), "no data rows");
        assertMentions(rejected("a,y\n1,cat\n2,cat\n", 0), "every label in column 'y' is 'cat'", "at least two classes");
    }

    @Test
    void unreadableFilesAreRejected() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertMentions(assertThrows(DataFileException.class, () -> CsvLoader.load(missing, "y")), "no such file");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, new byte[] {'a', ',', 'y', '\n', '1', ',', (byte) 0xE9, '\n'});
        assertMentions(assertThrows(DataFileException.class, () -> CsvLoader.load(latin1, "y")),
                "line 2 is not UTF-8 text (byte 0xe9); save the file as UTF-8");
        // far down a file, past what the decoder reads ahead: the line is still the right one
        StringBuilder text = new StringBuilder("a,y\n");
        for (int i = 0; i < 5000; i++) {
            text.append(i).append(",cat\n");
        }
        byte[] head = text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 6);
        System.arraycopy(new byte[] {'7', ',', 'c', 'a', 'f', (byte) 0xE9}, 0, bytes, head.length, 6);
        Path late = Files.write(dir.resolve("late.csv"), bytes);
        assertMentions(assertThrows(DataFileException.class, () -> CsvLoader.load(late, "y")),
                "line 5002 is not UTF-8 text (byte 0xe9");
    }
}
