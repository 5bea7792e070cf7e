package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.nn.Init;
import org.chainrule.nn.Linear;
import org.junit.jupiter.api.Test;

class ResidualNetTest {
    private static final Tensor POINTS = Tensor.uniform(5, 2, -3, 3, 4L);

    @Test
    void itComputesItsEquations() {
        ResidualNet net = ResidualNet.create(2, 3, 2, 9);
        List<Parameter> p = net.parameters();
        assertEquals(List.of("layer0.weight", "layer0.bias", "block1.weight", "block1.bias", "block2.weight",
                "block2.bias", "out.weight", "out.bias"), p.stream().map(Parameter::name).toList());
        Graph g = new Graph();
        Node x = g.input(POINTS);
        Node h0 = x.matmul(g.constant(p.get(0).value())).add(g.constant(p.get(1).value())).tanh();
        Node h1 = h0.add(h0.matmul(g.constant(p.get(2).value())).add(g.constant(p.get(3).value())).tanh());
        Node h2 = h1.add(h1.matmul(g.constant(p.get(4).value())).add(g.constant(p.get(5).value())).tanh());
        Node score = h2.matmul(g.constant(p.get(6).value())).add(g.constant(p.get(7).value()));
        assertEquals(score.value(), net.predict(POINTS));
        assertEquals(List.of("h0 = tanh(x W0 + b0)", "h1 = h0 + tanh(h0 W1 + b1)", "h2 = h1 + tanh(h1 W2 + b2)",
                "score = h2 W_out + b_out"), net.equations());
    }

    @Test
    void rebuiltOnOtherParametersItUsesThem() {
        ResidualNet net = ResidualNet.create(2, 4, 1, 9);
        List<Parameter> copies = net.parameters().stream().map(p -> new Parameter("copy of " + p.name(), p.value()))
                .toList();
        ResidualNet rebuilt = net.on(copies);
        assertEquals(net.predict(POINTS), rebuilt.predict(POINTS));
        assertEquals(copies, rebuilt.parameters());
        assertThrows(ChainruleException.class, () -> net.on(copies.subList(0, 4)));
    }

    @Test
    void everyParameterAndTheInputGetTheGradientTheCheckerExpects() {
        ResidualNet net = ResidualNet.create(2, 3, 2, 5);
        Tensor[] inputs = new Tensor[1 + net.parameters().size()];
        inputs[0] = POINTS;
        for (int i = 1; i < inputs.length; i++) {
            // Non-zero biases, so that the bias paths are exercised too.
            inputs[i] = Tensor.uniform(net.parameters().get(i - 1).shape().rows(),
                    net.parameters().get(i - 1).shape().cols(), -1, 1, new Random(i));
        }
        Tensor readout = Tensor.uniform(5, 1, -1, 1, 3L);
        GradientCheck.defaults().assertGradients((graph, x) -> net.on(Arrays.stream(x, 1, x.length)
                .map(Node::parameter).toList()).apply(x[0]).mul(graph.constant(readout)).sum(), inputs);
    }

    @Test
    void blocksMustKeepTheWidthAndTheOutputMustBeOneScore() {
        Random random = new Random(1);
        Linear in = new Linear("in", 2, 4, Init.GLOROT_UNIFORM, random);
        Linear out = new Linear("out", 4, 1, Init.GLOROT_UNIFORM, random);
        ChainruleException e = assertThrows(ChainruleException.class, () -> new ResidualNet(in,
                List.of(new Linear("b", 4, 3, Init.GLOROT_UNIFORM, random)), out));
        assertTrue(e.getMessage().contains("must map 4 units to 4"), e.getMessage());
        assertThrows(ChainruleException.class, () -> new ResidualNet(in, List.of(),
                new Linear("wide", 4, 2, Init.GLOROT_UNIFORM, random)));
    }
}
