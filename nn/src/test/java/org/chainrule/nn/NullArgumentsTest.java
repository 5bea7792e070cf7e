package org.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
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
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.graph.ops.MatMul;
import org.chainrule.graph.ops.Scale;
import org.chainrule.graph.ops.Softmax;
import org.chainrule.graph.ops.Sum;
import org.chainrule.nn.checkpoint.Checkpoint;
import org.chainrule.nn.checkpoint.CheckpointContents;
import org.chainrule.nn.data.CsvData;
import org.chainrule.nn.data.CsvLoader;
import org.chainrule.nn.data.CsvTable;
import org.chainrule.nn.data.DataFileException;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.MnistIdx;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.data.Targets;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.ops.LeakyRelu;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.Momentum;
import org.chainrule.nn.optim.Sgd;
import org.chainrule.nn.train.TrainingHistory;
import org.chainrule.nn.train.TrainingListener;
import org.chainrule.nn.train.EarlyStopping;
import org.chainrule.nn.train.Metric;
import org.chainrule.nn.train.Metrics;
import org.chainrule.nn.train.Trainer;
import org.chainrule.nn.train.TrainerBuilder;
import org.chainrule.nn.train.Task;
import org.chainrule.nn.train.Objective;
import org.chainrule.nn.train.Evaluation;
import org.chainrule.nn.optim.OptimizerState;
import org.chainrule.nn.optim.GradientClipping;
import org.chainrule.nn.checkpoint.TrainingCheckpoint;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No public constructor or method of the user-facing API lets a null argument escape as a
 * {@code NullPointerException}: every one is called, by reflection, with null in each
 * reference parameter in turn (and sample values elsewhere), and must return or throw a
 * {@link ChainruleException} (or an {@link IllegalArgumentException}) with a message.
 *
 * <p>The procedural kernels of {@code org.chainrule.core} (Elementwise, Broadcast, Products, ...)
 * are left out on purpose: like EJML's, they take raw matrices on the hot path and check
 * shapes, not nulls. So are the compiler-made {@code valueOf(String)} of enums, which throw
 * {@code NullPointerException} by the Java convention.
 */
class NullArgumentsTest {
    private static final List<Class<?>> API = List.of(Tensor.class, Shape.class, ChainruleException.class,
            Graph.class, Node.class, Parameter.class, ElementwiseOperation.class, Softmax.class, Sum.class, Scale.class,
            GradientCheck.class, GraphFunction.class, org.chainrule.graph.Derivatives.class,
            Linear.class, Activation.class, Sequential.class, Mlp.class, Mlp.Builder.class, Init.class, Module.class,
            Layer.class, Loss.class, Losses.class, LeakyRelu.class, Sgd.class, Momentum.class, Adam.class,
            Trainer.class, TrainerBuilder.class, Task.class, GradientClipping.class, TrainingCheckpoint.class,
            TrainingHistory.class, Dataset.class, Playground.class,
            CsvLoader.class, CsvData.class, MnistIdx.class, DataFileException.class, Checkpoint.class,
            Targets.class, Standardization.class, Metrics.class, EarlyStopping.class, CsvTable.class,
            org.chainrule.graph.trace.BackwardTrace.class, org.chainrule.graph.trace.PathSum.class,
            org.chainrule.graph.trace.BackwardPage.class, org.chainrule.graph.trace.GraphPicture.class);

    @TempDir
    Path directory;

