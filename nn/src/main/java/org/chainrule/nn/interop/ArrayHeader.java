package org.chainrule.nn.interop;

import java.util.Collection;
import java.util.Map;
import org.chainrule.core.Memory;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.nn.interop.InteropException.Reason;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * What a file says about one array before its data is read: its name, element type, shape
 * and, for {@code .npy}, whether the data is in Fortran (column-major) order. Readers check
 * every header against the file's length, the model and the free memory before they
 * allocate any array.
 *
 * @param name the array's name in the file.
 * @param dtype its element type.
 * @param shape its dimensions, each at least 0; no dimensions for a scalar.
 * @param columnMajor whether the data is in Fortran order (first index fastest).
 */
record ArrayHeader(String name, Dtype dtype, long[] shape, boolean columnMajor) {

    /**
     * The number of elements, the product of the dimensions; {@link Long#MAX_VALUE} if that
     * overflows (no file can then hold the data, and the length checks say so).
     *
     * @return the element count.
     */
    long elements() {
        long n = 1;
        for (long d : shape) {
            if (d != 0 && n > Long.MAX_VALUE / d) {
                return Long.MAX_VALUE;
            }
            n *= d;
        }
        return n;
    }

    /**
     * The bytes of data the header promises, saturating at {@link Long#MAX_VALUE}.
     *
     * @return {@code elements * bytes per element}.
     */
    long dataBytes() {
        long n = elements();
        return n > Long.MAX_VALUE / dtype.bytes() ? Long.MAX_VALUE : n * dtype.bytes();
    }

    /**
     * The shape as a list, e.g. {@code [5, 3]}, for messages.
     *
     * @return the text.
     */
    String shapeText() {
        return shapeText(shape);
    }

    static String shapeText(long[] shape) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            out.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return out.append(']').toString();
    }

    /**
     * The Chainrule shape this array reads as: a scalar {@code []} as {@code 1x1}, a vector
     * {@code [n]} as a {@code 1xn} row, a matrix {@code [r, c]} as {@code r x c}.
     *
     * @param where the file, for the message.
     * @return the shape.
     * @throws InteropException if the array has more than two dimensions or none of its
     *     elements, or is too large for one tensor.
     */
    Shape matrixShape(String where) {
        if (shape.length > 2) {
            throw new InteropException(Reason.UNSUPPORTED_SHAPE, where + ": array '" + name + "' has shape "
                    + shapeText() + ": Chainrule tensors have at most two dimensions");
        }
        if (elements() == 0) {
            throw new InteropException(Reason.UNSUPPORTED_SHAPE, where + ": array '" + name + "' has shape "
                    + shapeText() + " and no elements: Chainrule has no empty tensors");
        }
        if (elements() > Shape.MAX_SIZE) {
            throw new InteropException(Reason.UNSUPPORTED_SHAPE, where + ": array '" + name + "' has shape "
                    + shapeText() + ", more than one tensor can hold (" + Shape.MAX_SIZE + " entries)");
        }
        return new Shape(shape.length == 2 ? (int) shape[0] : 1, shape.length == 0 ? 1 : (int) shape[shape.length - 1]);
    }

    /**
     * A tensor of the values read for this header, put into row-major order if the file
     * stored them column-major.
     *
     * @param values the values in file order, {@code elements()} of them. Adopted: not to be
     *     modified afterwards.
     * @param where the file, for messages.
     * @return the tensor, shaped by {@link #matrixShape(String)}.
     */
    Tensor toTensor(double[] values, String where) {
        Shape s = matrixShape(where);
        if (!columnMajor || s.rows() == 1 || s.cols() == 1) {
            return Tensor.adopt(DMatrixRMaj.wrap(s.rows(), s.cols(), values));
        }
        // column-major r x c data is the row-major c x r transpose
        return Tensor.adopt(CommonOps_DDRM.transpose(DMatrixRMaj.wrap(s.cols(), s.rows(), values), null));
    }

    /**
     * Everything a reader checks after the headers and before it allocates any array: the
     * layout's names and shapes (unless there is no layout), that each array can be a tensor,
     * and that all of them fit in the free memory.
     *
     * @param headers the file's arrays by name. Not modified.
     * @param layout the layout to load into, or null to read the arrays as they are.
     * @param where the file, for messages.
     * @throws InteropException at the first check that fails.
     */
    static void checkBeforeReading(Map<String, ArrayHeader> headers, WeightLayout layout, String where) {
        if (layout != null) {
            layout.check(headers, where);
        }
        for (ArrayHeader header : headers.values()) {
            header.matrixShape(where);
        }
        requireMemory(headers.values(), where);
    }

    /**
     * Refuses to read arrays whose values, as doubles, would not fit in the memory the JVM
     * has left ({@code maxMemory - (totalMemory - freeMemory)}), before anything is allocated.
     *
     * @param headers the arrays about to be read. Not modified.
     * @param where the file, for the message.
     * @throws InteropException if they would not fit.
     */
    static void requireMemory(Collection<ArrayHeader> headers, String where) {
        long needed = 0;
        for (ArrayHeader h : headers) {
            long n = h.elements();
            needed = n > (Long.MAX_VALUE - needed) / Double.BYTES ? Long.MAX_VALUE : needed + n * Double.BYTES;
        }
        long available = Memory.available();
        if (needed > available) {
            throw new InteropException(Reason.TOO_LARGE, where + ": its " + headers.size() + " arrays need " + needed
                    + " bytes as doubles but the JVM has about " + available + " bytes free (raise -Xmx to read it)");
        }
    }
}
