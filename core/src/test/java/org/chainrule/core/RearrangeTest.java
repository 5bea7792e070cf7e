package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The rearranging kernels: transpose agrees with EJML's, a block written and read back is the
 * block, adding adds exactly, and an output of the wrong shape (or a block outside its matrix)
 * is refused with a message before anything is written.
 */
class RearrangeTest {
    private static DMatrixRMaj counting(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = i + 1;
        }
        return m;
    }

    private static DMatrixRMaj filled(int rows, int cols, double v) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        Arrays.fill(m.data, v);
        return m;
    }

    @Test
    void transposeMatchesEjmlOverAStaleBuffer() {
        DMatrixRMaj a = counting(3, 4);
        DMatrixRMaj out = filled(4, 3, Double.NaN);
        Rearrange.transpose(a, out);
        assertArrayEquals(CommonOps_DDRM.transpose(a, null).data, out.data);
    }

    @Test
    void aBlockWrittenAndReadBackIsTheBlockAndPaddingZerosTheRest() {
        DMatrixRMaj block = counting(2, 3);
        DMatrixRMaj whole = filled(4, 5, 7);
        Rearrange.writeBlock(block, 1, 2, whole);
        assertEquals(7, whole.get(0, 0));
        assertEquals(7, whole.get(1, 1));
        assertEquals(6, whole.get(2, 4));
        DMatrixRMaj back = filled(2, 3, Double.NaN);
        Rearrange.readBlock(whole, 1, 2, back);
        assertArrayEquals(block.data, back.data);
        Rearrange.padBlock(block, 1, 2, whole);
        assertEquals(0, whole.get(0, 0));
        assertEquals(21, CommonOps_DDRM.elementSum(whole));
        Rearrange.padBlock(block, 1, 2, whole);
        assertEquals(21, CommonOps_DDRM.elementSum(whole), "padding writes over what the buffer held");
    }

    @Test
    void scatterAddRowsAddsRepeatedRowsAndGatherReadsThem() {
        DMatrixRMaj table = counting(3, 2);
        DMatrixRMaj indices = new DMatrixRMaj(new double[][] {{1}, {1}, {0}});
        DMatrixRMaj rows = new DMatrixRMaj(3, 2);
        Rearrange.gatherRows(table, indices, rows);
        assertArrayEquals(new double[] {3, 4, 3, 4, 1, 2}, rows.data);
        DMatrixRMaj out = filled(3, 2, Double.NaN);
        Rearrange.scatterAddRows(rows, indices, out);
        assertArrayEquals(new double[] {1, 2, 6, 8, 0, 0}, out.data);
        Rearrange.scatterAddRows(rows, indices, out);
        assertArrayEquals(new double[] {1, 2, 6, 8, 0, 0}, out.data, "scattering writes over what the buffer held");
    }

    @Test
    void wrongShapesAreRefusedBeforeAnythingIsWritten() {
        DMatrixRMaj a = counting(2, 3);
        DMatrixRMaj out = filled(2, 3, 9);
        assertEquals("transpose: the output is 2x3, not 3x2",
                assertThrows(ShapeMismatchException.class, () -> Rearrange.transpose(a, out)).getMessage());
        assertEquals("reshape: cannot copy the 6 elements of 2x3 into 1x5: it holds 5",
                assertThrows(ShapeMismatchException.class,
                        () -> Rearrange.copyElements(a, new DMatrixRMaj(1, 5))).getMessage());
        assertEquals("pad block: a 2x3 block at row 1, column 0 does not lie inside 2x3",
                assertThrows(ShapeMismatchException.class, () -> Rearrange.padBlock(a, 1, 0, out)).getMessage());
        assertEquals("read block: a 2x3 block at row 0, column -1 does not lie inside 2x3",
                assertThrows(ShapeMismatchException.class, () -> Rearrange.readBlock(a, 0, -1, out))
                        .getMessage());
        assertArrayEquals(filled(2, 3, 9).data, out.data);
    }
}
