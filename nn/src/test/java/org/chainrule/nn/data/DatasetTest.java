package org.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** Sizes are checked before allocating: two billion points is one line, not EJML's exception or an OutOfMemoryError. */
    @Test
    void moreExamplesThanTheMemoryHoldsAreRefusedBeforeAllocating() {
        org.chainrule.core.ChainruleException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.chainrule.core.ChainruleException.class,
                () -> Playground.generate(Playground.Kind.XOR, 2_000_000_000, 0, 1));
        org.junit.jupiter.api.Assertions.assertEquals("playground: at most 1073741819 examples (two coordinates each in one"
                + " array), got 2000000000", e.getMessage());
        // nn's tests run in a 2 GiB heap (nn/pom.xml), which 500 million points (19 GiB) do not fit
        org.chainrule.core.ChainruleException memory = org.junit.jupiter.api.Assertions.assertThrows(
                org.chainrule.core.ChainruleException.class,
                () -> Playground.generate(Playground.Kind.XOR, 500_000_000, 0, 1));
        org.junit.jupiter.api.Assertions.assertTrue(memory.getMessage().startsWith("playground: 500000000 examples needs"
                + " 19073 MiB and a margin of 128 MiB, but this JVM has about "), memory.getMessage());
    }

    @Test
    void everyPlaygroundSetIsDeterministicForASeedAndBalanced() {
        for (Playground.Kind kind : Playground.Kind.values()) {
            Dataset a = Playground.generate(kind, 200, 0.1, 5);
            Dataset b = Playground.generate(kind, 200, 0.1, 5);
            Dataset c = Playground.generate(kind, 200, 0.1, 6);
            assertEquals(a.features(), b.features(), kind.name());
            assertArrayEquals(a.labels(), b.labels(), kind.name());
            assertNotEquals(a.features(), c.features(), kind.name());
            assertEquals(2, a.featureCount());
            long ones = Arrays.stream(a.labels()).filter(l -> l == 1).count();
            assertTrue(ones > 40 && ones < 160, kind + " has " + ones + " of 200 in class 1");
        }
    }

    @Test
    void noiselessSetsFollowTheirRule() {
        Dataset xor = Playground.generate(Playground.Kind.XOR, 100, 0, 1);
        Dataset circle = Playground.generate(Playground.Kind.CIRCLE, 100, 0, 1);
        for (int i = 0; i < 100; i++) {
            double x = xor.features().get(i, 0);
            double y = xor.features().get(i, 1);
            assertEquals(x * y >= 0 ? 1 : 0, xor.label(i));
            double r = Math.hypot(circle.features().get(i, 0), circle.features().get(i, 1));
            assertEquals(r < 2.5 ? 1 : 0, circle.label(i));
        }
    }

    @Test
    void splitShufflesAndKeepsEveryExampleOnce() {
        Dataset d = new Dataset(Tensor.column(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, 2);
        Dataset.Split s = d.split(0.7, 3);
        assertEquals(7, s.train().size());
        assertEquals(3, s.test().size());
        double[] all = new double[10];
        for (int i = 0; i < 7; i++) {
            all[i] = s.train().features().get(i, 0);
            assertEquals((int) all[i] % 2, s.train().label(i));
        }
        for (int i = 0; i < 3; i++) {
            all[7 + i] = s.test().features().get(i, 0);
        }
        Arrays.sort(all);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
        assertEquals(s.train().features(), d.split(0.7, 3).train().features());
    }

    @Test
    void targetsInBothEncodings() {
        Dataset d = new Dataset(Tensor.column(1, 2, 3), new int[] {2, 0, 1}, 3);
        assertEquals(Tensor.of(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}), d.oneHotTargets());
        assertThrows(ChainruleException.class, d::binaryTargets);
        assertEquals(Tensor.column(1, 0), new Dataset(Tensor.column(5, 6), new int[] {1, 0}, 2).binaryTargets());
    }

    @Test
    void refusesBadInput() {
        assertThrows(ChainruleException.class, () -> new Dataset(Tensor.column(1, 2), new int[] {0}, 2));
        assertThrows(ChainruleException.class, () -> new Dataset(Tensor.column(1, 2), new int[] {0, 2}, 2));
        assertThrows(ChainruleException.class, () -> new Dataset(Tensor.column(1, Double.NaN), new int[] {0, 1}, 2));
        assertThrows(ChainruleException.class, () -> Playground.generate(Playground.Kind.XOR, 10, 2, 1));
        assertThrows(ChainruleException.class, () -> new Dataset(Tensor.column(1, 2), new int[] {0, 1}, 2).split(1.0, 1));
    }

    @Test
    void namesTheNonFiniteFeatureAndRefusesIndicesOutOfRange() {
        ChainruleException e = assertThrows(ChainruleException.class, () -> new Dataset(
                Tensor.of(new double[][] {{1, 2}, {3, Double.POSITIVE_INFINITY}}), new int[] {0, 1}, 2));
        assertEquals("dataset: feature 1 of example 1 is Infinity: features must be finite numbers", e.getMessage());
        Dataset data = new Dataset(Tensor.column(1, 2), new int[] {0, 1}, 2);
        e = assertThrows(ChainruleException.class, () -> data.label(2));
        assertEquals("targets: example 2 is outside [0, 2)", e.getMessage());
        assertThrows(ChainruleException.class, () -> data.label(-1));
        e = assertThrows(ChainruleException.class, () -> Dataset.permutation(-1, new Random(1)));
        assertEquals("permutation: length -1 is negative", e.getMessage());
        assertEquals(0, Dataset.permutation(0, new Random(1)).length);
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = Dataset.permutation(50, new Random(1));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
    }
}
