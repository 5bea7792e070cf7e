package org.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.train.Trainer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Networks that are not stacks: a skip connection, a weight shared by two layers and a
 * model with two inputs. In each, the gradient is the sum over the paths, checked against an
 * equivalent network written another way.
 */
class GraphModelsTest {

    /** {@code y = x + tanh(x W + b)}: the input reaches the output along two paths. */
    static final class Residual implements Layer {
        private final Linear inner;

        Residual(String name, int width, Random random) {
            inner = new Linear(name, width, width, Init.GLOROT_UNIFORM, random);
        }

        @Override
        public List<Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public Node apply(Node x) {
            return x.add(Activation.TANH.apply(inner.apply(x)));
        }
    }

    /** {@code y = sigmoid(A Wa + B Wb + b)}, reading two inputs. */
    static final class TwoInputs implements Module {
        final Linear left;
        final Linear right;

        TwoInputs(int leftWidth, int rightWidth, Random random) {
            left = new Linear("left", leftWidth, 1, Init.GLOROT_UNIFORM, random);
            right = Linear.withoutBias(new Parameter("right.weight", Init.GLOROT_UNIFORM.sample(rightWidth, 1, random)));
        }

        @Override
        public List<Parameter> parameters() {
            return Module.parametersOf(left, right);
        }

        @Override
        public Node apply(Node... inputs) {
            Module.requireInputs("two inputs", 2, inputs);
            return left.apply(inputs[0]).add(right.apply(inputs[1])).sigmoid();
        }
    }

