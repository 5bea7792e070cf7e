package org.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native BLAS is tried only where its library can be found on Linux, so that a machine without
 * one hears nothing from netlib's JNI stub (which prints to standard error when dlopen fails).
 */
class NativeProbeTest {
    private static Properties properties(String libraryPath) {
        Properties p = new Properties();
        p.setProperty("java.library.path", libraryPath);
        p.setProperty("os.arch", "no-such-arch");
        return p;
    }

    @Test
    void onLinuxTheLibraryIsTriedOnlyWhereAListedDirectoryHoldsIt(@TempDir Path dir) throws Exception {
        assertFalse(ProductDispatch.nativeLibraryMayLoad("Linux", properties(dir.toString()), Map.of()));
        Files.createFile(dir.resolve("libblas.so.3"));
        assertTrue(ProductDispatch.nativeLibraryMayLoad("Linux", properties(dir.toString()), Map.of()));
        assertTrue(ProductDispatch.nativeLibraryMayLoad("Linux", properties(""), Map.of("LD_LIBRARY_PATH", dir.toString())));
    }

    @Test
    void netlibsOwnLibraryNameAndPathAndOtherSystemsAreAlwaysTried(@TempDir Path dir) throws Exception {
        Properties named = properties(dir.toString());
        named.setProperty("dev.ludovic.netlib.blas.nativeLib", "libopenblas.so.0");
        assertFalse(ProductDispatch.nativeLibraryMayLoad("Linux", named, Map.of()));
        Files.createFile(dir.resolve("libopenblas.so.0"));
        assertTrue(ProductDispatch.nativeLibraryMayLoad("Linux", named, Map.of()));
        Properties path = properties("");
        path.setProperty("dev.ludovic.netlib.blas.nativeLibPath", "/anywhere/libblas.so");
        assertTrue(ProductDispatch.nativeLibraryMayLoad("Linux", path, Map.of()));
        assertTrue(ProductDispatch.nativeLibraryMayLoad("Mac OS X", properties(""), Map.of()));
    }
}
