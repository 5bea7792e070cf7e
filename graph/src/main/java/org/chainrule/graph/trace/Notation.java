package org.chainrule.graph.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;

/**
 * How the teaching tools write nodes, derivatives and tensors, so that traces, path sums and
 * pictures use one notation: a node is its name, or {@code #id} when it has none; a
 * derivative is {@code dh'/dh}; a tensor with at most {@link #FULL_LIMIT} entries prints in
 * full, a bigger one by its shape and norm.
 */
final class Notation {
    /** Tensors with at most this many entries print every entry. */
    static final int FULL_LIMIT = 12;

    private Notation() {
    }

    /** The node's name, or {@code #id}. */
    static String symbol(Node node) {
        return node.name() != null ? node.name() : "#" + node.id();
    }

    /** {@code d of/d wrt}, e.g. {@code dh1/da1}. */
    static String derivative(Node of, Node wrt) {
        return "d" + symbol(of) + "/d" + symbol(wrt);
    }

    /**
     * The local derivative a consumer applies to one of its inputs, its operation's template
     * ({@link org.chainrule.graph.Operation#localDerivative}) filled in with the node's own
     * names: {@code {out}} by the consumer's symbol, {@code {in0}}, {@code {in1}}, ... by its
     * inputs'. A sigmoid node {@code h1} of {@code a1} gives {@code h1 (1 - h1)}.
     *
     * @return the formula, or the empty string if the operation states none.
     */
    static String formula(Node consumer, int input) {
        String template = consumer.operation().localDerivative(input);
        String out = template.replace("{out}", symbol(consumer));
        List<Node> inputs = consumer.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            out = out.replace("{in" + i + "}", symbol(inputs.get(i)));
        }
        return out;
    }

    /** {@code Delta(h)}. */
    static String delta(Node node) {
        return "Delta(" + symbol(node) + ")";
    }

    /**
     * How the node was computed: {@code sigmoid(a1)} for an operation, {@code parameter},
     * {@code input} or {@code constant} for a leaf.
     */
    static String definition(Node node) {
        if (node.operation() == null) {
            return node.kind().name().toLowerCase(Locale.ROOT);
        }
        StringBuilder sb = new StringBuilder(node.operation().name()).append('(');
        List<Node> inputs = node.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(symbol(inputs.get(i)));
        }
        return sb.append(')').toString();
    }

    /**
     * A tensor on one line: a {@code 1x1} as its number, a small tensor in full (as
     * {@link Tensor#toString()}), a big one as {@code rows x cols, norm n}.
     */
    static String tensor(Tensor t) {
        if (t.size() == 1) {
            return Tensor.format(t.item());
        }
        if (t.size() <= FULL_LIMIT) {
            return t.toString();
        }
        return t.shape() + ", norm " + Tensor.format(t.norm());
    }

    /**
     * A tensor as lines for a picture: a number, one line per row of a small tensor, or
     * the shape and norm of a big one.
     */
    static List<String> tensorLines(Tensor t) {
        List<String> lines = new ArrayList<>();
        if (t.size() == 1 || t.size() > FULL_LIMIT) {
            lines.add(tensor(t));
            return lines;
        }
        for (int r = 0; r < t.rows(); r++) {
            StringBuilder sb = new StringBuilder("[");
            for (int c = 0; c < t.cols(); c++) {
                sb.append(c == 0 ? "" : ", ").append(Tensor.format(t.get(r, c)));
            }
            lines.add(sb.append(']').toString());
        }
        return lines;
    }

    /** A count with thousands separators, e.g. {@code 1,000,000}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Text for a Markdown table cell: pipes escaped, so the table keeps its columns. */
    static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** A Markdown code span, for formulas and tensors in tables. */
    static String code(String text) {
        return "`" + text + "`";
    }
}
