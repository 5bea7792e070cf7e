package org.chainrule.core;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ejml.data.DMatrixRMaj;

/**
 * Chooses which {@link ProductBackend} computes a product, once per JVM.
 *
 * <p>Small products ({@code m n k} below {@link #SMALL_PRODUCT}) always run on
 * {@link SmallProductBackend}'s plain loops: for them a call into BLAS costs more than it
 * saves, and at the playground's sizes the loops take about half of EJML's time (a few
 * shapes, such as one-column products with a transposed {@code A} or depth-1 outer products,
 * measure up to a third slower than EJML's specialised kernels). For larger ones the choice
 * is set by the system property {@value #PROPERTY}:
 * <ul>
 *   <li>{@code auto} (the default): a native BLAS that measures at least
 *       {@value #MIN_NATIVE_SPEEDUP}x faster than EJML on a 192x192 product (measuring rather
 *       than trusting the name avoids the known trap of a "native" BLAS that is really the slow
 *       reference implementation); else netlib's Vector API BLAS when the JVM has the Vector
 *       API; else EJML.</li>
 *   <li>{@code ejml}: EJML for large products.</li>
 *   <li>{@code native}: the system BLAS through JNI (OpenBLAS when installed); an error if
 *       none loads.</li>
 *   <li>{@code java}: netlib's Java BLAS (Vector API kernels when the JVM runs with
 *       {@code --add-modules jdk.incubator.vector}).</li>
 * </ul>
 */
final class ProductDispatch {
    /** The system property that overrides the choice. */
    static final String PROPERTY = "chainrule.products";
    /** Products with {@code m n k} below this always use the small-product loops (about a 16x16x16 product). */
    static final long SMALL_PRODUCT = 4096;
    /** How much faster than EJML a native BLAS must measure to be chosen automatically. */
    static final double MIN_NATIVE_SPEEDUP = 3;

    /** Time spent measuring each candidate, once per JVM. */
    static final long CALIBRATION_NANOS = 100_000_000L;
    /** The side of the square product measured. */
    private static final int SIZE = 192;
    /** Whether a native BLAS library is there to load (see {@link #nativeLibraryMayLoad}). */
    private static final boolean NATIVE_MAY_LOAD =
            nativeLibraryMayLoad(System.getProperty("os.name", ""), System.getProperties(), System.getenv());

    static {
        // netlib tries its native BLAS as soon as any of its instances is asked for, Java ones too.
        if (!NATIVE_MAY_LOAD && System.getProperty("dev.ludovic.netlib.blas.allowNative") == null) {
            System.setProperty("dev.ludovic.netlib.blas.allowNative", "false");
        }
    }

    private static volatile ProductBackend large;
    private static volatile String calibration = "not measured: set by " + PROPERTY;

    private ProductDispatch() {
    }

    static ProductBackend forSize(long mnk) {
        if (mnk < SMALL_PRODUCT) {
            return SmallProductBackend.INSTANCE;
        }
        ProductBackend chosen = large;
        return chosen != null ? chosen : choose();
    }

    static ProductBackend largeProductBackend() {
        ProductBackend chosen = large;
        return chosen != null ? chosen : choose();
    }

