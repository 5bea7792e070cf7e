package org.chainrule.benchmarks;

import org.chainrule.core.Products;

/** Prints which implementation computes large matrix products in this JVM, for benchmark reports. */
public final class ProductsReport {
    private ProductsReport() {
    }

    /**
     * Prints the product backend.
     *
     * @param args ignored.
     */
    public static void main(String[] args) {
        System.out.println("matrix products: " + Products.backend() + " for large products, Java loops for small ones; java " + System.getProperty("java.version"));
    }
}
