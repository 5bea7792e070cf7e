package org.chainrule.nn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chainrule.core.Tensor;
import org.chainrule.nn.interop.InteropException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    /** A version 1.0 .npy file with the given header dict and raw data bytes, padded as NumPy pads. */
    static byte[] npy(String dict, byte[] data) {
        String header = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        out.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return out.array();
    }

    static byte[] doubles(double... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            out.putDouble(v);
        }
        return out.array();
    }

    private InteropException refused(byte[] bytes) throws IOException {
        Path file = dir.resolve("bad.npy");
        Files.write(file, bytes);
        InteropException e = assertThrows(InteropException.class, () -> Npy.read(file));
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().startsWith("npy file " + file), e.getMessage());
        return e;
    }

    @Test
    void numpysFilesReadAsTheValuesNumPySaved() {
        Tensor expected = Fixtures.values(2, 3);
        assertEquals(expected, Npy.read(Fixtures.path("matrix_f8.npy")));
        assertEquals(expected, Npy.read(Fixtures.path("matrix_fortran.npy")), "Fortran order is put into C order");
        assertEquals(expected, Npy.read(Fixtures.path("matrix_v2.npy")), "format version 2.0");
        assertEquals(Fixtures.values(1, 4), Npy.read(Fixtures.path("vector.npy")), "(n,) reads as a 1xn row");
        assertEquals(Tensor.scalar(-2.5 / 7), Npy.read(Fixtures.path("scalar.npy")), "() reads as 1x1");
    }

    @Test
    void float32IsWidenedExactly() {
        Tensor read = Npy.read(Fixtures.path("matrix_f4.npy"));
        Tensor wide = Fixtures.values(2, 3);
        for (int i = 0; i < wide.size(); i++) {
            assertEquals((double) (float) wide.getFlat(i), read.getFlat(i));
        }
    }

    @Test
    void writingGivesTheBytesNumPySaveWrites() throws IOException {
        Path ours = dir.resolve("ours.npy");
        Npy.write(Fixtures.values(2, 3), ours);
        assertArrayEquals(Files.readAllBytes(Fixtures.path("matrix_f8.npy")), Files.readAllBytes(ours));
    }

    @Test
    void roundTripIsBitExactForSpecialValues() {
        Tensor special = Tensor.of(new double[][] {{-0.0, Double.NaN, Double.MIN_VALUE},
            {Double.NEGATIVE_INFINITY, Double.MAX_VALUE, 1.0 / 3}});
        Path file = dir.resolve("special.npy");
        Npy.write(special, file);
        assertEquals(special, Npy.read(file));
    }

    @Test
    void otherDtypesAreRefusedByName() throws IOException {
        InteropException e = refused(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        assertEquals(Reason.UNSUPPORTED_DTYPE, e.reason());
        assertTrue(e.getMessage().contains("dtype '<i8'"), e.getMessage());
        assertEquals(Reason.UNSUPPORTED_DTYPE,
                refused(npy("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", new byte[8])).reason());
    }

    @Test
    void arraysChainruleCannotHoldAreRefused() throws IOException {
        InteropException threeD = refused(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 2), }",
                doubles(1, 2)));
        assertEquals(Reason.UNSUPPORTED_SHAPE, threeD.reason());
        assertTrue(threeD.getMessage().contains("[1, 1, 2]"), threeD.getMessage());
        assertEquals(Reason.UNSUPPORTED_SHAPE,
                refused(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", new byte[0])).reason());
    }

    @Test
    void aDataLengthOtherThanTheHeaderPromisesIsRefused() throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }";
        InteropException shortData = refused(npy(dict, doubles(1, 2, 3)));
        assertEquals(Reason.MALFORMED, shortData.reason());
        assertTrue(shortData.getMessage().contains("promises [2, 2] <f8 = 32 data bytes but 24 follow"),
                shortData.getMessage());
        assertEquals(Reason.MALFORMED, refused(npy(dict, doubles(1, 2, 3, 4, 5))).reason());
        InteropException huge = refused(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4000000000, 4000000000), }",
                doubles(1)));
        assertEquals(Reason.MALFORMED, huge.reason());
    }

    @Test
    void malformedHeadersAreRefused() throws IOException {
        byte[] good = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", doubles(1));
        byte[] badMagic = good.clone();
        badMagic[1] = 'X';
        assertTrue(refused(badMagic).getMessage().contains("magic"));
        byte[] version = good.clone();
        version[6] = 4;
        assertTrue(refused(version).getMessage().contains("version 4.0"));
        byte[] pastEnd = good.clone();
        pastEnd[8] = (byte) 0xff;
        pastEnd[9] = (byte) 0x7f;
        assertTrue(refused(pastEnd).getMessage().contains("past the end"), "header length beyond the file");
        for (String dict : new String[] {
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1), }",
            "{'descr': '<f8', 'fortran_order': False}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': True}",
            "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}",
            "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}",
            "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}",
            "['descr', '<f8']",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} trailing"}) {
            assertEquals(Reason.MALFORMED, refused(npy(dict, doubles(1))).reason(), dict);
        }
        assertEquals(Reason.MALFORMED, refused(new byte[5]).reason(), "shorter than any header");
    }
}
