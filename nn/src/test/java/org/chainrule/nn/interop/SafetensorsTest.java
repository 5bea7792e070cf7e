package org.chainrule.nn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Linear;
import org.chainrule.nn.Module;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.interop.InteropException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    /** A safetensors file: the header length, the header as given, then {@code data}. */
    static byte[] file(String header, byte[] data) {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(text.length).put(text).put(data).array();
    }

    private InteropException refused(byte[] bytes) throws IOException {
        Path path = dir.resolve("bad.safetensors");
        Files.write(path, bytes);
        InteropException e = assertThrows(InteropException.class, () -> Safetensors.read(path));
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().startsWith("safetensors file " + path),
                e.getMessage());
        return e;
    }

    private void assertRefused(Reason reason, String fragment, String header, byte[] data) throws IOException {
        InteropException e = refused(file(header, data));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    private static List<Tensor> values(Module model) {
        return model.parameters().stream().map(Parameter::value).toList();
    }

    @Test
    void roundTripInTheChainruleLayoutIsBitExact() {
        Sequential net = Fixtures.mlp(7);
        net.parameters().get(0).mutableValue().data[0] = -0.0;
        net.parameters().get(0).mutableValue().data[1] = Double.NaN;
        net.parameters().get(0).mutableValue().data[2] = Double.MIN_VALUE;
        Path path = dir.resolve("net.safetensors");
        Safetensors.save(net, path);
        Sequential other = Fixtures.mlp(8);
        Safetensors.load(other, path);
        assertEquals(values(net), values(other));
    }

    @Test
    void theHeaderIsPaddedToEightBytesAndNamesEveryParameter() throws IOException {
        Path path = dir.resolve("net.safetensors");
        Safetensors.save(WeightLayout.chainrule(Fixtures.mlp(7)), path, Map.of("who", "a \"quoted\" name"));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        long n = bytes.getLong();
        assertEquals(0, (8 + n) % 8);
        String header = new String(bytes.array(), 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"layer1.weight\":{\"dtype\":\"F64\",\"shape\":[3,5],\"data_offsets\":[0,120]}"),
                header);
        assertEquals(Map.of("who", "a \"quoted\" name"), Safetensors.metadata(path));
        assertEquals(8 + n + 8L * Fixtures.mlp(7).parameterCount(), Files.size(path));
    }

    @Test
    void aRejectedLoadChangesNoParameterEvenWhenTheFirstEntriesFit() throws IOException {
        Sequential net = Fixtures.mlp(7);
        Path path = dir.resolve("partial.safetensors");
        Safetensors.save(net, path);
        Sequential wider = org.chainrule.nn.Mlp.builder(3).hidden(5, Activation.TANH).hidden(4, Activation.RELU)
                .output(3, Activation.IDENTITY).seed(9).build();
        List<Tensor> before = values(wider);
        InteropException e = assertThrows(InteropException.class, () -> Safetensors.load(wider, path));
        assertEquals(Reason.MODEL_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("'layer3.weight' is [4, 2] in the file but the model's 'layer3.weight'"
                + " (4x3) needs [4, 3]"), e.getMessage());
        assertEquals(before, values(wider), "layer1 and layer2 match the file, yet nothing may change");
    }

    @Test
    void aSharedParameterMustHoldTheSameValueUnderBothNames() throws IOException {
        Parameter w = new Parameter("shared.weight", Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        Sequential tied = Sequential.of(Linear.of(w, new Parameter("a.bias", Tensor.zeros(1, 2))), Activation.TANH,
                Linear.of(w, new Parameter("b.bias", Tensor.zeros(1, 2))));
        WeightLayout layout = WeightLayout.pytorch(tied);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), layout.names());
        Path path = dir.resolve("tied.safetensors");
        Safetensors.save(layout, path);
        Safetensors.load(layout, path);
        String header = "{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,32]},"
                + "\"0.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[32,48]},"
                + "\"2.weight\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[48,80]},"
                + "\"2.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[80,96]}}";
        Files.write(path, file(header, NpyTest.doubles(1, 3, 2, 4, 5, 5, 1, 3, 2, 9, 6, 6)));
        InteropException e = assertThrows(InteropException.class, () -> Safetensors.load(layout, path));
        assertTrue(e.getMessage().contains("'0.weight' and '2.weight' both hold the model's shared parameter"
                + " 'shared.weight' but differ"), e.getMessage());
        assertEquals(Tensor.of(new double[][] {{1, 2}, {3, 4}}), w.value());
        assertEquals(Tensor.zeros(1, 2), tied.parameters().get(1).value());
    }

    @Test
    void aLayerThePyTorchLayoutCannotNameIsRefusedWhenTheLayoutIsMade() {
        Module odd = new org.chainrule.nn.Layer() {
            private final Parameter p = new Parameter("odd.scale", Tensor.scalar(2));

            @Override
            public List<Parameter> parameters() {
                return List.of(p);
            }

            @Override
            public org.chainrule.graph.Node apply(org.chainrule.graph.Node input) {
                return input;
            }
        };
        Exception e = assertThrows(org.chainrule.core.ChainruleException.class,
                () -> WeightLayout.pytorch(Sequential.of((org.chainrule.nn.Layer) odd)));
        assertTrue(e.getMessage().contains("layer '0'") && e.getMessage().contains("WeightLayout.builder()"),
                e.getMessage());
    }

    @Test
    void offsetsMustTileTheDataBufferExactly() throws IOException {
        String a = "\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":";
        String b = "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":";
        byte[] three = NpyTest.doubles(1, 2, 3);
        assertEquals(2, Safetensors.read(Path.of(write(file("{" + a + "[8,24]}," + b + "[0,8]}}", three))))
                .get("a").size(), "data in any order is fine");
        assertRefused(Reason.MALFORMED, "overlaps", "{" + a + "[0,16]}," + b + "[8,16]}}", three);
        assertRefused(Reason.MALFORMED, "bytes [8, 16) of the data buffer belong to no tensor",
                "{" + a + "[16,32]}," + b + "[0,8]}}", NpyTest.doubles(1, 2, 3, 4));
        assertRefused(Reason.MALFORMED, "runs past the end of the 24-byte data buffer",
                "{" + a + "[16,32]}," + b + "[0,8]}}", three);
        assertRefused(Reason.MALFORMED, "cover 24 bytes of the 32-byte data buffer",
                "{" + a + "[0,16]}," + b + "[16,24]}}", NpyTest.doubles(1, 2, 3, 4));
        assertRefused(Reason.MALFORMED, "tensor 'a' has data_offsets [0, 8] but F64 [2] takes 16 bytes",
                "{" + a + "[0,8]}," + b + "[8,16]}}", NpyTest.doubles(1, 2));
        assertRefused(Reason.MALFORMED, "data_offsets [16, 0]", "{" + a + "[16,0]}}", three);
    }

    private String write(byte[] bytes) throws IOException {
        Path path = dir.resolve("ok.safetensors");
        Files.write(path, bytes);
        return path.toString();
    }

    @Test
    void unknownDtypesAreRefusedByName() throws IOException {
        assertRefused(Reason.UNSUPPORTED_DTYPE, "tensor 'h' has dtype 'F16'",
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]);
        assertRefused(Reason.UNSUPPORTED_DTYPE, "dtype 'f64'",
                "{\"h\":{\"dtype\":\"f64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
    }

    @Test
    void headerLengthsBeyondTheFileAreRefusedBeforeAllocating() throws IOException {
        byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array();
        InteropException e = refused(huge);
        assertTrue(e.getMessage().contains("header length 18446744073709551615 runs past the end of the 16-byte file"),
                e.getMessage());
        byte[] justPast = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(9).array();
        assertTrue(refused(justPast).getMessage().contains("runs past the end"));
        assertTrue(refused(new byte[7]).getMessage().contains("too short"));
    }

    @Test
    void shapesThatPromiseMoreDataThanTheFileHoldsAreRefusedBeforeAllocating() throws IOException {
        assertRefused(Reason.MALFORMED, "runs past the end of the 8-byte data buffer",
                "{\"big\":{\"dtype\":\"F64\",\"shape\":[100000,100000],\"data_offsets\":[0,80000000000]}}", new byte[8]);
        assertRefused(Reason.MALFORMED, "takes more than 2^63 bytes",
                "{\"big\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", new byte[8]);
    }

    @Test
    void arraysBeyondTheFreeMemoryAreRefusedBeforeAllocating() {
        long max = Runtime.getRuntime().maxMemory();
        ArrayHeader floats = new ArrayHeader("floats", Dtype.F32, new long[] {max / 8 + 1, 1}, false);
        InteropException e = assertThrows(InteropException.class,
                () -> ArrayHeader.requireMemory(List.of(floats), "test"));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("raise -Xmx"), e.getMessage());
        ArrayHeader half = new ArrayHeader("half", Dtype.F64, new long[] {max / 16 + 1}, false);
        assertThrows(InteropException.class, () -> ArrayHeader.requireMemory(List.of(half, half), "test"),
                "two arrays that fit alone but not together");
        ArrayHeader.requireMemory(List.of(new ArrayHeader("small", Dtype.F64, new long[] {1000}, false)), "test");
    }

    @Test
    void malformedHeadersAreRefused() throws IOException {
        String ok = "{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}";
        byte[] one = NpyTest.doubles(1);
        assertRefused(Reason.MALFORMED, "appears twice", "{\"a\":" + ok + ",\"a\":" + ok + "}", one);
        assertRefused(Reason.MALFORMED, "not valid JSON", "{\"a\":" + ok, one);
        assertRefused(Reason.MALFORMED, "does not start with '{'", "[" + ok + "]", one);
        assertRefused(Reason.MALFORMED, "not a JSON object", "{\"a\":[1]}", one);
        assertRefused(Reason.MALFORMED, "no \"dtype\" string", "{\"a\":{\"shape\":[1],\"data_offsets\":[0,8]}}", one);
        assertRefused(Reason.MALFORMED, "\"shape\" [-1]",
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", one);
        assertRefused(Reason.MALFORMED, "\"shape\" [1.0]",
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[1.0],\"data_offsets\":[0,8]}}", one);
        assertRefused(Reason.MALFORMED, "not a list of 2 non-negative integers",
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8,8]}}", one);
        assertRefused(Reason.MALFORMED, "values must be strings", "{\"__metadata__\":{\"k\":1},\"a\":" + ok + "}", one);
        assertRefused(Reason.MALFORMED, "nested more than 32 levels",
                "{\"__metadata__\":" + "[".repeat(40) + "]".repeat(40) + "}", new byte[0]);
        assertRefused(Reason.UNSUPPORTED_SHAPE, "at most two dimensions",
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[1,1,1],\"data_offsets\":[0,8]}}", one);
        byte[] badUtf8 = file("{\"a\":" + ok + "}", one);
        badUtf8[10] = (byte) 0xff;
        assertEquals(Reason.MALFORMED, refused(badUtf8).reason());
    }
}
