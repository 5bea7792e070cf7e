package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Operation;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.graph.check.GraphOperations;
import org.chainrule.nn.ops.NnOperations;
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
}
