package org.chainrule.graph.check;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;

/**
 * The fast mode's single check: the directional derivative along a random direction
 * {@code v} (one tensor per input), analytic {@code v . grad f = sum_i sum_jk v_i[j][k] df/dx_i[j][k]}
 * against the central difference {@code (f(x + h v) - f(x - h v)) / 2h}. The pass rule and
 * the kink rule are those of {@link ElementCheck}, along {@code v} instead of one element.
 * For an output larger than {@code 1x1} both sides are projected on a random output direction
 * {@code u} as well: {@code u . J v} against {@code u . (f(x + h v) - f(x - h v)) / 2h}.
 *
 * @param direction {@code v}, one tensor per input, entries drawn from a standard normal
 *     distribution with the configured seed.
 * @param outputDirection {@code u}, shaped like the output, drawn after {@code v}; {@code [[1]]}
 *     for a {@code 1x1} output.
 * @param analytic {@code v . grad f} from the gradient under test.
 * @param numeric the central difference along {@code v}.
 * @param left {@code (f(x) - f(x - h v)) / h}.
 * @param right {@code (f(x + h v) - f(x)) / h}.
 * @param absoluteError {@code |analytic - numeric|}.
 * @param relativeError {@code |analytic - numeric| / |numeric|}.
 * @param kink whether {@code left} and {@code right} disagree beyond the tolerance.
 * @param toleranceRatio the error as a multiple of the allowed error: at most 1 passes.
 */
public record DirectionCheck(List<Tensor> direction, Tensor outputDirection, double analytic, double numeric,
                             double left, double right,
                             double absoluteError, double relativeError, boolean kink, double toleranceRatio) {

    /**
     * Copies the direction into an unmodifiable list.
     *
     * @throws org.chainrule.core.ChainruleException if {@code direction} is null or holds null, or {@code outputDirection} is null.
     */
    public DirectionCheck {
        direction = List.copyOf(direction);
        ChainruleException.requireNonNull(outputDirection, "DirectionCheck: outputDirection");
    }

    static DirectionCheck of(List<Tensor> direction, Tensor outputDirection, FiniteDifference d) {
        return new DirectionCheck(direction, outputDirection, d.analytic, d.numeric, d.left, d.right, d.absoluteError,
                d.relativeError, d.kink, d.toleranceRatio);
    }

    /**
     * Whether the directional derivative passed.
     *
     * @return {@code toleranceRatio <= 1}.
     */
    public boolean passed() {
        return toleranceRatio <= 1;
    }

    /** E.g. {@code along v: analytic 1.25, numeric 1.25, |error| 3e-11 (relative 2.4e-11)}. */
    @Override
    public String toString() {
        return (outputDirection.size() == 1 ? "along v: " : "u . J v: ")
                + FiniteDifference.describe(analytic, numeric, absoluteError, relativeError, kink, left, right);
    }
}
