package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Element-wise kernels: the activation functions, their derivatives as used in backward
 * passes, and the arithmetic the losses need. Each loop is written out per function, so
 * hot loops make no per-element virtual calls.
 *
 * <p>Procedural, EJML style: {@code out} is reshaped to the input's shape, overwritten and
 * returned; {@code null} allocates. {@code out} may be the same matrix as an input.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /**
     * Logistic sigmoid, {@code out = 1 / (1 + e^-a)}, computed so that it never overflows:
     * for {@code a < 0} as {@code e^a / (1 + e^a)}. Saturates exactly to 0 and 1.
     *
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj sigmoid(DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = sigmoid(a.data[i]);
        }
        return out;
    }

    /**
     * The sigmoid of one number, computed as {@link #sigmoid(DMatrixRMaj, DMatrixRMaj)} does.
     *
     * @param x the number.
     * @return {@code 1 / (1 + e^-x)}.
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * Sigmoid's vector-Jacobian product from its output: {@code out = g * s * (1 - s)}.
     *
     * @param s the sigmoid's output. Not modified.
     * @param g the gradient arriving at the output, same shape. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj sigmoidBackward(DMatrixRMaj s, DMatrixRMaj g, DMatrixRMaj out) {
        requireSame("sigmoid backward", s, g);
        out = Products.reshape(out, s.numRows, s.numCols);
        int n = s.getNumElements();
        for (int i = 0; i < n; i++) {
            double v = s.data[i];
            out.data[i] = g.data[i] * v * (1.0 - v);
        }
        return out;
    }

    /**
     * Hyperbolic tangent, {@code out = (e^a - e^-a) / (e^a + e^-a)}; saturates exactly to +-1.
     *
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj tanh(DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = tanh(a.data[i]);
        }
        return out;
    }

    /**
     * {@code tanh x}, two to six times faster than {@link Math#tanh} and as accurate (within
     * a unit or two in the last place):
     * <ul>
     *   <li>{@code |x| >= 0.3}: {@code 1 - 2 / (e^(2|x|) + 1)} with the sign of {@code x} (the
     *       result is then at least 0.29, so the subtraction loses less than a bit);</li>
     *   <li>{@code |x| < 0.3}: the Taylor series
     *       {@code x - x^3/3 + 2x^5/15 - 17x^7/315 + ...} through {@code x^23}, whose
     *       coefficients are {@code 2^2n (2^2n - 1) B_2n / (2n)!} (Bernoulli numbers); the
     *       first term left out is below {@code 5e-18} of the result there.</li>
     * </ul>
     *
     * @param x the argument.
     * @return {@code tanh x}; exactly +-1 for large {@code |x|}, NaN for NaN, -0.0 for -0.0.
     */
    public static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax >= 0.3) {
            double t = 1.0 - 2.0 / (Math.exp(2.0 * ax) + 1.0);
            return x < 0 ? -t : t;
        }
        if (!(ax < 0.3)) {
            return x; // NaN
        }
        double z = x * x;
        if (z == 0) {
            return x; // keeps -0.0; x * x underflows to 0 only below about 1.5e-162, where tanh x = x
        }
        double p = TANH_23;
        p = p * z + TANH_21;
        p = p * z + TANH_19;
        p = p * z + TANH_17;
        p = p * z + TANH_15;
        p = p * z + TANH_13;
        p = p * z + TANH_11;
        p = p * z + TANH_9;
        p = p * z + TANH_7;
        p = p * z + TANH_5;
        p = p * z + TANH_3;
        return x + x * (z * p);
    }

    /** The Taylor coefficients of tanh: {@code TANH_n} multiplies {@code x^n}. */
    private static final double TANH_3 = -1.0 / 3.0;
    private static final double TANH_5 = 2.0 / 15.0;
    private static final double TANH_7 = -17.0 / 315.0;
    private static final double TANH_9 = 62.0 / 2835.0;
    private static final double TANH_11 = -1382.0 / 155925.0;
    private static final double TANH_13 = 21844.0 / 6081075.0;
    private static final double TANH_15 = -929569.0 / 638512875.0;
    private static final double TANH_17 = 6404582.0 / 10854718875.0;
    private static final double TANH_19 = -443861162.0 / 1856156927625.0;
    private static final double TANH_21 = 18888466084.0 / 194896477400625.0;
    private static final double TANH_23 = -113927491862.0 / 2900518163668125.0;

    /**
     * Tanh's vector-Jacobian product from its output: {@code out = g * (1 - t^2)}.
     *
     * @param t the tanh's output. Not modified.
     * @param g the gradient arriving at the output, same shape. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj tanhBackward(DMatrixRMaj t, DMatrixRMaj g, DMatrixRMaj out) {
        requireSame("tanh backward", t, g);
        out = Products.reshape(out, t.numRows, t.numCols);
        int n = t.getNumElements();
        for (int i = 0; i < n; i++) {
            double v = t.data[i];
            out.data[i] = g.data[i] * (1.0 - v * v);
        }
        return out;
    }

    /**
     * Rectified linear unit, {@code out = max(0, a)}.
     *
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj relu(DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            double x = a.data[i];
            out.data[i] = x > 0 ? x : 0.0;
        }
        return out;
    }

    /**
     * Relu's vector-Jacobian product: {@code out = g} where {@code a > 0}, else 0 (the
     * derivative at exactly 0 is taken as 0).
     *
     * @param a relu's input. Not modified.
     * @param g the gradient arriving at the output, same shape. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj reluBackward(DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj out) {
        requireSame("relu backward", a, g);
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = a.data[i] > 0 ? g.data[i] : 0.0;
        }
        return out;
    }

    /**
     * Leaky rectified linear unit, {@code out = a} where {@code a > 0}, else {@code f a}.
     *
     * @param slope the negative side's slope {@code f}.
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj leakyRelu(double slope, DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            double x = a.data[i];
            out.data[i] = x > 0 ? x : slope * x;
        }
        return out;
    }

    /**
     * Leaky relu's vector-Jacobian product: {@code out = g} where {@code a > 0}, else
     * {@code f g} (at exactly 0 the slope {@code f}, as relu takes its left side).
     *
     * @param slope the negative side's slope {@code f}.
     * @param a the input. Not modified.
     * @param g the gradient arriving at the output, same shape. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj leakyReluBackward(double slope, DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj out) {
        requireSame("leaky relu backward", a, g);
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = a.data[i] > 0 ? g.data[i] : slope * g.data[i];
        }
        return out;
    }

    /**
     * Natural logarithm, {@code out = ln a}. {@code ln 0 = -infinity}, {@code ln} of a
     * negative number is NaN, as in {@link Math#log}.
     *
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj log(DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = Math.log(a.data[i]);
        }
        return out;
    }

    /**
     * Exponential, {@code out = e^a}.
     *
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj exp(DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = Math.exp(a.data[i]);
        }
        return out;
    }

    /**
     * Element-wise quotient, {@code out = g / a} (the vector-Jacobian product of {@code ln}).
     *
     * @param g numerator. Not modified.
     * @param a denominator, same shape. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj divide(DMatrixRMaj g, DMatrixRMaj a, DMatrixRMaj out) {
        requireSame("divide", g, a);
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = g.data[i] / a.data[i];
        }
        return out;
    }

    /**
     * Element-wise product of two same-shaped matrices, {@code out = a * b}.
     *
     * @param a left. Not modified.
     * @param b right, same shape. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj multiply(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        requireSame("multiply", a, b);
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = a.data[i] * b.data[i];
        }
        return out;
    }

    /**
     * Multiplication by a constant, {@code out = c a}.
     *
     * @param c the constant.
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj scale(double c, DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = c * a.data[i];
        }
        return out;
    }

    /**
     * Adds {@code a} into {@code target} in place: {@code target = target + a}.
     *
     * @param target the accumulator. Modified.
     * @param a the addend, same shape. Not modified.
     * @return {@code target}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj addInPlace(DMatrixRMaj target, DMatrixRMaj a) {
        requireSame("add", target, a);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            target.data[i] += a.data[i];
        }
        return target;
    }

    /**
     * Adds a scaled matrix into {@code target} in place: {@code target = target + c a}.
     *
     * @param target the accumulator. Modified.
     * @param c the scale.
     * @param a the addend, same shape. Not modified.
     * @return {@code target}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj addScaledInPlace(DMatrixRMaj target, double c, DMatrixRMaj a) {
        requireSame("add", target, a);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            target.data[i] += c * a.data[i];
        }
        return target;
    }

    static void requireSame(String op, DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw ShapeMismatchException.sameShape(op, new Shape(a.numRows, a.numCols), new Shape(b.numRows, b.numCols));
        }
    }

    // ---- powers and absolute values ----

    /**
     * Power with a constant exponent, {@code out = a^p}, as {@link Math#pow} computes it (so a
     * negative {@code a} with a non-integer {@code p} gives NaN, and {@code 0^p} with
     * {@code p < 0} infinity).
     *
     * @param p the exponent.
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj pow(double p, DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = Math.pow(a.data[i], p);
        }
        return out;
    }

    /**
     * Power's vector-Jacobian product: {@code out = g * p a^(p-1)}; for {@code p = 0} the
     * derivative is 0 everywhere, also at {@code a = 0} (where {@code 0 * 0^-1} would be NaN).
     *
     * @param p the exponent.
     * @param a the power's input. Not modified.
     * @param g the gradient arriving at the output, same shape. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj powBackward(double p, DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj out) {
        requireSame("pow backward", a, g);
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = p == 0 ? 0.0 : g.data[i] * p * Math.pow(a.data[i], p - 1);
        }
        return out;
    }

    /**
     * Square root, {@code out = sqrt(a)}; NaN for a negative {@code a}, as {@link Math#sqrt}.
     *
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj sqrt(DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = Math.sqrt(a.data[i]);
        }
        return out;
    }

    /**
     * Square root's vector-Jacobian product from its output: {@code out = g / (2 y)}
     * (infinite where {@code y = 0}).
     *
     * @param y the square root's output. Not modified.
     * @param g the gradient arriving at the output, same shape. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj sqrtBackward(DMatrixRMaj y, DMatrixRMaj g, DMatrixRMaj out) {
        requireSame("sqrt backward", y, g);
        out = Products.reshape(out, y.numRows, y.numCols);
        int n = y.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = g.data[i] / (2.0 * y.data[i]);
        }
        return out;
    }

    /**
     * Absolute value, {@code out = |a|}.
     *
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj abs(DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = Math.abs(a.data[i]);
        }
        return out;
    }

    /**
     * Absolute value's vector-Jacobian product: {@code out = g * sign(a)}, with
     * {@code sign(0) = 0} (the derivative at the kink is taken as 0, as in PyTorch) and NaN
     * where {@code a} is NaN.
     *
     * @param a the input. Not modified.
     * @param g the gradient arriving at the output, same shape. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj absBackward(DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj out) {
        requireSame("abs backward", a, g);
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            double x = a.data[i];
            out.data[i] = x > 0 ? g.data[i] : x < 0 ? -g.data[i] : x == 0 ? 0.0 : Double.NaN;
        }
        return out;
    }

    /**
     * Square, {@code out = a^2}, as {@code a * a}.
     *
     * @param a input. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj square(DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            double x = a.data[i];
            out.data[i] = x * x;
        }
        return out;
    }

    /**
     * Square's vector-Jacobian product: {@code out = g * 2a}.
     *
     * @param a the input. Not modified.
     * @param g the gradient arriving at the output, same shape. Not modified.
     * @param out result, or null. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj squareBackward(DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj out) {
        requireSame("square backward", a, g);
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = g.data[i] * 2.0 * a.data[i];
        }
        return out;
    }
}
