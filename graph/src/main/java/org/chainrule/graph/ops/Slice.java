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
 * A slice of consecutive rows or columns, the half-open range {@code [from, to)}:
 * {@code Y = X[from:to, :]} ({@link #rows}) or {@code Y = X[:, from:to]} ({@link #columns}).
 * The range must be non-empty and lie inside the input, {@code 0 <= from < to <= size}: applying
 * the operation refuses an empty range, or one starting below 0, with a {@link ChainruleException},
 * and one ending beyond the input with a {@link ShapeMismatchException}, each naming the range and
 * the input's shape.
 *
 * <p>VJP: {@code dX} is {@code dY} in the slice's place and zero elsewhere.
 */
public final class Slice extends NamedOperation {
    private final boolean rows;
    private final int from;
    private final int to;

    private Slice(boolean rows, int from, int to) {
        super((rows ? "sliceRows[" : "sliceColumns[") + from + ", " + to + ")", 1);
        this.rows = rows;
        this.from = from;
        this.to = to;
    }

    /**
     * The rows {@code from} (included) to {@code to} (excluded). The range is checked against
     * the input's shape when the operation is applied.
     *
     * @param from the first row.
     * @param to one past the last row.
     * @return the operation.
     */
    public static Slice rows(int from, int to) {
        return new Slice(true, from, to);
    }

    /**
     * The columns {@code from} (included) to {@code to} (excluded). The range is checked
     * against the input's shape when the operation is applied.
     *
     * @param from the first column.
     * @param to one past the last column.
     * @return the operation.
     */
    public static Slice columns(int from, int to) {
        return new Slice(false, from, to);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape x = in.get(0);
        int size = rows ? x.rows() : x.cols();
        String what = (rows ? "sliceRows: rows [" : "sliceColumns: columns [") + from + ", " + to + ") of a " + x
                + " node";
        String rule = ": give 0 <= from < to <= " + size;
        if (from < 0 || to <= from) {
            throw new ChainruleException(what + (from < 0 ? ": the range starts below 0" : ": the range is empty")
                    + rule);
        }
        if (to > size) {
            throw new ShapeMismatchException(what + ": the range ends beyond its " + size
                    + (rows ? " rows" : " columns") + rule);
        }
        return rows ? new Shape(to - from, x.cols()) : new Shape(x.rows(), to - from);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Rearrange.readBlock(in[0], rows ? from : 0, rows ? 0 : from, y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        Rearrange.padBlock(dy, rows ? from : 0, rows ? 0 : from, gradient);
    }

    @Override
    public String localDerivative(int input) {
        return "Delta({out}) in " + (rows ? "rows" : "columns") + " [" + from + ", " + to + ") of {in0}, 0 elsewhere";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code G} padded back into the slice's place. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        Shape x = inputs[0].shape();
        return rows ? g.padRows(from, x.rows()) : g.padColumns(from, x.cols());
    }
}
