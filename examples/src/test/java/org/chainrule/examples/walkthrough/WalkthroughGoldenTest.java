package org.chainrule.examples.walkthrough;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.chainrule.graph.trace.Format;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins every lesson's plain-text output to {@code src/test/resources/golden/<lesson>.txt}.
 * A difference fails with the first differing line's number, the expected line and the
 * actual line.
 *
 * <p>To regenerate the golden files after an intended change, run from the worktree root
 * <pre>mvn -B -q -pl examples -am verify -Dchainrule.updateGolden=true</pre>
 * which rewrites {@code examples/src/test/resources/golden/*.txt} (the test then passes);
 * review the change with {@code git diff} before committing it.
 */
class WalkthroughGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("chainrule.updateGolden");
    private static final Path SOURCE = Paths.get("src", "test", "resources", "golden");

    static Stream<String> lessons() {
        return Walkthrough.lessons().stream().map(Lesson::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void lessonOutputMatchesItsGoldenFile(String lesson) throws IOException {
        String actual = Walkthrough.run(lesson, Format.TEXT);
        if (UPDATE) {
            Files.createDirectories(SOURCE);
            Files.writeString(SOURCE.resolve(lesson + ".txt"), actual, StandardCharsets.UTF_8);
            return;
        }
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/" + lesson + ".txt")) {
            assertNotNull(in, "no golden file golden/" + lesson + ".txt; generate it with -Dchainrule.updateGolden=true");
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertSameText(lesson, expected, actual);
    }

    /** Fails at the first differing line, naming it; package-visible so its own test can call it. */
    static void assertSameText(String lesson, String expected, String actual) {
        String[] want = expected.split("\n", -1);
        String[] got = actual.split("\n", -1);
        for (int i = 0; i < Math.min(want.length, got.length); i++) {
            if (!want[i].equals(got[i])) {
                Assertions.fail("golden/" + lesson + ".txt differs at line " + (i + 1) + ":\n  expected: " + want[i]
                        + "\n  actual:   " + got[i] + "\n(regenerate with -Dchainrule.updateGolden=true if intended)");
            }
        }
        assertEquals(want.length, got.length, "golden/" + lesson + ".txt: same lines, but expected " + want.length
                + " lines and got " + got.length);
    }
}
