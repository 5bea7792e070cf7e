package org.chainrule.graph;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * graph's packages import only downwards: the engine (this package) and the operations
 * ({@code ops}) form one layer, below the checker ({@code check}) and the teaching tools
 * ({@code trace}), which do not use each other. Read from the compiled classes, so a fully
 * qualified name counts as much as an import.
 */
class LayersTest {
    private static final String ROOT = "org.chainrule.graph";

    private static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("engine and operations").definedBy(ROOT, ROOT + ".ops")
                .layer("checker").definedBy(ROOT + ".check..")
                .layer("teaching tools").definedBy(ROOT + ".trace..")
                .whereLayer("checker").mayNotBeAccessedByAnyLayer()
                .whereLayer("teaching tools").mayNotBeAccessedByAnyLayer();
    }

    private static JavaClasses mainClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void theEngineAndTheOperationsImportNeitherTheCheckerNorTheTeachingTools() {
        JavaClasses classes = mainClasses();
        for (String suffix : new String[] {"", ".ops", ".check", ".trace"}) {
            assertTrue(classes.stream().anyMatch(c -> c.getPackageName().equals(ROOT + suffix)),
                    "the rule must see package " + ROOT + suffix);
        }
        layers().check(classes);
    }

    /** The rule can fail: an engine class that used the checker's catalogue (as ops did until 0.3.0) breaks it. */
    @Test
    void anOperationThatUsesTheCheckerBreaksTheRule() {
        JavaClasses classes = new ClassFileImporter().importClasses(OperationUsingTheChecker.class,
                org.chainrule.graph.check.GraphOperations.class, Node.class);
        AssertionError e = assertThrows(AssertionError.class, () -> layers().check(classes));
        assertTrue(e.getMessage().contains("OperationUsingTheChecker"), e.getMessage());
    }

    /** A stand-in for an engine class with an upward dependency; in this package, so in the engine's layer. */
    static final class OperationUsingTheChecker {
        int cases() {
            return org.chainrule.graph.check.GraphOperations.cases().size();
        }
    }
}
