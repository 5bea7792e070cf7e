package org.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/** Targets of every kind, and datasets with several inputs. */
class TargetsTest {
    @Test
    void oneHotRowsKnowTheirClassesAndValuesHaveNone() {
        Targets oneHot = Targets.oneHot(Tensor.of(new double[][] {{0, 1, 0}, {1, 0, 0}}));
        assertEquals(3, oneHot.classes());
        assertArrayEquals(new int[] {1, 0}, oneHot.labels());
        Targets values = Targets.values(Tensor.of(new double[][] {{1.5, -2}, {3, 4}}));
        assertFalse(values.isClassification());
        ChainruleException e = assertThrows(ChainruleException.class, values::classes);
        assertEquals("targets: classes() needs class targets, but these are 2 column(s) of real values (regression)",
                e.getMessage());
        assertThrows(ChainruleException.class, () -> Targets.oneHot(Tensor.of(new double[][] {{0.5, 0.5}})));
        assertThrows(ChainruleException.class, () -> Targets.oneHot(Tensor.of(new double[][] {{1, 1}})));
        assertThrows(ChainruleException.class, () -> Targets.values(Tensor.column(1, Double.NaN)));
    }

    @Test
    void aSubsetTakesTheSameRowsOfEveryInputAndOfTheTargets() {
        Dataset d = new Dataset(List.of(Tensor.column(0, 1, 2), Tensor.of(new double[][] {{10, 11}, {20, 21}, {30, 31}})),
                Targets.values(Tensor.column(0.5, 1.5, 2.5)));
        Dataset picked = d.subset(new int[] {2, 0});
        assertEquals(Tensor.column(2, 0), picked.inputs().get(0));
        assertEquals(Tensor.of(new double[][] {{30, 31}, {10, 11}}), picked.inputs().get(1));
        assertEquals(Tensor.column(2.5, 0.5), picked.targets().matrix());
        ChainruleException e = assertThrows(ChainruleException.class, d::features);
        assertEquals("dataset: features() is the single input, but this dataset has 2 inputs: use inputs()",
                e.getMessage());
        e = assertThrows(ChainruleException.class, () -> new Dataset(List.of(Tensor.column(1, 2), Tensor.column(1)),
                Targets.values(Tensor.column(1, 2))));
        assertEquals("dataset: 1 examples of input 1 but 2 targets: there must be one target row per example",
                e.getMessage());
        Dataset regression = Dataset.regression(Tensor.column(1, 2, 3, 4), Tensor.column(5, 6, 7, 8));
        Dataset.Split split = regression.split(0.5, 3);
        assertEquals(2, split.train().size());
        for (int i = 0; i < 2; i++) {
            assertEquals(split.train().features().get(i, 0) + 4, split.train().targets().matrix().get(i, 0),
                    "rows stay paired with their targets");
        }
    }
}
