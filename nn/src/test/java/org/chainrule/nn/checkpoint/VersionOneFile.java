package org.chainrule.nn.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.chainrule.core.Tensor;
import org.chainrule.testing.FileMutations;

/** Version 1 checkpoints built byte by byte from their documented layout, as files written before version 2 are. */
final class VersionOneFile {
    private VersionOneFile() {
    }

    /** A version 1 file of the given parameters, in the map's order: parameters only. */
    static byte[] of(Map<String, Tensor> parameters) {
        int payload = Integer.BYTES;
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            payload += 3 * Integer.BYTES + e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + Double.BYTES * e.getValue().size();
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 4 + 8 + payload + 4);
        out.put("CHRLCKPT".getBytes(StandardCharsets.US_ASCII)).putInt(1).putLong(payload);
        out.putInt(parameters.size());
        parameters.forEach((name, value) -> {
            byte[] key = name.getBytes(StandardCharsets.UTF_8);
            out.putInt(key.length).put(key).putInt(value.rows()).putInt(value.cols());
            for (int i = 0; i < value.size(); i++) {
                out.putDouble(value.getFlat(i));
            }
        });
        return FileMutations.trailingCrc32().apply(out.array());
    }
}
