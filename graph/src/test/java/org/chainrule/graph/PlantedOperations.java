package org.chainrule.graph;

import java.util.List;
import org.chainrule.core.Shape;
import org.ejml.data.DMatrixRMaj;

/** Operations with a planted buffer bug, shared by the engine's and the checker's tests. */
public final class PlantedOperations {
    private PlantedOperations() {
    }

    /**
     * {@code y = 3x}, named {@code triple}, whose VJP is right where it writes but never writes
     * the last element of its buffer, so a stale value stays there.
     *
     * @return the operation.
     */
    public static Operation tripleThatSkipsItsLastElement() {
        return new NamedOperation("triple", 1) {
            @Override
            public Shape outputShape(List<Shape> in) {
                return in.get(0);
            }

            @Override
            public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
                for (int i = 0; i < y.getNumElements(); i++) {
                    y.data[i] = 3 * in[0].data[i];
                }
            }

            @Override
            public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj g, DMatrixRMaj gradient) {
                for (int i = 0; i < g.getNumElements() - 1; i++) {   // the bug: the last element is never written
                    gradient.data[i] = 3 * g.data[i];
                }
            }
        };
    }
}
