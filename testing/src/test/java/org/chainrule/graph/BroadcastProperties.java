package org.chainrule.graph;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.testing.BroadcastPair;
import org.chainrule.testing.Generators;
import org.chainrule.graph.check.OperationExample;
import org.chainrule.testing.Theories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;

/**
 * Every broadcast form passes the gradient check: for each layout (same shape; a row, a
 * column or a scalar, on the right or on the left), {@code add}, {@code sub} and {@code mul},
 * so the engine's un-broadcasting sums each gradient back over the right axis.
 */
class BroadcastProperties {
    private static final int EXAMPLES = 150;

    /** The broadcasting binary operations. */
    enum Binary {
        ADD(x -> x[0].add(x[1])),
        SUB(x -> x[0].sub(x[1])),
        MUL(x -> x[0].mul(x[1]));

        final Function<Node[], Node> operation;

        Binary(Function<Node[], Node> operation) {
            this.operation = operation;
        }
    }

    @ParameterizedTest
    @EnumSource(BroadcastPair.Layout.class)
    void everyBinaryOperationPassesInThisLayout(BroadcastPair.Layout layout) {
        Gen<List<Tensor>> operands = Generators.broadcastPairs(layout).map(p -> List.of(p.left(), p.right()));
        for (Binary binary : Binary.values()) {
            String name = binary.name().toLowerCase(Locale.ROOT) + " (" + layout + ")";
            Theories.qt(EXAMPLES).forAll(Generators.examples(name, binary.operation, operands))
                    .checkAssert(e -> GradientCheck.defaults().check(e, e.checkInputs()).assertPassed());
        }
    }
}