    private static synchronized ProductBackend choose() {
        if (large == null) {
            large = select(System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT));
        }
        return large;
    }

    private static ProductBackend select(String mode) {
        switch (mode) {
            case "ejml":
                return ProductBackend.EJML;
            case "native": {
                ProductBackend b = nativeBackend();
                if (b == null) {
                    throw new ChainruleException(PROPERTY + "=native, but no native BLAS could be loaded:"
                            + " install one (Debian: apt-get install libopenblas0-pthread) or use auto, java or ejml");
                }
                return b;
            }
            case "java":
                return javaBackend();
            case "auto":
                return fastest();
            default:
                throw new ChainruleException(PROPERTY + "=" + mode + " is not a product backend:"
                        + " use auto, ejml, native or java");
        }
    }

    /** All BLAS backends that load here, native first. */
    static List<ProductBackend> blasBackends() {
        List<ProductBackend> all = new ArrayList<>();
        ProductBackend n = nativeBackend();
        if (n != null) {
            all.add(n);
        }
        all.add(javaBackend());
        return all;
    }

    /**
     * The automatic choice. A native BLAS is measured against EJML and taken only if it is at
     * least {@value #MIN_NATIVE_SPEEDUP}x faster (OpenBLAS is about 10x; Debian's reference BLAS
     * about 1x, the trap). Otherwise netlib's Vector API BLAS is taken when the JVM has the
     * Vector API: it is about 4x EJML on large products once compiled, but the JIT needs longer
     * than a start-up measurement to compile it, so it is chosen by kind, not by a cold timing.
     * Otherwise EJML.
     */
    private static ProductBackend fastest() {
        double ejml = time(ProductBackend.EJML);
        StringBuilder report = new StringBuilder("EJML " + Math.round(ejml / 1e3) + " us");
        ProductBackend chosen = ProductBackend.EJML;
        ProductBackend nativeBlas = nativeBackend();
        if (nativeBlas != null) {
            double t = time(nativeBlas);
            report.append(", ").append(nativeBlas.description()).append(' ').append(Math.round(t / 1e3)).append(" us");
            if (t * MIN_NATIVE_SPEEDUP <= ejml) {
                chosen = nativeBlas;
            }
        }
        if (chosen == ProductBackend.EJML) {
            ProductBackend javaBlas = javaBackend();
            if (javaBlas.description().contains("VectorBLAS")) {
                chosen = javaBlas;
            }
        }
        calibration = "measured on a " + SIZE + "x" + SIZE + " product: " + report;
        return chosen;
    }

    /**
     * What the automatic choice measured, for reports.
     *
     * @return the timings, or a note that nothing was measured (the choice was set by the property).
     */
    static String calibration() {
        largeProductBackend();
        return calibration;
    }

    /**
     * The fastest of the timed 192x192x192 products run within {@link #CALIBRATION_NANOS}
     * (the early runs let the JIT compile the kernel), in nanoseconds.
     */
    private static double time(ProductBackend backend) {
        Random random = new Random(1);
        DMatrixRMaj a = new DMatrixRMaj(SIZE, SIZE);
        DMatrixRMaj b = new DMatrixRMaj(SIZE, SIZE);
        DMatrixRMaj c = new DMatrixRMaj(SIZE, SIZE);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = random.nextDouble();
            b.data[i] = random.nextDouble();
        }
        long best = Long.MAX_VALUE;
        long deadline = System.nanoTime() + CALIBRATION_NANOS;
        for (int i = 0; i < 400 && (i < 5 || System.nanoTime() < deadline); i++) {
            long start = System.nanoTime();
            backend.gemm(false, false, a, b, 0, c);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    /**
     * netlib logs a WARNING with a stack trace for every implementation it fails to load;
     * Chainrule reports the backend it chose instead. Strong reference: loggers are weakly held.
     * A holder, so that java.util.logging starts up (tens of milliseconds in a fresh JVM) only
     * when a large product needs a BLAS, not when small products first run.
     */
    private static final class NetlibLog {
        static final Logger LOG = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
    }

    private static ProductBackend nativeBackend() {
        if (!NATIVE_MAY_LOAD) {
            return null;
        }
        Level previous = NetlibLog.LOG.getLevel();
        NetlibLog.LOG.setLevel(Level.OFF);
        try {
            BLAS blas = NativeBLAS.getInstance();
            String lib = System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
            return new BlasProductBackend(blas, "native BLAS (" + lib + " via JNI)");
        } catch (RuntimeException | LinkageError e) {
            return null;
        } finally {
            NetlibLog.LOG.setLevel(previous);
        }
    }

    /**
     * Whether loading netlib's native BLAS is worth trying. On Linux its JNI stub prints a line to
     * standard error when {@code dlopen} fails, which no logger can silence; so unless a library
     * path is given, it is tried only when a {@code libblas.so.3} (or the library named by
     * netlib's property) lies in a directory the loader searches: {@code LD_LIBRARY_PATH},
     * {@code java.library.path} or the system's library directories; otherwise netlib is told
     * not to try ({@code dev.ludovic.netlib.blas.allowNative=false}, unless the user set it).
     * Elsewhere it is always tried.
     */
    static boolean nativeLibraryMayLoad(String os, java.util.Properties properties, java.util.Map<String, String> env) {
        if (!os.toLowerCase(Locale.ROOT).contains("linux")
                || properties.getProperty("dev.ludovic.netlib.blas.nativeLibPath") != null) {
            return true;
        }
        String lib = properties.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
        List<String> dirs = new ArrayList<>();
        for (String path : new String[] {env.get("LD_LIBRARY_PATH"), properties.getProperty("java.library.path")}) {
            if (path != null) {
                dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
            }
        }
        String arch = properties.getProperty("os.arch", "");
        String multiarch = (arch.equals("amd64") ? "x86_64" : arch.equals("arm64") ? "aarch64" : arch) + "-linux-gnu";
        for (String root : new String[] {"/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib"}) {
            dirs.add(root + "/" + multiarch);
            dirs.add(root);
        }
        for (String dir : dirs) {
            if (!dir.isEmpty() && java.nio.file.Files.exists(java.nio.file.Path.of(dir, lib))) {
                return true;
            }
        }
        return false;
    }

    private static ProductBackend javaBackend() {
        Level previous = NetlibLog.LOG.getLevel();
        NetlibLog.LOG.setLevel(Level.OFF);
        try {
            BLAS blas = JavaBLAS.getInstance();
            String kind = blas.getClass().getSimpleName();
            String note = kind.equals("VectorBLAS") ? "Java Vector API" : "plain Java; add --add-modules jdk.incubator.vector for SIMD";
            return new BlasProductBackend(blas, "Java BLAS (" + kind + ", " + note + ")");
        } finally {
            NetlibLog.LOG.setLevel(previous);
        }
    }
}
