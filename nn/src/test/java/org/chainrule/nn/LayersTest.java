package org.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void linearComputesXWPlusBWithExamplesAsRows() {
        Parameter w = new Parameter("w", Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Parameter b = new Parameter("b", Tensor.row(0.5, -1, 2));
        Linear layer = Linear.of(w, b);
        Graph g = new Graph();
        Node x = g.input(Tensor.of(new double[][] {{1, 0}, {0, 1}, {2, -1}, {1, 1}}));
        Node y = layer.apply(x);
        assertEquals(Tensor.of(new double[][] {{1.5, 1, 5}, {4.5, 4, 8}, {-1.5, -2, 2}, {5.5, 6, 11}}), y.value());
        g.backward(y.sum());
        // dW = X^T 1 (column sums of X repeated), db = column sums of 1 = m.
        assertEquals(Tensor.of(new double[][] {{4, 4, 4}, {1, 1, 1}}), w.gradient());
        assertEquals(Tensor.row(4, 4, 4), b.gradient());
        assertEquals(2, layer.inputs());
        assertEquals(3, layer.outputs());
        assertEquals(List.of(w, b), layer.parameters());
    }

    @Test
    void linearOwnsSeededWeightsAndAZeroBias() {
        Linear a = new Linear("fc", 30, 20, Init.GLOROT_UNIFORM, new Random(4));
        Linear same = new Linear("fc", 30, 20, Init.GLOROT_UNIFORM, new Random(4));
        Linear other = new Linear("fc", 30, 20, Init.GLOROT_UNIFORM, new Random(5));
        assertEquals(a.weight().value(), same.weight().value());
        assertNotEquals(a.weight().value(), other.weight().value());
        assertEquals(Tensor.zeros(1, 20), a.bias().orElseThrow().value());
        assertEquals("fc.weight", a.weight().name());
        assertEquals("fc.bias", a.bias().orElseThrow().name());
    }

    @Test
    void glorotIsUniformWithinItsLimitAndHeIsNormalWithItsVariance() {
        Tensor glorot = Init.GLOROT_UNIFORM.sample(120, 80, new Random(Seeds.SEED));
        double limit = Math.sqrt(6.0 / 200);
        double sumSquares = 0;
        for (int i = 0; i < glorot.size(); i++) {
            assertTrue(Math.abs(glorot.getFlat(i)) <= limit, Seeds.seeded("glorot entry outside +-" + limit));
            sumSquares += glorot.getFlat(i) * glorot.getFlat(i);
        }
        assertEquals(2.0 / 200, sumSquares / glorot.size(), 0.05 * 2.0 / 200, Seeds.seeded("glorot variance"));

        Tensor he = Init.HE_NORMAL.sample(200, 100, new Random(Seeds.SEED));
        double mean = 0;
        double squares = 0;
        double maxAbs = 0;
        for (int i = 0; i < he.size(); i++) {
            mean += he.getFlat(i) / he.size();
            squares += he.getFlat(i) * he.getFlat(i) / he.size();
            maxAbs = Math.max(maxAbs, Math.abs(he.getFlat(i)));
        }
        assertEquals(0, mean, 0.005, Seeds.seeded("he mean"));
        assertEquals(2.0 / 200, squares, 0.05 * 2.0 / 200, Seeds.seeded("he variance"));
        assertTrue(maxAbs > Math.sqrt(6.0 / 200), Seeds.seeded("a normal draw reaches past the uniform limit"));
    }

    @Test
    void linearRefusesInputsOfTheWrongWidthAndBiasesOfTheWrongShape() {
        Linear layer = new Linear("layer1", 2, 3, Init.GLOROT_UNIFORM, new Random(1));
        Node x = new Graph().input(Tensor.zeros(5, 4));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> layer.apply(x));
        assertEquals("linear 'layer1': expects 2 features per example but got 4: input is 5x4, and X must be m x 2"
                + " (examples as rows, Y = X W + b with W 'layer1.weight' 2x3)", e.getMessage());
        Node named = new Graph().input("X", Tensor.zeros(5, 1));
        e = assertThrows(ShapeMismatchException.class, () -> layer.apply(named));
        assertEquals("linear 'layer1': expects 2 features per example but got 1: input 'X' is 5x1, and X must be m x 2"
                + " (examples as rows, Y = X W + b with W 'layer1.weight' 2x3)", e.getMessage());
        assertEquals("layer1", layer.name());
        assertEquals("w", Linear.withoutBias(new Parameter("w", Tensor.zeros(2, 3))).name());
        e = assertThrows(ShapeMismatchException.class, () -> Linear.of(new Parameter("w", Tensor.zeros(2, 3)),
                new Parameter("b", Tensor.zeros(3, 1))));
        assertEquals("linear: weight 'w' is 2x3 but bias 'b' is 3x1: the bias must be a 1x3 row, one entry per output",
                e.getMessage());
    }

    @Test
    void activationsComputeTheirFunctions() {
        Graph g = new Graph();
        Node a = g.input(Tensor.of(new double[][] {{-2, 0, 1}, {3, -1, 0.5}}));
        assertSame(a, Activation.IDENTITY.apply(a));
        assertEquals(a.sigmoid().value(), Activation.SIGMOID.apply(a).value());
        assertEquals(a.tanh().value(), Activation.TANH.apply(a).value());
        assertEquals(a.relu().value(), Activation.RELU.apply(a).value());
        assertEquals(Tensor.of(new double[][] {{-0.02, 0, 1}, {3, -0.01, 0.5}}), Activation.LEAKY_RELU.apply(a).value());
        assertEquals(Tensor.of(new double[][] {{-0.6, 0, 1}, {3, -0.3, 0.5}}), Activation.leakyRelu(0.3).apply(a).value());
        Tensor s = Activation.SOFTMAX.apply(a).value();
        for (int r = 0; r < 2; r++) {
            assertEquals(1, s.get(r, 0) + s.get(r, 1) + s.get(r, 2), 1e-15);
        }
        assertEquals(Init.HE_NORMAL, Activation.RELU.init());
        assertEquals(Init.HE_NORMAL, Activation.LEAKY_RELU.init());
        assertEquals(Init.GLOROT_UNIFORM, Activation.TANH.init());
        assertEquals(List.of(), Activation.SIGMOID.parameters());
    }

    @Test
    void mlpBuilderNamesLayersAndInitialisesEachAsItsActivationSuggests() {
        Sequential net = Mlp.builder(2).hidden(6, Activation.RELU).hidden(6, Activation.TANH)
                .output(1, Activation.SIGMOID).seed(9).build();
        assertEquals(List.of("layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias", "layer3.weight",
                "layer3.bias"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(2 * 6 + 6 + 6 * 6 + 6 + 6 + 1, net.parameterCount());
        assertEquals(6, net.layers().size());
        Random random = new Random(9);
        assertEquals(Init.HE_NORMAL.sample(2, 6, random), net.namedParameters().get("layer1.weight").value());
        assertEquals(Init.GLOROT_UNIFORM.sample(6, 6, random), net.namedParameters().get("layer2.weight").value());
        assertEquals(Init.GLOROT_UNIFORM.sample(6, 1, random), net.namedParameters().get("layer3.weight").value());
        Tensor out = net.predict(Tensor.of(new double[][] {{0.1, 0.2}, {-3, 4}, {5, 5}}));
        assertEquals(3, out.rows());
        assertEquals(1, out.cols());

        Sequential scores = Mlp.builder(4).output(3, Activation.IDENTITY).build();
        assertEquals(1, scores.layers().size(), "an identity output adds no layer");
    }

    @Test
    void mlpBuilderRejectsIncompleteOrMisorderedNetworks() {
        assertThrows(ChainruleException.class, () -> Mlp.builder(2).hidden(3, Activation.TANH).build());
        assertThrows(ChainruleException.class, () -> Mlp.builder(2).output(1, Activation.SIGMOID).hidden(3, Activation.TANH));
        assertThrows(ChainruleException.class, () -> Mlp.builder(2).output(1, Activation.SIGMOID).output(1, Activation.SIGMOID));
        ChainruleException e = assertThrows(ChainruleException.class, () -> Mlp.builder(2).hidden(0, Activation.TANH));
        assertEquals("mlp: layer width must be at least 1, got 0", e.getMessage());
        assertThrows(ChainruleException.class, () -> Mlp.builder(0));
    }

    @Test
    void namesMustBeUniqueButASharedParameterIsListedOnce() {
        Parameter w = new Parameter("w", Tensor.zeros(3, 3));
        Sequential shared = Sequential.of(Linear.withoutBias(w), Activation.TANH, Linear.withoutBias(w));
        assertEquals(List.of(w), shared.parameters());
        ChainruleException e = assertThrows(ChainruleException.class, () -> Sequential.of(
                Linear.withoutBias(new Parameter("w", Tensor.zeros(3, 3))), Linear.withoutBias(w)));
        assertEquals("two different parameters are named 'w' (3x3 and 3x3): parameter names must be unique within a"
                + " model, because checkpoints find parameters by name", e.getMessage());
    }

    @Test
    void aLayerTakesExactlyOneInput() {
        Graph g = new Graph();
        Node a = g.input(Tensor.zeros(1, 2));
        ChainruleException e = assertThrows(ChainruleException.class, () -> Activation.TANH.apply(new Node[] {a, a}));
        assertEquals("tanh takes 1 input but was given 2", e.getMessage());
        assertThrows(ChainruleException.class, () -> Activation.TANH.apply(new Node[0]));
    }

    @Test
    void zeroGradientsClearsEveryParameter() {
        Sequential net = Mlp.builder(2).hidden(3, Activation.TANH).output(1, Activation.IDENTITY).seed(2).build();
        Graph g = new Graph();
        g.backward(net.apply(g.input(Tensor.row(1, 2))).sum());
        assertTrue(net.parameters().stream().anyMatch(p -> p.gradient().norm() > 0));
        net.zeroGradients();
        for (Parameter p : net.parameters()) {
            assertEquals(0, p.gradient().norm(), p.name());
        }
    }
}
