package dev.chorus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the production code: dependencies point inward (telegram → command →
 * orchestration → provider, budget and the ports that store implements), there are no package cycles,
 * and each outside library stays in the one package that adapts it. The adapters that keep Jackson
 * out of orchestration ({@code dev.chorus.json}) and drawing out of the commands ({@code dev.chorus.chart})
 * are handed in by the wiring, so the packages they serve must not name them either.
 */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.chorus");
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().assignedFrom(packagesDirectlyUnder("dev.chorus")).should().beFreeOfCycles().check(production);
    }

    @Test
    void providerPackagesHaveNoCycles() {
        slices().assignedFrom(packagesDirectlyUnder("dev.chorus.provider")).should().beFreeOfCycles()
                .check(production);
    }

    @Test
    void orchestrationSeesNoStorageNoChatAndNoJson() {
        noClasses().that().resideInAPackage("dev.chorus.orchestration..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.chorus.store..", "dev.chorus.telegram..", "dev.chorus.command..", "dev.chorus.json..",
                        "com.fasterxml..", "java.awt..", "javax.imageio..", "org.telegram..")
                .check(production);
    }

    @Test
    void commandSeesNoTelegramAndDrawsNothing() {
        noClasses().that().resideInAPackage("dev.chorus.command..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.chorus.telegram..", "org.telegram..", "dev.chorus.chart..", "java.awt..",
                        "javax.imageio..", "org.jfree..")
                .check(production);
    }

    @Test
    void onlyTelegramTalksToTelegram() {
        noClasses().that().resideOutsideOfPackage("dev.chorus.telegram..")
                .should().dependOnClassesThat().resideInAPackage("org.telegram..")
                .check(production);
    }

    @Test
    void storeKnowsNothingOfCommandsOrTelegram() {
        noClasses().that().resideInAPackage("dev.chorus.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.chorus.command..", "dev.chorus.telegram..", "org.telegram..")
                .check(production);
    }

    @Test
    void onlyChartDraws() {
        noClasses().that().resideOutsideOfPackage("dev.chorus.chart..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jfree..", "java.awt..", "javax.imageio..")
                .check(production);
    }

    /**
     * One slice per package directly under {@code root}, sub-packages included, plus one for the classes
     * in {@code root} itself: the plain {@code root.(*)..} pattern leaves those out, and a cycle through
     * them (a sub-package calling back into its wiring class, say) would go unseen.
     */
    private static SliceAssignment packagesDirectlyUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (pkg.equals(root)) {
                    return SliceIdentifier.of(root + " (itself)");
                }
                if (!pkg.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String rest = pkg.substring(root.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(root + "." + (dot < 0 ? rest : rest.substring(0, dot)));
            }

            @Override
            public String getDescription() {
                return "the packages directly under " + root + " and " + root + " itself";
            }
        };
    }
}
