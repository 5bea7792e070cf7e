package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;

/**
 * Square root, element-wise: {@code y = sqrt(x)}, NaN for a negative {@code x}.
 *
 * <p>VJP: {@code dx = dy / (2 y)}, read from the output (infinite at {@code x = 0}, where the
 * slope is vertical: keep inputs positive).
 */
public final class Sqrt extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Sqrt INSTANCE = new Sqrt();

    private Sqrt() {
        super("sqrt", "1 / (2 {out})", Elementwise::sqrt,
                (x, y, dy, dx) -> Elementwise.sqrtBackward(y, dy, dx));
    }
}
