package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Rearrange;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Concatenation of one or more inputs: stacked vertically ({@link #ROWS}, {@code Y = [X_0; X_1; ...]},
 * the rows of {@code X_0}, then those of {@code X_1}, ...; all with the same number of columns)
 * or side by side ({@link #COLUMNS}, {@code Y = [X_0, X_1, ...]}; all with the same number of
 * rows). One input gives a copy of it.
 *
 * <p>VJP: {@code dX_k} is the block of {@code dY} where {@code X_k} sits.
 */
public final class Concat extends NamedOperation {
    /** Stacking vertically: the output has the inputs' rows, one input after another. */
    public static final Concat ROWS = new Concat(true);
    /** Placing side by side: the output has the inputs' columns, one input after another. */
    public static final Concat COLUMNS = new Concat(false);

    private final boolean rows;

    private Concat(boolean rows) {
        super(rows ? "concat(rows)" : "concat(columns)", ANY_NUMBER_OF_INPUTS);
        this.rows = rows;
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        if (in.isEmpty()) {
            throw new ChainruleException(name() + ": no inputs: give at least one node");
        }
        Shape first = in.get(0);
        int total = 0;
        for (int k = 0; k < in.size(); k++) {
            Shape x = in.get(k);
            if (rows ? x.cols() != first.cols() : x.rows() != first.rows()) {
                throw new ShapeMismatchException(name() + ": cannot concatenate " + shapes(in) + ": input " + k
                        + " has " + (rows ? x.cols() + " columns, input 0 has " + first.cols()
                        + ": stacked inputs need the same number of columns"
                        : x.rows() + " rows, input 0 has " + first.rows()
                        + ": inputs side by side need the same number of rows"));
            }
            total += rows ? x.rows() : x.cols();
        }
        return rows ? new Shape(total, first.cols()) : new Shape(first.rows(), total);
    }

    private static String shapes(List<Shape> in) {
        StringBuilder sb = new StringBuilder();
        for (Shape s : in) {
            sb.append(sb.length() == 0 ? "" : ", ").append(s);
        }
        return sb.toString();
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        int offset = 0;
        for (DMatrixRMaj x : in) {
            Rearrange.writeBlock(x, rows ? offset : 0, rows ? 0 : offset, y);
            offset += rows ? x.numRows : x.numCols;
        }
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        int offset = 0;
        for (int k = 0; k < input; k++) {
            offset += rows ? in[k].numRows : in[k].numCols;
        }
        Rearrange.readBlock(dy, rows ? offset : 0, rows ? 0 : offset, gradient);
    }

    @Override
    public String localDerivative(int input) {
        return "block " + input + " of Delta({out})";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** Each input's block of {@code G}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        int from = 0;
        for (int k = 0; k < input; k++) {
            from += rows ? inputs[k].shape().rows() : inputs[k].shape().cols();
        }
        Shape x = inputs[input].shape();
        return rows ? g.sliceRows(from, from + x.rows()) : g.sliceColumns(from, from + x.cols());
    }
}
