package org.chainrule.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chainrule.core.Axis;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.testing.Generators;
import org.chainrule.testing.Theories;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Small multilayer perceptrons pass the gradient check with respect to every weight and bias,
 * for each hidden activation, in both layouts of the notes (examples as rows with {@code x W + b},
 * examples as columns with {@code W x + b}), with one or two hidden layers, and with a
 * softmax cross-entropy or a squared-error loss.
 */
class MlpProperties {
    private static final int EXAMPLES = 200;

    /** The hidden layers' activation. */
    enum Activation {
        SIGMOID, TANH, RELU;

        Node apply(Node a) {
            return switch (this) {
                case SIGMOID -> a.sigmoid();
                case TANH -> a.tanh();
                case RELU -> a.relu();
            };
        }
    }

    /**
     * A network and a batch, as data.
     *
     * @param examplesAsRows true for {@code h = act(h W + b)} with a {@code 1 x p} bias, false
     *     for {@code h = act(W h + b)} with a {@code p x 1} bias.
     * @param activation the hidden activation.
     * @param crossEntropy true for softmax and cross-entropy against one-hot targets, false for
     *     squared error on a linear output.
     * @param x the batch.
     * @param targets the targets, shaped like the output.
     * @param parameters {@code W1, b1, W2, b2, ...}, the checked inputs.
     */
    record Mlp(boolean examplesAsRows, Activation activation, boolean crossEntropy, Tensor x, Tensor targets,
               List<Tensor> parameters) implements GraphFunction {

        @Override
        public Node build(Graph graph, Node... p) {
            Node h = graph.input("X", x);
            int layers = p.length / 2;
            for (int l = 0; l < layers; l++) {
                Node w = p[2 * l];
                Node b = p[2 * l + 1];
                Node a = (examplesAsRows ? h.matmul(w) : w.matmul(h)).add(b);
                h = l == layers - 1 ? a : activation.apply(a);
            }
            Node t = graph.constant("targets", targets);
            int batch = examplesAsRows ? x.rows() : x.cols();
            if (crossEntropy) {
                Node probabilities = h.softmax(examplesAsRows ? Axis.EACH_ROW : Axis.EACH_COLUMN);
                return t.mul(probabilities.log()).sum().scale(-1.0 / batch);
            }
            Node error = h.sub(t);
            return error.mul(error).sum().scale(0.5 / batch);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("MLP, examples as ").append(examplesAsRows ? "rows" : "columns")
                    .append(", ").append(activation.name().toLowerCase(Locale.ROOT)).append(" hidden layers, ")
                    .append(crossEntropy ? "softmax cross-entropy" : "squared error").append('\n')
                    .append("  X = ").append(x).append("\n  targets = ").append(targets).append('\n');
            for (int i = 0; i < parameters.size(); i++) {
                sb.append("  x").append(i).append(i % 2 == 0 ? " = W" : " = b").append(i / 2 + 1).append(" = ")
                        .append(parameters.get(i)).append('\n');
            }
            return sb.toString();
        }
    }

    static Gen<Mlp> mlps(Activation activation) {
        return in -> {
            boolean rows = Generators.between(in, 0, 1) == 0;
            boolean crossEntropy = Generators.between(in, 0, 1) == 0;
            int batch = Generators.between(in, 1, 4);
            int hiddenLayers = Generators.between(in, 1, 2);
            List<Integer> widths = new ArrayList<>();
            widths.add(Generators.between(in, 1, 4));
            for (int l = 0; l < hiddenLayers; l++) {
                widths.add(Generators.between(in, 1, 5));
            }
            int outputs = Generators.between(in, 2, 3);
            widths.add(outputs);
            Tensor x = Generators.matrix(in, oriented(rows, batch, widths.get(0)), -3, 3);
            Tensor targets = crossEntropy ? oneHot(in, rows, batch, outputs)
                    : Generators.matrix(in, oriented(rows, batch, outputs), -1, 1);
            List<Tensor> parameters = new ArrayList<>();
            for (int l = 0; l + 1 < widths.size(); l++) {
                int from = widths.get(l);
                int to = widths.get(l + 1);
                parameters.add(Generators.matrix(in, rows ? new Shape(from, to) : new Shape(to, from), -1, 1));
                parameters.add(Generators.matrix(in, rows ? new Shape(1, to) : new Shape(to, 1), -1, 1));
            }
            return new Mlp(rows, activation, crossEntropy, x, targets, parameters);
        };
    }

    /** {@code batch x width} for examples as rows, {@code width x batch} for examples as columns. */
    private static Shape oriented(boolean rows, int batch, int width) {
        return rows ? new Shape(batch, width) : new Shape(width, batch);
    }

    private static Tensor oneHot(RandomnessSource in, boolean rows, int batch, int classes) {
        Shape shape = oriented(rows, batch, classes);
        DMatrixRMaj m = new DMatrixRMaj(shape.rows(), shape.cols());
        for (int e = 0; e < batch; e++) {
            int c = Generators.between(in, 0, classes - 1);
            m.set(rows ? e : c, rows ? c : e, 1);
        }
        return Tensor.adopt(m);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void smallNetworksPassTheGradientCheck(Activation activation) {
        Theories.qt(EXAMPLES).forAll(mlps(activation)).checkAssert(mlp -> GradientCheck.defaults()
                .check(mlp, mlp.parameters().toArray(new Tensor[0])).assertPassed());
    }
}
