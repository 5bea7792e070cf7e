package org.chainrule.graph.check;

import java.util.List;
import org.chainrule.core.Tensor;

/**
 * The element-wise check of one input's gradient: every element's analytic derivative
 * against its central difference (see {@link ElementCheck}).
 *
 * @param input which input, from 0.
 * @param value the input's value.
 * @param analytic the gradient under test, shaped like the input.
 * @param numeric the central differences, shaped like the input.
 * @param worst the element with the largest {@link ElementCheck#toleranceRatio()} (the first
 *     of equals): the one that failed worst, or that came closest to failing.
 * @param failures every element that failed, in row-major order.
 * @param kinks every element where the one-sided differences disagree, passed or not.
 */
public record InputCheck(int input, Tensor value, Tensor analytic, Tensor numeric, ElementCheck worst,
                         List<ElementCheck> failures, List<ElementCheck> kinks) {

    /**
     * Copies the lists into unmodifiable ones.
     *
     * @throws NullPointerException if a list is null or holds null.
     */
    public InputCheck {
        failures = List.copyOf(failures);
        kinks = List.copyOf(kinks);
    }

    /**
     * Whether every element passed.
     *
     * @return true if there are no failures.
     */
    public boolean passed() {
        return failures.isEmpty();
    }
}
