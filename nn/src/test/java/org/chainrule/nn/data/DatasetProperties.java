package org.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chainrule.core.Shape;
import org.chainrule.testing.Generators;
import org.chainrule.testing.Theories;
import org.junit.jupiter.api.Test;

/**
 * Splits keep every example exactly once, with its label, for any feature matrix; checked on
 * the graph module's published generators (the {@code chainrule-graph} test-jar).
 */
class DatasetProperties {

    @Test
    void aSplitIsAPermutationOfTheExamplesWithTheirLabels() {
        Theories.qt(100).forAll(Generators.matrices().assuming(m -> m.rows() >= 2),
                        Generators.matrices(Shape.scalar(), 0.05, 0.95))
                .checkAssert((features, ratio) -> {
                    int[] labels = new int[features.rows()];
                    for (int i = 0; i < labels.length; i++) {
                        labels[i] = i % 3;
                    }
                    Dataset.Split split = new Dataset(features, labels, 3).split(ratio.item(), Theories.seed());
                    assertTrue(split.train().size() >= 1 && split.test().size() >= 1);
                    List<String> parts = new ArrayList<>(rows(split.train()));
                    parts.addAll(rows(split.test()));
                    List<String> original = rows(new Dataset(features, labels, 3));
                    parts.sort(null);
                    original.sort(null);
                    assertEquals(original, parts);
                });
    }

    /** Each example as text: its features and its label. */
    private static List<String> rows(Dataset d) {
        double[][] x = d.features().toArray();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            rows.add(Arrays.toString(x[i]) + " -> " + d.label(i));
        }
        return rows;
    }
}
