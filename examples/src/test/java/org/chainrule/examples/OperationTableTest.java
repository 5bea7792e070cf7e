package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.graph.check.GraphOperations;
import org.chainrule.nn.ops.NnOperations;
import org.junit.jupiter.api.Test;

/**
 * The README's table of operations and the modules' lists of operations name the same
 * operations: a case's operation is its name up to the first {@code " ("} (so
 * {@code add (1xn row)} is {@code add}); a table row's is its first cell's code span. The
 * one listed case that is not a built-in (a user's {@code BinaryElementwiseOperation},
 * listed to check that path) is left out; the composed ones ({@code sub}, {@code neg},
 * {@code mean}) are in both.
 */
class OperationTableTest {
    @Test
    void theReadmeTableListsExactlyTheListedOperations() throws IOException {
        Set<String> listed = Stream.concat(GraphOperations.cases().stream(), NnOperations.cases().stream())
                .map(OperationCase::name)
                .filter(name -> !name.contains("BinaryElementwiseOperation"))
                .map(name -> name.contains(" (") ? name.substring(0, name.indexOf(" (")) : name)
                .collect(Collectors.toCollection(TreeSet::new));
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf("### The operations");
        int end = text.indexOf("\n## ", start);
        Set<String> tabled = text.substring(start, end).lines()
                .filter(line -> line.startsWith("| `"))
                .map(line -> line.substring(3, line.indexOf('`', 3)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(listed, tabled, "README.md's operation table against GraphOperations and NnOperations");
    }
}
