package org.chainrule.nn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.interop.InteropException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
    private static final byte[] ONE = NpyTest.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }",
            NpyTest.doubles(1));

    @TempDir
    Path dir;

    /** A deflated zip of the given entries, name then bytes. */
    private static byte[] zip(Object... namesAndBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
                zip.write((byte[]) namesAndBytes[i + 1]);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private InteropException refused(byte[] bytes) throws IOException {
        Path path = dir.resolve("bad.npz");
        Files.write(path, bytes);
        InteropException e = assertThrows(InteropException.class, () -> Npz.read(path));
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().startsWith("npz file " + path), e.getMessage());
        return e;
    }

    @Test
    void roundTripInBothLayoutsIsBitExact() {
        Sequential net = Fixtures.mlp(3);
        net.parameters().get(1).mutableValue().data[0] = Double.NEGATIVE_INFINITY;
        for (boolean pytorch : new boolean[] {false, true}) {
            Path path = dir.resolve("net" + pytorch + ".npz");
            Sequential other = Fixtures.mlp(4);
            Npz.save(pytorch ? WeightLayout.pytorch(net) : WeightLayout.chainrule(net), path);
            Npz.load(pytorch ? WeightLayout.pytorch(other) : WeightLayout.chainrule(other), path);
            assertEquals(net.parameters().stream().map(Parameter::value).toList(),
                    other.parameters().stream().map(Parameter::value).toList());
        }
    }

    @Test
    void theSameWeightsGiveTheSameBytes() throws IOException {
        Path a = dir.resolve("a.npz");
        Path b = dir.resolve("b.npz");
        Npz.save(Fixtures.mlp(3), a);
        Npz.save(Fixtures.mlp(3), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void inspectionReadsEveryArrayByNameWithoutTheSuffix() throws IOException {
        Path path = dir.resolve("two.npz");
        Files.write(path, zip("w.npy", ONE, "dir/v.npy", ONE));
        assertEquals(List.of("w", "dir/v"), List.copyOf(Npz.read(path).keySet()));
        assertEquals(Tensor.scalar(1), Npz.read(path).get("w"));
    }

    @Test
    void entriesThatAreNotArraysAreRefused() throws IOException {
        assertTrue(refused(zip("notes.txt", "hello".getBytes(StandardCharsets.UTF_8))).getMessage()
                .contains("entry 'notes.txt' is not an array"));
        assertTrue(refused(zip()).getMessage().contains("holds no arrays"));
        assertTrue(refused("not a zip at all".getBytes(StandardCharsets.UTF_8)).getMessage()
                .contains("not a readable zip archive"));
    }

    @Test
    void aNameThatAppearsTwiceIsRefused() throws IOException {
        byte[] bytes = zip("a.npy", ONE, "b.npy", ONE);
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("b.npy", "a.npy");
        InteropException e = refused(text.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("'a.npy' appears twice"), e.getMessage());
    }

    @Test
    void anEntryWhoseHeaderPromisesOtherDataIsRefusedAndNamed() throws IOException {
        byte[] longer = NpyTest.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", NpyTest.doubles(1));
        InteropException e = refused(zip("ok.npy", ONE, "short.npy", longer));
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("entry 'short.npy'") && e.getMessage().contains("16 data bytes but 8"),
                e.getMessage());
        byte[] f2 = NpyTest.npy("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }", new byte[2]);
        assertEquals(Reason.UNSUPPORTED_DTYPE, refused(zip("half.npy", f2)).reason());
    }
}
