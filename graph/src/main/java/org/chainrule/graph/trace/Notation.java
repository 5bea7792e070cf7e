package org.chainrule.graph.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;

/**
 * How the teaching tools write nodes, derivatives and tensors, so that traces, path sums and
 * pictures use one notation: a node is its name, or {@code #id} when it has none (lessons name
 * every node they show); a derivative is {@code dh'/dh}, a compound name in parentheses
 * ({@code d(P+N)/dN}); a tensor with at most {@link #FULL_LIMIT} entries prints in full, a
 * bigger one by its shape and norm; numbers as {@link Blackboard#number}.
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

    /**
     * The node's symbol as a term of a formula: in parentheses when the name is itself an
     * expression ({@code P+N}, {@code 1-H2}), so that {@code 1 / (1-H2)} reads right.
     */
    static String term(Node node) {
        String symbol = symbol(node);
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '[' || c == ']' || c == '\'' || c == '.')) {
                return "(" + symbol + ")";
            }
        }
        return symbol;
    }

    /** {@code d of/d wrt}, e.g. {@code dh1/da1}, {@code d(P+N)/dN}. */
    static String derivative(Node of, Node wrt) {
        return "d" + term(of) + "/d" + term(wrt);
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
        String out = template.replace("{out}", term(consumer));
        List<Node> inputs = consumer.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            out = out.replace("{in" + i + "}", term(inputs.get(i)));
        }
        return out;
    }

    /**
     * A node's heading in a trace: {@code a1 = add(W1x, b1)   [3x1]} for an operation,
     * {@code W1   [parameter, 3x3]} for a leaf.
     */
    static String header(Node node) {
        String header = node.operation() != null
                ? symbol(node) + " = " + definition(node) + "   [" + node.shape() + "]"
                : symbol(node) + "   [" + definition(node) + ", " + node.shape() + "]";
        return node.isBackward() ? header + "   (backward pass recorded as a graph" + (node.recordedByRuleOf() == null
                ? ")" : ", by the graph rule of " + symbol(node.recordedByRuleOf()) + ")") : header;
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
     * A tensor on one line: a {@code 1x1} as its number, a small tensor in full
     * ({@code 1x3 [[0.1, 0.2, 0.7]]}), a big one as {@code rows x cols, norm n}; never {@code -0}.
     */
    static String tensor(Tensor t) {
        return tensor(t, FULL_LIMIT);
    }

    /** {@link #tensor(Tensor)} printing up to {@code limit} entries in full. */
    static String tensor(Tensor t, int limit) {
        if (t.size() == 1) {
            return Blackboard.number(t.item());
        }
        if (t.size() <= limit) {
            return t.shape() + " [" + String.join(", ", tensorLines(t, limit)) + "]";
        }
        return t.shape() + ", norm " + Blackboard.number(t.norm());
    }

    /**
     * A tensor as lines for a picture: a number, one line per row of a small tensor, or
     * the shape and norm of a big one.
     */
    static List<String> tensorLines(Tensor t) {
        return tensorLines(t, FULL_LIMIT);
    }

    private static List<String> tensorLines(Tensor t, int limit) {
        List<String> lines = new ArrayList<>();
        if (t.size() == 1 || t.size() > limit) {
            lines.add(tensor(t));
            return lines;
        }
        for (int r = 0; r < t.rows(); r++) {
            StringBuilder sb = new StringBuilder("[");
            for (int c = 0; c < t.cols(); c++) {
                sb.append(c == 0 ? "" : ", ").append(Blackboard.number(t.get(r, c)));
            }
            lines.add(sb.append(']').toString());
        }
        return lines;
    }

    /**
     * {@code prefix}, the tensor and {@code suffix} as lines no wider than
     * {@link Blackboard#WIDTH}: on one line when they fit; otherwise the tensor's rows one
     * under the other, aligned after the prefix (a row too wide is broken after a comma), and
     * the suffix on a line of its own, indented by {@code indent}.
     */
    static String block(String prefix, Tensor t, String suffix, int indent) {
        return block(prefix, t, suffix, indent, FULL_LIMIT);
    }

    /** {@link #block(String, Tensor, String, int)} printing up to {@code limit} entries in full. */
    static String block(String prefix, Tensor t, String suffix, int indent, int limit) {
        String one = prefix + tensor(t, limit) + suffix;
        if (one.length() <= Blackboard.WIDTH) {
            return one;
        }
        if (t.size() == 1 || t.size() > limit) {
            String main = prefix + tensor(t, limit);
            return suffix.isEmpty() ? main : main + "\n" + " ".repeat(indent) + suffix.strip();
        }
        String head = prefix + t.shape() + " [";
        int align = head.length() <= Blackboard.WIDTH / 2 ? head.length() : indent + 2;
        List<String> rows = tensorLines(t, limit);
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.get(r) + (r == rows.size() - 1 ? "]" : ",");
            int start = r == 0 && align == head.length() ? head.length() : align;
            List<String> pieces = Blackboard.wrap(row, Blackboard.WIDTH - start);
            for (String piece : pieces) {
                lines.add(piece);
            }
        }
        StringBuilder sb = new StringBuilder();
        if (align == head.length()) {
            sb.append(head).append(lines.get(0));
        } else {
            sb.append(head.stripTrailing()).append('\n').append(" ".repeat(align)).append(lines.get(0));
        }
        for (int i = 1; i < lines.size(); i++) {
            sb.append('\n').append(" ".repeat(align)).append(lines.get(i));
        }
        String last = sb.substring(sb.lastIndexOf("\n") + 1);
        if (!suffix.isEmpty()) {
            if (last.length() + suffix.length() <= Blackboard.WIDTH) {
                sb.append(suffix);
            } else {
                sb.append('\n').append(" ".repeat(indent)).append(suffix.strip());
            }
        }
        return sb.toString();
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
