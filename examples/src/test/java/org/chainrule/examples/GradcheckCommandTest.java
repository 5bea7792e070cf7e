package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chainrule.core.Shape;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.chainrule.graph.Operation;
import org.chainrule.graph.check.GraphOperations;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.graph.ops.Tanh;
import org.chainrule.nn.ops.NnOperations;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GradcheckCommandTest {
    private final Console console = new Console();

    /** What the command checks: graph's list, then nn's. */
    private static List<OperationCase> catalogue() {
        return Stream.concat(GraphOperations.cases().stream(), NnOperations.cases().stream()).toList();
    }

    /** The table's rows: the lines between the header and the blank line after the table. */
    private static List<String> rows(String out) {
        List<String> lines = out.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("operation ")).findFirst().orElseThrow());
        List<String> rows = new ArrayList<>();
        for (int i = header + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }

    @Test
    void everyBuiltInOperationPassesAndTheTableListsEachOnce() {
        assertEquals(0, console.run("gradcheck", "--examples", "5", "--seed", "7"), console.both());
        List<String> rows = rows(console.out());
        List<OperationCase> catalogue = catalogue();
        assertEquals(catalogue.size(), rows.size(), console.out());
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            assertTrue(row.startsWith(catalogue.get(i).name() + " "), row);
            assertTrue(row.endsWith("  pass"), row);
            // worst |error| and relative error in scientific notation, e.g. 2.2e-10
            assertTrue(row.matches(".*\\d\\.\\de[-+]\\d\\d\\s+\\d\\.\\de[-+]\\d\\d\\s+pass"), row);
        }
        assertTrue(console.out().contains("All " + catalogue.size() + " operations passed: "
                + 5 * catalogue.size() + " checks"), console.out());
        assertEquals("", console.err());
    }

    @Test
    void theCatalogueCoversEveryPrimitiveBothSoftmaxAxesEveryBroadcastFormAndNnsOperations() {
        List<String> names = catalogue().stream().map(OperationCase::name).toList();
        for (String expected : new String[] {"matmul", "add (same shapes)", "add (1xn row)", "add (mx1 column)",
            "add (1x1 scalar)", "add (1xn row on the left)", "mul (same shapes)", "mul (1xn row)", "mul (mx1 column)",
            "mul (1x1 scalar)", "mul (1xn row on the left)", "sigmoid", "tanh", "relu", "softmax (each row)",
            "softmax (each column)", "log", "exp", "scale (by -1.75)", "neg", "sum (all)", "sum (each row)",
            "sum (each column)", "mean (all)", "mean (each row)", "mean (each column)", "leaky relu (nn; slope 0.01)", "leaky relu (nn; slope 0.3)", "affine (nn; a dense layer's X W + b)",
            "sigmoid cross-entropy (nn; soft targets)", "softmax cross-entropy (nn; one-hot)",
            "softmax cross-entropy (nn; class indices)"}) {
            assertTrue(names.contains(expected), expected + " is missing from " + names);
        }
    }

    @Test
    void theSameSeedPrintsTheSameTable() {
        Console again = new Console();
        assertEquals(0, console.run("gradcheck", "--examples", "2", "--seed", "3"));
        assertEquals(0, again.run("gradcheck", "--examples", "2", "--seed", "3"));
        assertEquals(console.out(), again.out());
    }

    @Test
    void aWrongDerivativeFailsWithStatus1AndItsReport() {
        Operation broken = ElementwiseOperation.of("tanh, derivative 1% off", Math::tanh, (a, t) -> 1.01 * (1 - t * t));
        List<OperationCase> catalogue = new ArrayList<>(catalogue().subList(0, 2));
        catalogue.add(OperationCase.unary(broken.name(), x -> x.graph().apply(broken, x), -1, 1));
        int status = console.runCommand(new GradcheckCommand(catalogue), "--examples", "3");
        assertEquals(Main.EXIT_FAILURE, status, console.both());
        List<String> rows = rows(console.out());
        assertEquals(3, rows.size(), console.out());
        assertTrue(rows.get(0).endsWith("  pass") && rows.get(1).endsWith("  pass"), console.out());
        assertTrue(rows.get(2).startsWith("tanh, derivative 1% off") && rows.get(2).endsWith("  FAIL"), rows.get(2));
        assertTrue(console.out().contains("1 of 3 operations FAILED"), console.out());
        assertTrue(console.out().contains("gradient check FAILED"), console.out());
        assertEquals("chainrule gradcheck: 1 of 3 operations failed the gradient check", console.err().strip());
    }

    @Test
    void fewerThanOneExampleIsAUsageError() {
        assertEquals(2, console.run("gradcheck", "--examples", "0"));
        assertTrue(console.err().contains("--examples must be at least 1, got 0"), console.err());
        assertTrue(console.err().contains("Usage: chainrule gradcheck"), console.err());
    }

    /**
     * {@code --order 2}: every operation with a graph rule passes the second-order check, the
     * user's operation without one is listed as first order only, and a rule that reads its
     * output as a constant fails with its report naming the operation.
     */
    @Test
    void theSecondOrderCheckPassesEveryGraphRuleAndNamesAWrongOne() {
        assertEquals(0, console.run("gradcheck", "--order", "2", "--examples", "3", "--seed", "5"), console.both());
        assertTrue(console.out().startsWith("Second-order gradient check of every built-in operation"), console.out());
        assertTrue(console.out().contains("first order only (no graph rule)"), console.out());
        assertTrue(console.out().contains("All 82 operations passed: 246 checks"), console.out());

        Operation constantOutput = new NamedOperation("tanh, output read as a constant", 1) {
            @Override
            public Shape outputShape(List<Shape> inputs) {
                return inputs.get(0);
            }

            @Override
            public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
                Tanh.INSTANCE.forward(in, out);
            }

            @Override
            public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj gradient) {
                Tanh.INSTANCE.vjp(input, in, out, g, gradient);
            }

            @Override
            public boolean hasVjpGraph() {
                return true;
            }

            @Override
            public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
                return Tanh.INSTANCE.vjpGraph(input, inputs, output.graph().constant(output.value()), g);
            }
        };
        Console planted = new Console();
        int status = planted.runCommand(new GradcheckCommand(List.of(OperationCase.unary(constantOutput.name(),
                x -> x.graph().apply(constantOutput, x), -1, 1))), "--order", "2", "--examples", "3");
        assertEquals(Main.EXIT_FAILURE, status, planted.both());
        assertTrue(planted.out().contains("faulty operation: #1 tanh, output read as a constant (tanh, output read as a"
                + " constant, its graph rule (the second derivative))"), planted.out());
    }

    @Test
    void anOrderOtherThanOneOrTwoIsAUsageError() {
        assertEquals(2, console.run("gradcheck", "--order", "3"));
        assertTrue(console.err().contains("--order must be 1 or 2, got 3"), console.err());
    }
}
