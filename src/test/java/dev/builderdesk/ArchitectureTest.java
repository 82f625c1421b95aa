package dev.builderdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The allowed arrows of docs/architecture.md, enforced on the compiled main classes. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.builderdesk");
    }

    @Test
    void protocolDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.builderdesk.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.builderdesk.app..", "dev.builderdesk.ui..",
                        "dev.builderdesk.client..", "dev.builderdesk.server..", "dev.builderdesk.engine..",
                        "dev.builderdesk.tools..", "dev.builderdesk.providers..", "dev.builderdesk.store..",
                        "dev.builderdesk.workspace..")
                .check(classes);
    }

    @Test
    void clientAndServerNeverSeeEachOther() {
        noClasses().that().resideInAPackage("dev.builderdesk.client..")
                .should().dependOnClassesThat().resideInAPackage("dev.builderdesk.server..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage("dev.builderdesk.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.builderdesk.client..")
                .check(classes);
    }

    @Test
    void onlyTheUiAndTheCompositionRootTouchJavaFx() {
        noClasses().that().resideInAnyPackage("dev.builderdesk.protocol..", "dev.builderdesk.client..",
                        "dev.builderdesk.server..", "dev.builderdesk.engine..", "dev.builderdesk.tools..",
                        "dev.builderdesk.store..", "dev.builderdesk.workspace..", "dev.builderdesk.providers..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void theUiTalksOnlyToTheClientApi() {
        noClasses().that().resideInAPackage("dev.builderdesk.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.builderdesk.server..",
                        "dev.builderdesk.client.internal..", "dev.builderdesk.store..", "dev.builderdesk.engine..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void viewModelsHaveNoSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void theLowerRoomsDoNotReachUp() {
        noClasses().that().resideInAnyPackage("dev.builderdesk.store..", "dev.builderdesk.workspace..",
                        "dev.builderdesk.tools..", "dev.builderdesk.providers..", "dev.builderdesk.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.builderdesk.server..",
                        "dev.builderdesk.app..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.builderdesk.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.builderdesk.workspace..",
                        "dev.builderdesk.engine..", "dev.builderdesk.tools..", "dev.builderdesk.providers..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.builderdesk.providers..", "dev.builderdesk.tools..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.builderdesk.engine..",
                        "dev.builderdesk.store..")
                .check(classes);
    }

    @Test
    void okHttpStaysOutOfTheServerAndTheEngine() {
        noClasses().that().resideInAnyPackage("dev.builderdesk.server..", "dev.builderdesk.engine..",
                        "dev.builderdesk.tools..", "dev.builderdesk.store..", "dev.builderdesk.workspace..")
                .should().dependOnClassesThat().resideInAPackage("okhttp3..")
                .check(classes);
    }
}
