package org.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Operation;
import org.chainrule.graph.Parameter;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.ops.MatMul;
import org.chainrule.graph.ops.Sum;
import org.chainrule.graph.ops.Tanh;
import org.chainrule.testing.Generators;
import org.chainrule.testing.Theories;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.ops.LeakyRelu;
import org.chainrule.nn.ops.SigmoidCrossEntropy;
import org.chainrule.nn.ops.SoftmaxCrossEntropy;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.Momentum;
import org.chainrule.nn.optim.Optimizer;
import org.chainrule.nn.optim.Sgd;
import org.chainrule.nn.train.Trainer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * A fuzz-style property: random sequences of calls — graph operations, losses, layers,
 * backward passes, reads, optimizer steps, tensor and dataset factories, training steps and
 * null arguments — on random, often incompatible shapes and on values that include NaN,
 * infinities, zeros, subnormals and huge magnitudes. Every call must either return or throw
 * a documented exception ({@link ChainruleException} or, for settings, an
 * {@link IllegalArgumentException}) with a non-empty message; anything else — a
 * {@code NullPointerException}, an index out of bounds, an EJML exception — fails the property
 * with the log of calls that led to it.
 */
class FuzzProperties {
    private static final int EXAMPLES = 500;
    private static final int MAX_STEPS = 40;
    private static final int TENSORS = 8;
    private static final int MAX_DIMENSION = 4;
    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        1e300, -1e300, 1000, -1000, 1e-310, Double.MAX_VALUE, -Double.MIN_VALUE};

    /** The kinds of call a step makes. */
    enum Call {
        LEAF, UNARY, BINARY, LOSS, LAYER, BACKWARD, READ, PARAMETER, OPTIMIZER, ANOMALIES, TENSOR, RAW_APPLY, DATA,
        TRAIN, NULLS
    }

    /** One call, with four random numbers in {@code [0, 999]} that choose its arguments. */
    record Step(Call call, int a, int b, int c, int d) {
        @Override
        public String toString() {
            return call + "(" + a + ", " + b + ", " + c + ", " + d + ")";
        }
    }

    /** A pool of tensors the steps draw from, and the steps. */
    record Program(List<Tensor> tensors, List<Step> steps) {
        @Override
        public String toString() {
            return "tensors " + tensors + System.lineSeparator() + "steps " + steps;
        }
    }

    static Gen<Program> programs() {
        return in -> {
            List<Tensor> tensors = new ArrayList<>();
            for (int i = 0; i < TENSORS; i++) {
                tensors.add(tensor(in));
            }
            int count = Generators.between(in, 1, MAX_STEPS);
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                steps.add(new Step(Call.values()[Generators.between(in, 0, Call.values().length - 1)],
                        Generators.between(in, 0, 999), Generators.between(in, 0, 999), Generators.between(in, 0, 999),
                        Generators.between(in, 0, 999)));
            }
            return new Program(tensors, steps);
        };
    }

    /** A tensor of 1..4 x 1..4 whose entries are special values about a third of the time. */
    private static Tensor tensor(RandomnessSource in) {
        Shape shape = new Shape(Generators.dimension(in, MAX_DIMENSION), Generators.dimension(in, MAX_DIMENSION));
        DMatrixRMaj m = new DMatrixRMaj(shape.rows(), shape.cols());
        for (int i = 0; i < shape.size(); i++) {
            int kind = Generators.between(in, 0, 3 * SPECIAL.length - 1);
            m.data[i] = kind < SPECIAL.length ? SPECIAL[kind] : Generators.between(in, -3000, 3000) * 1e-3;
        }
        return Tensor.adopt(m);
    }

    /** A number from a step's argument: special about a third of the time, else in {@code [-5, 5]}. */
    private static double number(int x) {
        return x % 3 == 0 ? SPECIAL[x % SPECIAL.length] : (x - 500) / 100.0;
    }

    /** Runs a program, checking every call. */
    static final class Interpreter {
        private final Program program;
        private final boolean withBrokenUserOperation;
        private final Graph[] graphs = {new Graph(), new Graph()};
        private final List<Node> nodes = new ArrayList<>();
        private final List<Parameter> parameters = new ArrayList<>();
        private final List<Dataset> datasets = new ArrayList<>();
        private final StringBuilder log = new StringBuilder();
        private int names;

        Interpreter(Program program, boolean withBrokenUserOperation) {
            this.program = program;
            this.withBrokenUserOperation = withBrokenUserOperation;
        }

        void run() {
            // Start from every tensor recorded once, half as parameters, so that most steps have something to work on.
            for (int i = 0; i < program.tensors().size(); i++) {
                Tensor t = program.tensors().get(i);
                Node leaf = i % 2 == 0 ? graphs[0].parameter("x" + i, t) : graphs[0].input("d" + i, t);
                record(leaf);
                if (leaf.parameter() != null) {
                    parameters.add(leaf.parameter());
                }
            }
            for (int i = 0; i < program.steps().size(); i++) {
                Step step = program.steps().get(i);
                log.append(System.lineSeparator()).append("  ").append(i).append(": ").append(step).append(" -> ");
                try {
                    execute(step);
                    log.append("ok");
                } catch (NothingToCallItOn e) {
                    log.append("skipped: no ").append(e.getMessage()).append(" yet");
                } catch (ChainruleException | IllegalArgumentException e) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        throw new AssertionError("step " + i + " threw " + e.getClass().getName()
                                + " with an empty message; calls:" + log, e);
                    }
                    log.append(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("step " + i + " threw " + e + ", which is not a documented exception;"
                            + " calls:" + log, e);
                }
            }
        }

        /** An argument from a pool: null while the pool is empty (so null arguments get tried too). */
        private <T> T pick(List<T> list, int x) {
            return list.isEmpty() ? null : list.get(x % list.size());
        }

        /** The object a method is called on: calling a method on null would be the caller's bug, so skip. */
        private <T> T receiver(List<T> list, int x, String what) {
            if (list.isEmpty()) {
                throw new NothingToCallItOn(what);
            }
            return list.get(x % list.size());
        }

        private Tensor tensor(int x) {
            return program.tensors().get(x % program.tensors().size());
        }

        private Node node(int x) {
            return pick(nodes, x);
        }

        private Node record(Node node) {
            nodes.add(node);
            return node;
        }

        private static Axis axis(int x) {
            return x % 3 == 2 ? null : Axis.values()[x % 3];
        }

        private void execute(Step s) {
            switch (s.call()) {
                case LEAF -> leaf(s);
                case UNARY -> unary(s);
                case BINARY -> binary(s);
                case LOSS -> loss(s);
                case LAYER -> layer(s);
                case BACKWARD -> backward(s);
                case READ -> read(s);
                case PARAMETER -> parameter(s);
                case OPTIMIZER -> optimizer(s);
                case ANOMALIES -> graphs[s.a() % 2].setDetectAnomalies(s.b() % 2 == 0);
                case TENSOR -> tensorFactory(s);
                case RAW_APPLY -> rawApply(s);
                case DATA -> data(s);
                case TRAIN -> train(s);
                case NULLS -> nulls(s);
                default -> throw new AssertionError("no case for " + s.call());
            }
        }

        private void leaf(Step s) {
            Graph g = graphs[s.c() % 5 == 0 ? 1 : 0];
            Tensor value = tensor(s.b());
            String name = s.d() % 3 == 0 ? null : "n" + names++;
            switch (s.a() % 3) {
                case 0 -> record(g.input(name, value));
                case 1 -> record(g.constant(name, value));
                default -> {
                    Node p = record(g.parameter(name == null ? "p" + names++ : name, value));
                    parameters.add(p.parameter());
                }
            }
        }

        private void unary(Step s) {
            Node x = receiver(nodes, s.a(), "node");
            int axis = s.c();
            Node y = switch (s.b() % 15) {
                case 0 -> x.sigmoid();
                case 1 -> x.tanh();
                case 2 -> x.relu();
                case 3 -> x.log();
                case 4 -> x.exp();
                case 5 -> x.neg();
                case 6 -> x.scale(number(s.c()));
                case 7 -> x.sum();
                case 8 -> x.sum(axis(axis));
                case 9 -> x.mean();
                case 10 -> x.mean(axis(axis));
                case 11 -> x.softmax(axis(axis));
                case 12 -> Activation.leakyRelu((s.c() % 7) / 5.0 - 0.2).apply(x);
                case 13 -> Activation.SOFTMAX.apply(x);
                default -> x.setName(s.c() % 2 == 0 ? null : "named" + s.c());
            };
            record(y);
        }

        private void binary(Step s) {
            Node x = receiver(nodes, s.a(), "node");
            Node y = node(s.b());
            record(switch (s.c() % 4) {
                case 0 -> x.matmul(y);
                case 1 -> x.add(y);
                case 2 -> x.sub(y);
                default -> x.mul(y);
            });
        }

        private static final Loss[] LOSSES = {Losses.L2, Losses.MEAN_SQUARED_ERROR, Losses.BINARY_CROSS_ENTROPY,
            Losses.SIGMOID_CROSS_ENTROPY, Losses.CROSS_ENTROPY, Losses.SOFTMAX_CROSS_ENTROPY};

        private void loss(Step s) {
            record(LOSSES[s.c() % LOSSES.length].apply(node(s.a()), node(s.b())));
        }

        private void layer(Step s) {
            Init init = Init.values()[s.c() % 2];
            Random random = new Random(s.d());
            Layer layer = switch (s.d() % 3) {
                case 0 -> new Linear("L" + names++, s.a() % 5, s.b() % 4, init, random);
                case 1 -> Mlp.builder(s.a() % 5).hidden(s.b() % 4, Activation.TANH).output(1 + s.c() % 3,
                        Activation.IDENTITY).seed(s.d()).build();
                default -> Sequential.of(new Linear("L" + names++, s.a() % 5, 1 + s.b() % 3, init, random),
                        Activation.leakyRelu(0.1));
            };
            for (Parameter p : layer.parameters()) {
                parameters.add(p);
            }
            record(layer.apply(node(s.c())));
        }

        private void backward(Step s) {
            Node out = node(s.a());
            Graph g = out == null ? graphs[0] : out.graph();
            switch (s.b() % 3) {
                case 0 -> g.backward(out);
                case 1 -> g.backward(out, tensor(s.c()));
                default -> g.backward(record(receiver(nodes, s.a(), "node").sum()));
            }
        }

        private void read(Step s) {
            Node x = receiver(nodes, s.a(), "node");
            switch (s.c() % 6) {
                case 0 -> x.value();
                case 1 -> x.gradient();
                case 2 -> x.value().item();
                case 3 -> x.value().get(s.b() % 6 - 1, s.d() % 6 - 1);
                case 4 -> x.value().getFlat(s.b() % 20 - 2);
                default -> x.value().approxEquals(tensor(s.b()), number(s.d()));
            }
        }

        private void parameter(Step s) {
            Parameter p = receiver(parameters, s.a(), "parameter");
            switch (s.c() % 3) {
                case 0 -> p.setValue(tensor(s.b()));
                case 1 -> p.zeroGradient();
                default -> p.gradient();
            }
        }

        private void optimizer(Step s) {
            List<Parameter> these = new ArrayList<>(parameters);
            if (s.d() % 4 == 0 && !these.isEmpty()) {
                these.add(these.get(0));
            }
            double rate = number(s.c());
            Optimizer optimizer = switch (s.b() % 3) {
                case 0 -> new Sgd(these, rate);
                case 1 -> new Momentum(these, rate, number(s.a()));
                default -> new Adam(these, rate);
            };
            optimizer.step();
            optimizer.zeroGradients();
        }

        private void tensorFactory(Step s) {
            int rows = s.a() % 6 - 1;
            int cols = s.b() % 6 - 1;
            switch (s.d() % 7) {
                case 0 -> Tensor.zeros(rows, cols);
                case 1 -> Tensor.filled(rows, cols, number(s.c()));
                case 2 -> Tensor.uniform(rows, cols, number(s.c()), number(s.a()), s.d());
                case 3 -> Tensor.normal(rows, cols, number(s.c()), new Random(s.d()));
                case 4 -> Tensor.of(new double[][] {new double[Math.max(0, rows)], new double[Math.max(0, cols)]});
                case 5 -> Tensor.row(new double[Math.max(0, rows)]);
                default -> GradientCheck.defaults().withStep(number(s.c())).withTolerance(number(s.a()), 1e-3);
            }
        }

        private void rawApply(Step s) {
            Operation[] operations = {MatMul.INSTANCE, Tanh.INSTANCE, Sum.ALL, SoftmaxCrossEntropy.INSTANCE,
                SigmoidCrossEntropy.INSTANCE, new LeakyRelu(0.2)};
            Operation operation = operations[s.a() % operations.length];
            if (withBrokenUserOperation && s.a() % 2 == 0) {
                operation = ElementwiseOperation.of("broken", v -> {
                    throw new NullPointerException("a user operation's bug");
                }, (v, w) -> 0);
            }
            Node[] inputs = new Node[s.b() % 4];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = node(s.c() + i * s.d());
            }
            Graph g = inputs.length > 0 && inputs[0] != null ? inputs[0].graph() : graphs[0];
            record(g.apply(operation, inputs));
        }

        private void data(Step s) {
            switch (s.d() % 4) {
                case 0 -> {
                    Tensor features = tensor(s.a());
                    int[] labels = new int[features.rows() + (s.b() % 5 == 0 ? 1 : 0)];
                    for (int i = 0; i < labels.length; i++) {
                        labels[i] = (s.c() + i) % 4 - (s.b() % 7 == 0 ? 1 : 0);
                    }
                    datasets.add(new Dataset(features, labels, 1 + s.c() % 4));
                }
                case 1 -> {
                    Playground.Kind[] kinds = Playground.Kind.values();
                    Playground.Kind kind = s.a() % 5 == 4 ? null : kinds[s.a() % 4];
                    double noise = (s.c() % 11) / 10.0 - (s.c() % 5 == 0 ? 0.5 : 0);
                    datasets.add(Playground.generate(kind, s.b() % 12, noise, s.d()));
                }
                case 2 -> datasets.add(receiver(datasets, s.a(), "dataset").subset(new int[] {s.b() % 12 - 1, s.c() % 5}));
                default -> {
                    Dataset.Split split = receiver(datasets, s.a(), "dataset").split(number(s.b()) / 5, s.c());
                    datasets.add(split.train());
                    receiver(datasets, s.c(), "dataset").label(s.b() % 12 - 2);
                }
            }
        }

        private void train(Step s) {
            // Usually a network that fits the data's width; sometimes one that does not.
            Tensor features = tensor(s.b());
            Tensor targets = tensor(s.c());
            Dataset data = pick(datasets, s.c());
            boolean fits = s.a() % 4 != 0;
            int inputs = fits ? (s.a() % 2 == 0 ? features.cols() : data == null ? 2 : data.featureCount()) : 1 + s.a() % 3;
            int outputs = fits ? (s.a() % 2 == 0 ? targets.cols() : 1 + s.d() % 2) : 1 + s.c() % 3;
            Sequential net = Mlp.builder(inputs).hidden(1 + s.b() % 3, Activation.TANH)
                    .output(outputs, Activation.IDENTITY).seed(s.d()).build();
            Loss loss = LOSSES[s.d() % LOSSES.length];
            Trainer trainer = Trainer.builder(net, loss, new Sgd(net.parameters(), 0.1)).epochs(1).batchSize(4)
                    .detectAnomalies(s.b() % 2 == 0).build();
            if (s.a() % 2 == 0) {
                trainer.step(features, targets);
            } else {
                if (s.d() % 2 == 0) {
                    trainer.fit(data);
                } else {
                    trainer.evaluate(data);
                }
            }
        }

        private void nulls(Step s) {
            Node x = s.a() % 16 == 3 || s.a() % 16 == 4 ? receiver(nodes, s.b(), "node") : node(s.b());
            Graph g = graphs[0];
            switch (s.a() % 16) {
                case 0 -> g.input(null);
                case 1 -> g.apply(null, x);
                case 2 -> g.backward(x, (Tensor) null);
                case 3 -> x.matmul(null);
                case 4 -> x.sub(null);
                case 5 -> Losses.L2.apply(x, null);
                case 6 -> Losses.SOFTMAX_CROSS_ENTROPY.apply(null, x);
                case 7 -> new Linear("n", 2, 2, Init.HE_NORMAL, new Random(1)).apply((Node) null);
                case 8 -> new Sgd(null, 0.1);
                case 9 -> Module.parametersOf((Module) null);
                case 10 -> new Dataset(null, new int[0], 2);
                case 11 -> Trainer.builder(null, Losses.L2, new Sgd(parameters, 0.1));
                case 12 -> new Parameter("p", null);
                case 13 -> Sequential.of(Activation.TANH, null);
                case 14 -> Tensor.copyOf(null);
                default -> Activation.RELU.predict((Tensor) null);
            }
        }
    }

    /** A step that calls a method on an object of which the program has made none yet. */
    private static final class NothingToCallItOn extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingToCallItOn(String what) {
            super(what, null, false, false);
        }
    }

    @Test
    void everyCallReturnsOrThrowsADocumentedExceptionWithAMessage() {
        Theories.qt(EXAMPLES).forAll(programs()).checkAssert(program -> new Interpreter(program, false).run());
    }

    @Test
    void anUndocumentedExceptionFailsTheProperty() {
        // A user operation whose function throws NullPointerException: Chainrule passes a user's
        // own exception through untouched, so the property must report it, with the calls.
        AssertionError failure = assertThrows(AssertionError.class, () -> Theories.qt(EXAMPLES).withShrinkCycles(10)
                .forAll(programs()).checkAssert(program -> new Interpreter(program, true).run()));
        String report = failure.getMessage();
        assertTrue(report.contains("java.lang.NullPointerException: a user operation's bug, which is not a documented"
                + " exception"), report);
        assertTrue(report.contains("RAW_APPLY") && report.contains("Seed was " + Theories.seed()), report);
    }
}
