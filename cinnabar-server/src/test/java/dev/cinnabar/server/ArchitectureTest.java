package dev.cinnabar.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Layering rules inside the server module (the module boundaries themselves are enforced by Maven:
 * cinnabar-resp and cinnabar-engine cannot see the server).
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cinnabar");

    @Test
    void commandFamiliesDoNotTouchTheNetwork() {
        noClasses().that().resideInAPackage("dev.cinnabar.server.family..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty.channel..", "dev.cinnabar.server.net..")
                .check(CLASSES);
    }

    @Test
    void theNetworkLayerKnowsNoCommandFamily() {
        noClasses().that().resideInAPackage("dev.cinnabar.server.net..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cinnabar.server.family..")
                .check(CLASSES);
    }

    @Test
    void theEngineKnowsNeitherRespNorNetty() {
        noClasses().that().resideInAPackage("dev.cinnabar.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "dev.cinnabar.resp..", "dev.cinnabar.server..")
                .check(CLASSES);
    }

    @Test
    void theCommandTableDoesNotDependOnFamilies() {
        noClasses().that().resideInAPackage("dev.cinnabar.server.command..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cinnabar.server.family..", "dev.cinnabar.server.net..")
                .check(CLASSES);
    }
}
