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
 * Adds rows into a table of zeros by index: for an {@code m x n} input {@code X} and an
 * {@code m x 1} column of indices {@code i}, the {@code r x n} output has
 * {@code Y[i_k, :] += X[k, :]} for every {@code k} (a row named twice gets both, a row never
 * named is zero). Every index must be a whole number in {@code [0, r)}; the forward rule refuses
 * any other, naming the index's row and value. The adjoint of {@link GatherRows}: the VJP of a
 * gather for its table is a scatter-add of the output gradient, and the VJP of a scatter-add is
 * a gather, {@code dX[k, :] = dY[i_k, :]}. The indices are data: they have no gradient.
 */
public final class ScatterAddRows extends NamedOperation {
    private final int tableRows;

    private ScatterAddRows(int tableRows) {
        super("scatterAddRows[" + tableRows + "]", 2);
        this.tableRows = tableRows;
    }

    /**
     * The scatter-add into a table of {@code tableRows} rows.
     *
     * @param tableRows the output's rows, at least 1.
     * @return the operation.
     * @throws ChainruleException if {@code tableRows} is less than 1.
     */
    public static ScatterAddRows into(int tableRows) {
        if (tableRows < 1) {
            throw new ChainruleException("scatterAddRows: the table needs at least 1 row, got " + tableRows);
        }
        return new ScatterAddRows(tableRows);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape x = in.get(0);
        Shape indices = in.get(1);
        if (indices.cols() != 1 || indices.rows() != x.rows()) {
            throw new ShapeMismatchException("scatterAddRows: the indices are " + indices + " for " + x + " rows:"
                    + " give one row index per input row, an " + x.rows() + "x1 column");
        }
        return new Shape(tableRows, x.cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Rearrange.scatterAddRows(in[0], in[1], y);
    }

    /**
     * The gather for the rows.
     *
     * @throws ChainruleException for {@code input == 1}: the indices have no gradient.
     */
    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        if (input != 0) {
            throw new ChainruleException("scatterAddRows: the indices have no gradient: they are data, not"
                    + " trainable. Record them with graph.input(...) or graph.constant(...)");
        }
        Rearrange.gatherRows(dy, in[1], gradient);
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "the rows of Delta({out}) that {in1} names" : "";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /**
     * The rows of {@code G} that the indices name.
     *
     * @throws ChainruleException for {@code input == 1}: the indices have no gradient.
     */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        if (input != 0) {
            throw new ChainruleException("scatterAddRows: the indices have no gradient: they are data, not trainable");
        }
        return g.gatherRows(inputs[1]);
    }
}
