package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Rearrange;
import org.chainrule.core.Shape;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Places the input among zeros: {@code Y} has {@code total} rows ({@link #rows}) or columns
 * ({@link #columns}), holds {@code X} from row or column {@code from} on, and zero elsewhere.
 * The adjoint of {@link Slice}: the VJP of a slice is its output gradient padded back into
 * place, and the VJP of a padding is the slice of the output gradient where the input sits,
 * {@code dX = dY[from : from + size]}.
 */
public final class Pad extends NamedOperation {
    private final boolean rows;
    private final int from;
    private final int total;

    private Pad(boolean rows, int from, int total) {
        super((rows ? "padRows[" : "padColumns[") + from + " of " + total + "]", 1);
        this.rows = rows;
        this.from = from;
        this.total = total;
    }

    /**
     * The input's rows placed from row {@code from} of {@code total}. Whether the input fits is
     * checked against its shape when the operation is applied.
     *
     * @param from where the input's first row goes, at least 0.
     * @param total the output's rows.
     * @return the operation.
     */
    public static Pad rows(int from, int total) {
        return new Pad(true, from, total);
    }

    /**
     * The input's columns placed from column {@code from} of {@code total}. Whether the input
     * fits is checked against its shape when the operation is applied.
     *
     * @param from where the input's first column goes, at least 0.
     * @param total the output's columns.
     * @return the operation.
     */
    public static Pad columns(int from, int total) {
        return new Pad(false, from, total);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape x = in.get(0);
        int size = rows ? x.rows() : x.cols();
        if (from < 0 || from + size > total) {
            throw new ChainruleException(name() + ": the " + size + (rows ? " rows" : " columns") + " of a " + x
                    + " node do not fit from " + from + " in " + total + ": give 0 <= from <= total - " + size);
        }
        return rows ? new Shape(total, x.cols()) : new Shape(x.rows(), total);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Rearrange.padBlock(in[0], rows ? from : 0, rows ? 0 : from, y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        Rearrange.readBlock(dy, rows ? from : 0, rows ? 0 : from, gradient);
    }

    @Override
    public String localDerivative(int input) {
        return "Delta({out}) in " + (rows ? "rows" : "columns") + " [" + from + ", " + from + " + size) of {out}";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** The part of {@code G} where the input sits. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        Shape x = inputs[0].shape();
        return rows ? g.sliceRows(from, from + x.rows()) : g.sliceColumns(from, from + x.cols());
    }
}