    @Test
    void skipConnectionAddsTheIdentityPathToTheInputGradient() {
        Random random = new Random(Seeds.SEED);
        Residual block = new Residual("res", 3, random);
        Tensor xv = Tensor.uniform(4, 3, -1, 1, random);
        Graph g = new Graph();
        Node x = g.parameter("x", xv);
        Node y = block.apply(x);
        g.backward(y.sum());

        // By hand: dL/dy = 1; through tanh: D = 1 - t^2; dx = 1 + D W^T; dW = X^T D; db = column sums of D.
        DMatrixRMaj w = block.parameters().get(0).value().toMatrix();
        DMatrixRMaj a = new DMatrixRMaj(4, 3);
        CommonOps_DDRM.mult(xv.toMatrix(), w, a);
        DMatrixRMaj d = new DMatrixRMaj(4, 3);
        for (int i = 0; i < a.data.length; i++) {
            double t = Math.tanh(a.data[i]);
            d.data[i] = 1 - t * t;
        }
        DMatrixRMaj dx = new DMatrixRMaj(4, 3);
        CommonOps_DDRM.multTransB(d, w, dx);
        CommonOps_DDRM.add(dx, 1.0);
        DMatrixRMaj dw = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransA(xv.toMatrix(), d, dw);
        assertTrue(Tensor.adopt(dx).approxEquals(x.gradient(), 1e-14), Seeds.seeded("dx " + x.gradient()));
        assertTrue(Tensor.adopt(dw).approxEquals(block.parameters().get(0).gradient(), 1e-14), Seeds.seeded("dW"));
        assertTrue(Tensor.adopt(CommonOps_DDRM.sumCols(d, null)).approxEquals(block.parameters().get(1).gradient(), 1e-14));

        // And it trains inside a stack like any layer.
        Sequential net = Sequential.of(new Linear("in", 2, 3, Init.GLOROT_UNIFORM, random), Activation.TANH,
                new Residual("res", 3, random), new Linear("out", 3, 1, Init.GLOROT_UNIFORM, random));
        assertEquals(List.of("in.weight", "in.bias", "res.weight", "res.bias", "out.weight", "out.bias"),
                List.copyOf(net.namedParameters().keySet()));
        Dataset xor = new Dataset(Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}), new int[] {0, 1, 1, 0}, 2);
        Trainer trainer = Trainer.builder(net, Losses.SIGMOID_CROSS_ENTROPY, new Adam(net.parameters(), 0.05))
                .epochs(300).batchSize(4).build();
        assertEquals(1.0, trainer.fit(xor).last().trainAccuracy());
    }

    @Test
    void aWeightSharedByTwoLayersGetsTheSumOfBothUses() {
        Random random = new Random(Seeds.SEED);
        Tensor wv = Init.GLOROT_UNIFORM.sample(3, 3, random);
        Tensor xv = Tensor.uniform(5, 3, -1, 1, random);
        Parameter shared = new Parameter("shared.weight", wv);
        Parameter b1 = new Parameter("first.bias", Tensor.uniform(1, 3, -1, 1, random));
        Parameter b2 = new Parameter("second.bias", Tensor.uniform(1, 3, -1, 1, random));
        Sequential tied = Sequential.of(Linear.of(shared, b1), Activation.TANH, Linear.of(shared, b2), Activation.TANH);
        assertEquals(List.of(shared, b1, b2), tied.parameters());
        Graph g = new Graph();
        g.backward(tied.apply(g.input(xv)).sum());

        // The same network with two separate copies of the weight: their gradients add up to the shared one.
        Parameter first = new Parameter("first.weight", wv);
        Parameter second = new Parameter("second.weight", wv);
        Sequential untied = Sequential.of(Linear.of(first, new Parameter("b1", b1.value())), Activation.TANH,
                Linear.of(second, new Parameter("b2", b2.value())), Activation.TANH);
        Graph h = new Graph();
        Node out = untied.apply(h.input(xv));
        h.backward(out.sum());
        DMatrixRMaj sum = first.gradient().toMatrix();
        CommonOps_DDRM.addEquals(sum, second.gradient().toMatrix());
        assertTrue(Tensor.adopt(sum).approxEquals(shared.gradient(), 1e-14), Seeds.seeded(shared.gradient().toString()));
        assertTrue(first.gradient().norm() > 0 && second.gradient().norm() > 0);
    }

    @Test
    void aTwoInputModelEqualsOneLinearLayerOnTheJoinedInputs() {
        Random random = new Random(Seeds.SEED);
        TwoInputs model = new TwoInputs(3, 2, random);
        Tensor a = Tensor.uniform(4, 3, -1, 1, random);
        Tensor b = Tensor.uniform(4, 2, -1, 1, random);
        Graph g = new Graph();
        Node y = model.apply(g.input(a), g.input(b));
        g.backward(y.sum());
        assertEquals(y.value(), model.predict(a, b));

        // One layer over [A B] with W = [Wa; Wb] stacked: same output, gradient = [dWa; dWb].
        double[][] joined = new double[4][5];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 5; c++) {
                joined[r][c] = c < 3 ? a.get(r, c) : b.get(r, c - 3);
            }
        }
        double[][] stacked = new double[5][1];
        for (int r = 0; r < 5; r++) {
            stacked[r][0] = r < 3 ? model.left.weight().value().get(r, 0) : model.right.weight().value().get(r - 3, 0);
        }
        Parameter w = new Parameter("w", Tensor.of(stacked));
        Parameter bias = new Parameter("b", model.left.bias().orElseThrow().value());
        Sequential single = Sequential.of(Linear.of(w, bias), Activation.SIGMOID);
        Graph h = new Graph();
        Node z = single.apply(h.input(Tensor.of(joined)));
        h.backward(z.sum());
        assertTrue(z.value().approxEquals(y.value(), 1e-15));
        for (int r = 0; r < 5; r++) {
            double part = r < 3 ? model.left.weight().gradient().get(r, 0) : model.right.weight().gradient().get(r - 3, 0);
            assertEquals(w.gradient().get(r, 0), part, 1e-15, Seeds.seeded("row " + r));
        }
        assertEquals(bias.gradient(), model.left.bias().orElseThrow().gradient());
    }
}
