package org.chainrule.nn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Linear;
import org.chainrule.nn.Module;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.interop.InteropException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PyTorch {@code state_dict} and a Chainrule Mlp exchange weights: the fixtures PyTorch wrote
 * load into the Chainrule twin of its network, which then gives PyTorch's outputs.
 */
class PyTorchExchangeTest {
    private static final double F64_TOLERANCE = 1e-12;
    /** float32 has a 2^-24 relative unit roundoff; PyTorch's float forward pass sums a few such errors. */
    private static final double F32_TOLERANCE = 2e-6;

    @TempDir
    Path dir;

    private static void assertClose(Tensor expected, Tensor actual, double tolerance) {
        assertEquals(expected.shape(), actual.shape());
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            worst = Math.max(worst, Math.abs(expected.getFlat(i) - actual.getFlat(i)));
        }
        assertTrue(worst <= tolerance, "largest difference " + worst + " above " + tolerance + ": expected "
                + expected + " got " + actual);
    }

    private static List<Tensor> values(Module model) {
        return model.parameters().stream().map(Parameter::value).toList();
    }

    @Test
    void pytorchLayoutNamesAnMlpAsNnSequentialDoes() {
        WeightLayout layout = WeightLayout.pytorch(Fixtures.mlp(1));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"), layout.names());
        assertTrue(layout.toString().contains("0.weight [5, 3] <- 'layer1.weight' 3x5 transposed"), layout.toString());
        assertEquals(List.of("net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias", "net.4.weight", "net.4.bias"),
                WeightLayout.pytorch(Fixtures.mlp(1), "net").names());
    }

    @Test
    void aLayoutBuiltByHandMapsModulesThatAreNotOneStack() {
        Sequential net = Fixtures.mlp(1);
        List<org.chainrule.nn.Layer> layers = net.layers();
        WeightLayout byHand = WeightLayout.builder().linear("0", (Linear) layers.get(0))
                .linear("2", (Linear) layers.get(2)).transposed("4.weight", ((Linear) layers.get(4)).weight())
                .vector("4.bias", ((Linear) layers.get(4)).bias().orElseThrow()).build();
        assertEquals(WeightLayout.pytorch(net).toString().replace("PyTorch layout", "custom layout"), byHand.toString());
        Safetensors.load(byHand, Fixtures.path("mlp_f64.safetensors"));
        assertClose(Fixtures.io("output_f64"), net.predict(Fixtures.io("input")), F64_TOLERANCE);
        Linear first = (Linear) layers.get(0);
        assertTrue(assertThrows(ChainruleException.class, () -> WeightLayout.builder().linear("fc", first)
                .parameter("fc.weight", first.weight())).getMessage().contains("'fc.weight' is already used"));
        assertTrue(assertThrows(ChainruleException.class, () -> WeightLayout.builder().vector("w", first.weight()))
                .getMessage().contains("only a 1 x n row"));
        assertThrows(ChainruleException.class, () -> WeightLayout.builder().build());
    }

    @Test
    void float64SafetensorsFromPyTorchGivePyTorchsOutputs() {
        Sequential net = Fixtures.mlp(1);
        Safetensors.load(WeightLayout.pytorch(net), Fixtures.path("mlp_f64.safetensors"));
        assertClose(Fixtures.io("output_f64"), net.predict(Fixtures.io("input")), F64_TOLERANCE);
    }

    @Test
    void float32SafetensorsFromPyTorchGivePyTorchsFloatOutputs() {
        Sequential net = Fixtures.mlp(1);
        Safetensors.load(WeightLayout.pytorch(net), Fixtures.path("mlp_f32.safetensors"));
        assertClose(Fixtures.io("output_f32"), net.predict(Fixtures.io("input")), F32_TOLERANCE);
    }

    @Test
    void float32IsWidenedExactlyToTheFloatNearestEachDouble() {
        Map<String, Tensor> f64 = Safetensors.read(Fixtures.path("mlp_f64.safetensors"));
        Map<String, Tensor> f32 = Safetensors.read(Fixtures.path("mlp_f32.safetensors"));
        assertEquals(f64.keySet(), f32.keySet());
        for (String name : f64.keySet()) {
            Tensor wide = f64.get(name);
            for (int i = 0; i < wide.size(); i++) {
                assertEquals((double) (float) wide.getFlat(i), f32.get(name).getFlat(i), name + " entry " + i);
            }
        }
        assertTrue(!f64.equals(f32), "the fixture's double weights must not all be floats already");
    }

    @Test
    void npzFromNumPySavezAndSavezCompressedGivePyTorchsOutputs() {
        Sequential net = Fixtures.mlp(1);
        Npz.load(WeightLayout.pytorch(net), Fixtures.path("mlp_f64.npz"));
        assertClose(Fixtures.io("output_f64"), net.predict(Fixtures.io("input")), F64_TOLERANCE);
        Sequential other = Fixtures.mlp(2);
        Npz.load(WeightLayout.pytorch(other), Fixtures.path("mlp_f32_compressed.npz"));
        assertClose(Fixtures.io("output_f32"), other.predict(Fixtures.io("input")), F32_TOLERANCE);
    }

    @Test
    void theSameWeightsReadFromSafetensorsAndNpzAreIdentical() {
        assertEquals(Safetensors.read(Fixtures.path("mlp_f64.safetensors")), Npz.read(Fixtures.path("mlp_f64.npz")));
    }

    @Test
    void metadataFromTheHeaderIsReturned() {
        Map<String, String> metadata = Safetensors.metadata(Fixtures.path("mlp_f64.safetensors"));
        assertEquals("pt", metadata.get("format"));
        assertEquals(Map.of(), Safetensors.metadata(Fixtures.path("mlp_f32.safetensors")));
    }

    @Test
    void savingInThePyTorchLayoutReproducesTheStateDict() {
        Sequential net = Fixtures.mlp(1);
        Safetensors.load(WeightLayout.pytorch(net), Fixtures.path("mlp_f64.safetensors"));
        Path ours = dir.resolve("ours.safetensors");
        Safetensors.save(WeightLayout.pytorch(net), ours, Map.of("format", "pt"));
        assertEquals(Safetensors.read(Fixtures.path("mlp_f64.safetensors")), Safetensors.read(ours));
        Path npz = dir.resolve("ours.npz");
        Npz.save(WeightLayout.pytorch(net), npz);
        assertEquals(Npz.read(Fixtures.path("mlp_f64.npz")), Npz.read(npz));
    }

    @Test
    void aNetworkOfOtherWidthsIsRefusedByNameAndKeepsItsWeights() {
        Sequential wrong = org.chainrule.nn.Mlp.builder(3).hidden(6, org.chainrule.nn.Activation.TANH)
                .hidden(4, org.chainrule.nn.Activation.RELU).output(2, org.chainrule.nn.Activation.IDENTITY).build();
        List<Tensor> before = values(wrong);
        InteropException e = assertThrows(InteropException.class,
                () -> Safetensors.load(WeightLayout.pytorch(wrong), Fixtures.path("mlp_f64.safetensors")));
        assertEquals(Reason.MODEL_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("'0.weight' is [5, 3] in the file but the model's 'layer1.weight' (3x6)"
                + " needs [6, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("'2.weight' is [4, 5] in the file but"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
        assertEquals(before, values(wrong));
    }

    @Test
    void aPyTorchFileLoadedInTheChainruleLayoutIsRefusedWithBothSetsOfNames() {
        Sequential net = Fixtures.mlp(1);
        InteropException e = assertThrows(InteropException.class,
                () -> Npz.load(net, Fixtures.path("mlp_f64.npz")));
        assertEquals(Reason.MODEL_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("'layer1.weight' for the model's 'layer1.weight' (3x5) is missing"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the file has '0.weight' [5, 3] that the model does not"), e.getMessage());
    }
}