    /** Fresh, mutually consistent sample values for one call: one graph, its nodes, a model over two features. */
    private final class Samples {
        final Graph graph = new Graph();
        final Node node = graph.parameter("s", Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}}));
        final Linear linear = new Linear("lin", 2, 2, Init.GLOROT_UNIFORM, new Random(1));
        final Dataset dataset = Playground.generate(Playground.Kind.XOR, 8, 0, 1);

        Object of(Type type) {
            Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                    : type instanceof Class<?> c ? c : Object.class;
            if (raw.isPrimitive()) {
                return primitive(raw);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                String name = element.getTypeName();
                return name.endsWith("String") ? List.of("x1", "x2") : name.endsWith("Layer") ? List.of(linear)
                        : name.endsWith("Tensor") ? List.of(node.value())
                        : name.endsWith("EpochReport") ? List.of() : List.of(node.parameter());
            }
            Object value = reference(raw);
            if (value == null) {
                throw new AssertionError("no sample value for " + type + ": add one to NullArgumentsTest");
            }
            return value;
        }

        /** The backward pass of a small loss over the sample node, traced. */
        private org.chainrule.graph.trace.BackwardTrace trace() {
            Graph g = new Graph();
            return org.chainrule.graph.trace.BackwardTrace.record(g.parameter("w", Tensor.row(0.5, -1)).tanh().sum());
        }

        /** The path sum from a weight to a loss with two paths. */
        private org.chainrule.graph.trace.PathSum pathSum() {
            Graph g = new Graph();
            Node w = g.parameter("w", Tensor.row(0.5));
            return org.chainrule.graph.trace.PathSum.compute(w, w.tanh().add(w.sigmoid()).sum());
        }

        private Object primitive(Class<?> type) {
            return type == int.class ? 2 : type == long.class ? 1L : type == double.class ? 0.5 : type == boolean.class
                    ? Boolean.FALSE : null;
        }

            private Object reference(Class<?> type) {
            List<Object> samples = List.of(node.value(), new Shape(2, 2), new Shape[] {new Shape(2, 2)}, Axis.EACH_ROW, node, new Node[] {node},
                    new Tensor[] {node.value()}, graph, node.parameter(), "name", new Random(1), MatMul.INSTANCE,
                    Losses.L2, Init.HE_NORMAL, Activation.TANH, new Module[] {linear}, new Layer[] {linear},
                    new Sgd(linear.parameters(), 0.1), dataset, directory.resolve("file"), Playground.Kind.XOR,
                    new DMatrixRMaj(2, 2), (GraphFunction) (g, x) -> x[0].sum(), (DoubleUnaryOperator) v -> v,
                    (DoubleBinaryOperator) (v, w) -> 1, (ToDoubleFunction<List<Tensor>>) x -> 0,
                    (Function<List<Tensor>, List<Tensor>>) x -> x, new TrainingListener() { }, new int[] {0, 1},
                    new double[] {1, 2}, new double[][] {{1, 2}}, new IllegalStateException("a cause"), Map.of(),
                    Metric.LOSS, Targets.values(node.value()), Standardization.fittedTo(node.value()),
                    CheckpointContents.ofParameters(Map.of()),
                    new CsvTable(directory.resolve("t.csv"), List.of("a"), Tensor.column(1), "y", List.of("1")),
                    org.chainrule.graph.trace.Format.TEXT, new StringBuilder(), trace(), pathSum(),
                    org.chainrule.graph.trace.BackwardPage.of(trace()), Task.forClasses(2), new GradientClipping(1),
                    new TrainingCheckpoint.Run(2, 1, 2), new TrainingCheckpoint.Section(Map.of(), Map.of()),
                    new TrainingCheckpoint(1, 0, 0, new TrainingCheckpoint.Run(2, 1, 2),
                            new OptimizerState("SGD", 0, 0.1, Map.of()), Map.of()),
                    (Objective) b -> b.loss(), Evaluation.NONE, new OptimizerState("SGD", 0, 0.1, Map.of()));
            for (Object sample : samples) {
                if (type.isInstance(sample)) {
                    return sample;
                }
            }
            if (type == Object.class) {
                return "object";
            }
            if (type.isInterface()) {
                // A callback interface without a sample above (a listener): an implementation that does nothing.
                return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                        method.getReturnType() == boolean.class ? Boolean.FALSE : null);
            }
            return null;
        }
    }

    /** A receiver for an instance method of {@code type}, or null if the class has none to offer. */
    private static Object receiver(Class<?> type, Samples s) {
        if (type == Trainer.class) {
            return Trainer.builder(s.linear, Losses.SOFTMAX_CROSS_ENTROPY, new Sgd(s.linear.parameters(), 0.1)).build();
        }
        if (type == TrainerBuilder.class) {
            return Trainer.builder(s.linear, Losses.SOFTMAX_CROSS_ENTROPY, new Sgd(s.linear.parameters(), 0.1));
        }
        if (type == Mlp.Builder.class) {
            return Mlp.builder(2);
        }
        if (type == Sequential.class) {
            return Sequential.of(s.linear, Activation.TANH);
        }
        if (type == Linear.class || type == Module.class || type == Layer.class) {
            return s.linear;
        }
        if (type == Loss.class) {
            return Losses.SIGMOID_CROSS_ENTROPY;
        }
        if (type == GraphFunction.class) {
            return (GraphFunction) (g, x) -> x[0].sum();
        }
        if (type == GradientCheck.class) {
            return GradientCheck.defaults();
        }
        if (type == CsvData.class) {
            return new CsvData(s.dataset, List.of("x1", "x2"), List.of("a", "b"));
        }
        if (type == EarlyStopping.class) {
            return new EarlyStopping(s.linear, Metric.LOSS, 2);
        }
        if (type == TrainingHistory.class) {
            return new TrainingHistory(List.of());
        }
        if (type == org.chainrule.graph.trace.GraphPicture.class) {
            return new org.chainrule.graph.trace.GraphPicture();
        }
        return s.reference(type);
    }

    private static boolean skipped(Executable e) {
        if (e instanceof Method m) {
            // Methods inherited from the JDK (Object's, Throwable's) follow the JDK's conventions.
            // Operation's forward rules and GraphFunction.build are called by the engine with checked
            // arguments (a service-provider interface), not by users.
            boolean engineCalled = Operation.class.isAssignableFrom(m.getDeclaringClass())
                    && List.of("outputShape", "forward", "vjp", "vjpGraph", "addVjpInPlace", "distanceToKink").contains(m.getName())
                    || m.getDeclaringClass() == GraphFunction.class && m.getName().equals("build");
            return engineCalled || m.getDeclaringClass().getName().startsWith("java.") || m.isSynthetic() || m.isBridge()
                    || (m.getDeclaringClass().isEnum() && m.getName().equals("valueOf"));
        }
        return false;
    }

    private List<Executable> publicEntryPoints() {
        List<Executable> all = new ArrayList<>();
        for (Class<?> type : API) {
            for (Constructor<?> c : type.getConstructors()) {
                all.add(c);
            }
            for (Method m : type.getMethods()) {
                if (!skipped(m)) {
                    all.add(m);
                }
            }
        }
        return all;
    }

    /** Calls {@code e} with null in position {@code nullAt}; returns what it threw, or null. */
    private Throwable call(Executable e, int nullAt) throws IllegalAccessException, InstantiationException {
        Samples s = new Samples();
        Type[] types = e.getGenericParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = i == nullAt ? null : s.of(types[i]);
        }
        try {
            if (e instanceof Constructor<?> c) {
                c.newInstance(args);
            } else {
                Method m = (Method) e;
                Object target = Modifier.isStatic(m.getModifiers()) ? null : receiver(m.getDeclaringClass(), s);
                if (target == null && !Modifier.isStatic(m.getModifiers())) {
                    throw new AssertionError("no receiver for " + m + ": add one to NullArgumentsTest");
                }
                m.invoke(target, args);
            }
            return null;
        } catch (InvocationTargetException thrown) {
            return thrown.getCause();
        }
    }

    @Test
    void noPublicEntryPointLetsANullArgumentEscapeAsANullPointerException()
            throws IllegalAccessException, InstantiationException {
        List<String> escapes = new ArrayList<>();
        int calls = 0;
        for (Executable e : publicEntryPoints()) {
            Class<?>[] parameters = e.getParameterTypes();
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i].isPrimitive()) {
                    continue;
                }
                calls++;
                Throwable thrown = call(e, i);
                boolean documented = thrown == null || ((thrown instanceof ChainruleException
                        || thrown instanceof IllegalArgumentException)
                        && thrown.getMessage() != null && !thrown.getMessage().isBlank());
                if (!documented) {
                    escapes.add(e + " with argument " + i + " null threw " + thrown);
                }
            }
        }
        assertEquals(List.of(), escapes, escapes.size() + " of " + calls + " calls let a null escape");
        assertTrue(calls >= 130, "only " + calls + " calls were made: is the API list complete?");
    }

    @Test
    void theSampleArgumentsWorkTogether() throws IOException {
        // Only if the samples are usable do the null calls above test the null and not some other mistake.
        Samples s = new Samples();
        assertEquals(new Shape(2, 2), s.linear.apply(s.graph.input(s.node.value())).shape());
        assertTrue(Double.isFinite(((Trainer) receiver(Trainer.class, s)).evaluate(s.dataset).loss()));
        Files.writeString(directory.resolve("file"), "x1,x2,y\n1,2,a\n3,4,b\n");
        assertEquals(2, CsvLoader.load(directory.resolve("file"), "y").dataset().size());
    }
}
