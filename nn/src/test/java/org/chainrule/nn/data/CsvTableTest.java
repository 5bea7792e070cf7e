package org.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading tables with ignored columns, regression labels, known classes, and lining columns up by name. */
class CsvTableTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("t.csv"), text);
    }

    @Test
    void ignoredColumnsAreSkippedAndValuesBecomeRegressionTargets() throws IOException {
        CsvTable table = CsvLoader.table(file("id,size,name,price\n7,2.5,alpha,100.25\n8,3,beta,-4e1\n"), "price",
                true, List.of("id", "name"));
        assertEquals(List.of("size"), table.featureNames());
        CsvData data = CsvLoader.regression(table);
        assertEquals(Tensor.column(100.25, -40), data.dataset().targets().matrix());
        assertEquals(List.of(), data.classNames());
        DataFileException e = assertThrows(DataFileException.class, () -> CsvLoader.regression(
                CsvLoader.table(file("x,price\n1,2\n2,cheap\n"), "price", true, List.of())));
        assertTrue(e.getMessage().endsWith("t.csv:3: column 'price': 'cheap' is not a number (a regression's labels are numbers)"), e.getMessage());
    }

    @Test
    void numbersThatAreNotClassesAreRefusedAndWholeNumbersUpToFiftyAreClasses() throws IOException {
        DataFileException e = assertThrows(DataFileException.class, () -> CsvLoader.load(
                file("x,y\n1,0.5\n2,1.25\n3,2\n"), "y"));
        assertTrue(e.getMessage().contains("the labels in column 'y' are numbers, 3 distinct, not all whole (such as"
                + " 0.5, 1.25)") && e.getMessage().endsWith("train a regression (--task regression)"), e.getMessage());
        StringBuilder fifty = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            fifty.append(i).append(',').append(i).append('\n');
        }
        assertEquals(50, CsvLoader.load(file(fifty.toString()), "y").dataset().classes());
        fifty.append("50,50\n");
        assertThrows(DataFileException.class, () -> CsvLoader.load(file(fifty.toString()), "y"));
    }

    @Test
    void aTestFileIsNumberedWithTheTrainingClassesAndLinedUpByName() throws IOException {
        CsvTable test = CsvLoader.table(file("b,label,a\n1,dog,10\n2,cat,20\n"), "label", true, List.of());
        Tensor lined = test.select(List.of("a", "b"));
        assertEquals(Tensor.of(new double[][] {{10, 1}, {20, 2}}), lined);
        CsvData data = CsvLoader.classification(new CsvTable(test.file(), List.of("a", "b"), lined, "label",
                test.labels()), List.of("cat", "dog"));
        assertArrayEquals(new int[] {1, 0}, data.dataset().labels());
        DataFileException e = assertThrows(DataFileException.class, () -> CsvLoader.classification(test,
                List.of("cat", "bird")));
        assertTrue(e.getMessage().endsWith("t.csv:2: label 'dog' is not one of the training classes 'cat', 'bird'"),
                e.getMessage());
        e = assertThrows(DataFileException.class, () -> test.select(List.of("a", "c")));
        assertTrue(e.getMessage().contains("lacks the feature column 'c'"), e.getMessage());
        CsvTable noLabel = CsvLoader.table(file("a,b\n1,2\n"), "label", false, List.of("id"));
        assertEquals(List.of(), noLabel.labels());
    }
}
