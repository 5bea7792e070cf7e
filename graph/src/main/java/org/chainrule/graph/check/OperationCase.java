package org.chainrule.graph.check;

import java.util.List;
import java.util.function.Function;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;

/**
 * One operation as the gradient checks exercise it: its name, how it is recorded, and how to
 * draw inputs for it (shapes that fit it, values in its domain). Each module lists its
 * operations once as cases ({@code org.chainrule.graph.check.GraphOperations},
 * {@code org.chainrule.nn.ops.NnOperations}); the property tests, the test generators and the
 * {@code chainrule gradcheck} command all read those lists.
 *
 * <p>Examples keep away from kinks: inputs are drawn again while an element lies within
 * {@link #KINK_CLEARANCE} of a point where an operation is not differentiable (as the
 * operation declares with {@link org.chainrule.graph.Operation#distanceToKink}), so a failure
 * is a wrong derivative, never a finite difference straddling a corner.
 *
 * @param name the name a report shows, e.g. {@code add (1xn row)}.
 * @param examples draws one example (which may hold constants of its own, such as class labels).
 */
public record OperationCase(String name, Function<Draw, OperationExample> examples) {
    /** How far from a kink every input element of an example lies (far beyond the checker's step). */
    public static final double KINK_CLEARANCE = 1e-3;
    private static final int ATTEMPTS = 100;

    /**
     * Checks the components.
     *
     * @throws org.chainrule.core.ChainruleException if a component is null.
     */
    public OperationCase {
        ChainruleException.requireNonNull(name, "OperationCase: name");
        ChainruleException.requireNonNull(examples, "OperationCase: examples");
    }

    /**
     * A case whose examples apply one recording to drawn inputs.
     *
     * @param name the name.
     * @param operation records the operation on the input nodes.
     * @param inputs draws the input tensors.
     * @return the case.
     */
    public static OperationCase of(String name, Function<Node[], Node> operation, Function<Draw, List<Tensor>> inputs) {
        return new OperationCase(name, d -> OperationExample.draw(d, name, operation, inputs.apply(d)));
    }

    /**
     * Draws one example, away from kinks.
     *
     * @param draw where the shapes and values come from.
     * @return the example.
     * @throws ChainruleException if a hundred draws all fell near a kink.
     */
    public OperationExample draw(Draw draw) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            OperationExample example = examples.apply(draw);
            if (example.distanceToKink() >= KINK_CLEARANCE) {
                return example;
            }
        }
        throw new ChainruleException(name + ": " + ATTEMPTS + " examples in a row had an input within "
                + KINK_CLEARANCE + " of a kink; widen the inputs' range");
    }

    /**
     * A case of one input of any shape, element values in {@code [low, high]}.
     *
     * @param name the name.
     * @param operation records the operation on the one input.
     * @param low the smallest value.
     * @param high the largest value.
     * @return the case.
     */
    public static OperationCase unary(String name, Function<Node, Node> operation, double low, double high) {
        return of(name, x -> operation.apply(x[0]), d -> List.of(d.matrix(d.dimension(), d.dimension(), low, high)));
    }

    @Override
    public String toString() {
        return name;
    }
}
