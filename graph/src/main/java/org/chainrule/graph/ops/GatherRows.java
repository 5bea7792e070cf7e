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
 * Gathering rows by index, an embedding lookup: for an {@code r x n} table {@code T} and an
 * {@code m x 1} column of indices {@code i}, {@code Y[k, :] = T[i_k, :]}, an {@code m x n}
 * output. Every index must be a whole number in {@code [0, r)}; the forward rule refuses any
 * other with a {@link ChainruleException} naming the index's row, its value and the table.
 *
 * <p>VJP for the table: {@code dT[i_k, :] += dY[k, :]} for every {@code k} (a scatter-add:
 * a row picked twice gets both rows of {@code dY}, a row never picked gets zero). The indices
 * are data, not trainable: they have no gradient, and {@code Node.gatherRows} refuses indices
 * that a parameter lies behind.
 */
public final class GatherRows extends NamedOperation {
    /** The one instance; the operation has no state. */
    public static final GatherRows INSTANCE = new GatherRows();

    private GatherRows() {
        super("gatherRows", 2);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape table = in.get(0);
        Shape indices = in.get(1);
        if (indices.cols() != 1) {
            throw new ShapeMismatchException("gatherRows: the indices are " + indices + ", not an mx1 column"
                    + " (table " + table + "): give one row index per output row, in one column");
        }
        return new Shape(indices.rows(), table.cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Rearrange.gatherRows(in[0], in[1], y);
    }

    /**
     * The scatter-add for the table.
     *
     * @throws ChainruleException for {@code input == 1}: the indices have no gradient.
     */
    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        if (input != 0) {
            throw new ChainruleException("gatherRows: the indices have no gradient: they are data, not trainable."
                    + " Record them with graph.input(...) or graph.constant(...)");
        }
        Rearrange.scatterAddRows(dy, in[1], gradient);
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "rows of Delta({out}) added into the rows of {in0} that {in1} names" : "";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /**
     * {@code G} scatter-added into the table's rows.
     *
     * @throws ChainruleException for {@code input == 1}: the indices have no gradient.
     */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        if (input != 0) {
            throw new ChainruleException("gatherRows: the indices have no gradient: they are data, not trainable");
        }
        return g.scatterAddRows(inputs[1], inputs[0].shape().rows());
    }
}
