package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written by Chainrule 0.2.0's {@code train --save} (the fixtures in {@code v020/}, made
 * by {@code scripts/fixtures-0.2.0/make.sh}: a CSV regression with early stopping and a
 * playground classifier) load and resume with today's code exactly as they did with 0.2.0:
 * {@code --resume} writes the same model file, byte for byte, and prints the same report, and
 * {@code predict} with the saved model writes the same predictions.
 */
class Version020FilesTest {
    private static final String FIXTURES = "/org/chainrule/examples/v020/";
    /** The options whose values are files, resolved in the test's folder. */
    private static final Set<String> FILE_OPTIONS = Set.of("--csv", "--out", "--save", "--resume", "--model");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"houses", "xor"})
    void aModelSavedByVersion020ResumesBitForBit(String name) throws IOException {
        if (name.equals("houses")) {
            copy("houses.csv");
        }
        Files.write(dir.resolve(name + "-resumed.model"), resource(name + ".model"));
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(text(name + ".flags").split("\n")));
        args.addAll(List.of("--epochs", "5", "--resume", name + "-resumed.model"));

        Console console = new Console();
        assertEquals(0, console.run(inFolder(args)), console.both());

        assertEquals(withoutProducts(text(name + "-resume.out")),
                withoutProducts(console.out().replace(dir + "/", "")), "what the resumed run prints");
        assertArrayEquals(resource(name + "-resumed.model"), Files.readAllBytes(dir.resolve(name + "-resumed.model")),
                "the model file after the resumed epochs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"houses", "xor"})
    void aModelSavedByVersion020PredictsAsItDid(String name) throws IOException {
        String data = name.equals("houses") ? "houses.csv" : "points.csv";
        copy(data);
        copy(name + ".model");
        Console console = new Console();
        assertEquals(0, console.run(inFolder(List.of("predict", "--model", name + ".model", "--csv", data, "--out",
                "predictions.csv"))), console.both());
        assertEquals(text(name + "-predictions.csv"), Files.readString(dir.resolve("predictions.csv")));
    }

    /** The arguments with every file option's value in the test's folder. */
    private String[] inFolder(List<String> args) {
        String[] out = args.toArray(new String[0]);
        for (int i = 1; i < out.length; i++) {
            if (FILE_OPTIONS.contains(out[i - 1])) {
                out[i] = dir.resolve(out[i]).toString();
            }
        }
        return out;
    }

    /** The report without its first line, which names this machine's BLAS. */
    private static String withoutProducts(String report) {
        return report.lines().filter(line -> !line.startsWith("products: ")).reduce("", (a, b) -> a + b + "\n");
    }

    private void copy(String name) throws IOException {
        Files.write(dir.resolve(name), resource(name));
    }

    private static String text(String name) throws IOException {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Version020FilesTest.class.getResourceAsStream(FIXTURES + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + FIXTURES + name);
            }
            return in.readAllBytes();
        }
    }
}
