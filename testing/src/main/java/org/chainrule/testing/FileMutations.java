package org.chainrule.testing;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators of damaged files, for fuzzing a file reader: each value is a
 * {@link Mutation} of one of a few valid sample files — bytes or bits flipped, the file cut
 * short or extended, a run of bytes spliced in from elsewhere, a length-like field
 * overwritten with an extreme value — that prints what was done and its seed.
 *
 * <pre>{@code
 * Theories.qt(300).forAll(FileMutations.of(SampleFile.of(valid))).checkAssert(m -> {
 *     Path file = m.writeTo(dir.resolve("damaged"));
 *     try {
 *         MyReader.read(file);                  // may succeed: then check what it read
 *     } catch (MyFormatException e) {           // the only exception it documents
 *         assertFalse(e.getMessage().contains("\n"), m + ": " + e.getMessage());
 *     }
 * });
 * }</pre>
 */
public final class FileMutations {
    private FileMutations() {
    }

    /**
     * Mutations of the given samples, each sample equally likely to be the one changed.
     *
     * @param samples the valid files, at least one.
     * @return the generator.
     * @throws ChainruleException if {@code samples} is null or empty or holds a null.
     */
    public static Gen<Mutation> of(SampleFile... samples) {
        ChainruleException.requireNonNull(samples, "file mutations: samples");
        return of(List.of(samples));
    }

    /**
     * Mutations of the given samples, each sample equally likely to be the one changed.
     *
     * @param samples the valid files, at least one. Not modified.
     * @return the generator.
     * @throws ChainruleException if {@code samples} is null or empty or holds a null.
     */
    public static Gen<Mutation> of(List<SampleFile> samples) {
        ChainruleException.requireNonNull(samples, "file mutations: samples");
        List<SampleFile> files = List.copyOf(samples);
        if (files.isEmpty()) {
            throw new ChainruleException("file mutations: no sample files to mutate");
        }
        Gen<Mutation> gen = in -> {
            int target = (int) in.next(Constraint.between(0, files.size() - 1));
            return Mutation.random(files, target, in.next(Constraint.none()));
        };
        return gen.describedAs(Mutation::toString);
    }
}
