package org.chainrule.examples.gallery;

import java.util.List;

/** Every network of the gallery, in the order {@code chainrule gallery --list} shows them. */
public final class Gallery {
    private Gallery() {
    }

    /**
     * Fresh instances of every gallery network, at their seeded starting weights.
     *
     * @return the networks.
     */
    public static List<GalleryNetwork> networks() {
        return List.of(new TiedAutoencoder(), new ResidualMlp(), new EmbeddingClassifier(), new SelfAttention(), new ElmanRnn(),
                new MaxPoolingConv());
    }
}
