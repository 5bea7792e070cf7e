package org.chainrule.testing;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.chainrule.core.ChainruleException;

/**
 * The contract of a file reader under fuzzing, checked one {@link Mutation} at a time: the
 * read either succeeds or throws one of the reader's documented exceptions, whose message is
 * a single non-blank line; anything else — an undocumented exception such as
 * {@code IndexOutOfBoundsException}, {@code NegativeArraySizeException} or
 * {@code NumberFormatException}, or an error such as {@code OutOfMemoryError} — fails with
 * the mutation, the seed and the thrown exception as the cause. It also counts both verdicts,
 * so that a property can show it exercised each: a fuzz in which every file is refused (or
 * every file read) tests less than it seems to.
 *
 * <pre>{@code
 * ReaderVerdicts verdicts = new ReaderVerdicts(MyFormatException.class);
 * Theories.qt(300).forAll(FileMutations.of(sample)).checkAssert(m ->
 *     verdicts.read(m, () -> MyReader.read(m.writeTo(file))).ifPresent(read -> checkConsistent(read)));
 * verdicts.assertBothSeen(20);
 * }</pre>
 */
public final class ReaderVerdicts {
    private final List<Class<?>> documented;
    private int accepted;
    private int refused;

    /**
     * A tally for a reader that documents the given exceptions.
     *
     * @param documented the exception types the reader may throw for a bad file, at least one.
     * @throws ChainruleException if there is none, one is null or one is not an exception type.
     */
    public ReaderVerdicts(Class<?>... documented) {
        ChainruleException.requireNonNull(documented, "reader verdicts: documented exceptions");
        this.documented = List.of(documented);
        if (this.documented.isEmpty() || this.documented.stream().anyMatch(t -> !Throwable.class.isAssignableFrom(t))) {
            throw new ChainruleException("reader verdicts: name at least one documented exception type, not "
                    + this.documented);
        }
    }

    /**
     * Reads one mutated file.
     *
     * @param <T> what the reader returns.
     * @param mutation the file being read, for failure messages.
     * @param reader reads it; must not return null.
     * @return what was read, or empty if the reader refused the file as documented.
     * @throws AssertionError if the reader threw anything else, or a documented exception with
     *     a blank or multi-line message, or returned null.
     */
    public <T> Optional<T> read(Mutation mutation, Supplier<T> reader) {
        T result;
        try {
            result = reader.get();
        } catch (Throwable thrown) { // errors too: an OutOfMemoryError is a failure of the reader
            if (documented.stream().noneMatch(type -> type.isInstance(thrown))) {
                throw failure(mutation, "threw " + thrown + ", not one of the documented " + names(), thrown);
            }
            String message = thrown.getMessage();
            if (message == null || message.isBlank() || message.contains("\n") || message.contains("\r")) {
                throw failure(mutation, "refused it with a message that is not one non-blank line: " + thrown,
                        thrown);
            }
            refused++;
            return Optional.empty();
        }
        if (result == null) {
            throw failure(mutation, "returned null", null);
        }
        accepted++;
        return Optional.of(result);
    }

    /**
     * Loads one mutated file, for readers that return nothing (a load into a model).
     *
     * @param mutation the file being read, for failure messages.
     * @param load loads it.
     * @return true if it was accepted, false if refused as documented.
     * @throws AssertionError as for {@link #read(Mutation, Supplier)}.
     */
    public boolean load(Mutation mutation, Runnable load) {
        return read(mutation, () -> {
            load.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    /**
     * How many mutated files were read.
     *
     * @return the count of accepted files.
     */
    public int accepted() {
        return accepted;
    }

    /**
     * How many mutated files were refused as documented.
     *
     * @return the count of refused files.
     */
    public int refused() {
        return refused;
    }

    /**
     * Checks that the fuzz exercised both verdicts.
     *
     * @param atLeast how many of each are required.
     * @throws AssertionError if fewer files were accepted or refused.
     */
    public void assertBothSeen(int atLeast) {
        if (accepted < atLeast || refused < atLeast) {
            throw new AssertionError("[" + Theories.SEED_PROPERTY + "=" + Theories.seed() + "] the fuzz must exercise"
                    + " both verdicts, at least " + atLeast + " each: " + this);
        }
    }

    private String names() {
        return documented.stream().map(Class::getSimpleName).toList().toString();
    }

    private static AssertionError failure(Mutation mutation, String what, Throwable cause) {
        return new AssertionError("[" + Theories.SEED_PROPERTY + "=" + Theories.seed() + "] " + mutation
                + ": the reader " + what, cause);
    }

    /** The tally, e.g. {@code 120 read, 180 refused}. */
    @Override
    public String toString() {
        return accepted + " read, " + refused + " refused";
    }
}
