package dev.builderdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
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
 * The rooms of docs/architecture.md and what each may use (its allow-list, the "may use" column), enforced on the
 * compiled main classes, plus: no cycles between rooms, JavaFX only in the UI and the composition root, OkHttp only
 * behind the providers, the client's implementation and the composition root, view models without a scene graph,
 * and nothing on AWT (the package leaves out its native libraries).
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.builderdesk");
    }

    @Test
    void eachRoomUsesOnlyTheRoomsItsAllowListNames() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("protocol").definedBy("dev.builderdesk.protocol..")
                .layer("store").definedBy("dev.builderdesk.store..")
                .layer("workspace").definedBy("dev.builderdesk.workspace..")
                .layer("tools").definedBy("dev.builderdesk.tools..")
                .layer("providers").definedBy("dev.builderdesk.providers..")
                .layer("engine").definedBy("dev.builderdesk.engine..")
                .layer("client").definedBy("dev.builderdesk.client")
                .layer("client.internal").definedBy("dev.builderdesk.client.internal..")
                .layer("server").definedBy("dev.builderdesk.server..")
                .layer("compare").definedBy("dev.builderdesk.compare..")
                .layer("ui").definedBy("dev.builderdesk.ui..")
                .layer("app").definedBy("dev.builderdesk.app..", "dev.builderdesk")
                .whereLayer("protocol").mayNotAccessAnyLayer()
                .whereLayer("store").mayOnlyAccessLayers("protocol")
                .whereLayer("workspace").mayOnlyAccessLayers("store", "protocol")
                .whereLayer("tools").mayOnlyAccessLayers("workspace", "protocol")
                .whereLayer("providers").mayOnlyAccessLayers("protocol")
                .whereLayer("engine").mayOnlyAccessLayers("tools", "providers", "workspace", "protocol")
                .whereLayer("client").mayOnlyAccessLayers("protocol")
                .whereLayer("client.internal").mayOnlyAccessLayers("client", "protocol")
                .whereLayer("server").mayOnlyAccessLayers("engine", "tools", "providers", "workspace", "store",
                        "protocol")
                .whereLayer("compare").mayOnlyAccessLayers("client", "protocol")
                .whereLayer("ui").mayOnlyAccessLayers("compare", "client", "protocol")
                .check(classes);
    }

    @Test
    void noRoomDependsOnItselfThroughAnother() {
        slices().assignedFrom(ROOMS).should().beFreeOfCycles().check(classes);
    }

    /** A room is the package under dev.builderdesk; the client's implementation is a room of its own. */
    private static final SliceAssignment ROOMS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String name = c.getPackageName();
            if (!name.startsWith("dev.builderdesk.")) {
                return SliceIdentifier.ignore();
            }
            if (name.startsWith("dev.builderdesk.client.internal")) {
                return SliceIdentifier.of("client.internal");
            }
            return SliceIdentifier.of(name.substring("dev.builderdesk.".length()).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "rooms of dev.builderdesk";
        }
    };

    @Test
    void onlyTheUiAndTheCompositionRootTouchJavaFx() {
        noClasses().that().resideInAnyPackage("dev.builderdesk.protocol..", "dev.builderdesk.client..",
                        "dev.builderdesk.server..", "dev.builderdesk.engine..", "dev.builderdesk.tools..",
                        "dev.builderdesk.store..", "dev.builderdesk.workspace..", "dev.builderdesk.providers..",
                        "dev.builderdesk.compare..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void viewModelsHaveNoSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void nothingUsesAwtSwingImageIoOrSound() {
        // The package ships java.desktop's classes (javafx.base needs java.beans) but not AWT's native libraries.
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..", "javax.imageio..",
                        "javax.sound..", "javax.print..", "sun.awt..")
                .check(classes);
    }

    @Test
    void servicesTakeTypedRequestsAndNeverSeeHttp() {
        // Routes read bodies into protocol records (server.http.Bodies); the services under them never reach back
        // up into HTTP (issue 13). RunServer, which assembles the routes, is the one class of server above them.
        noClasses().that().resideInAnyPackage("dev.builderdesk.server.models..", "dev.builderdesk.server.apps..",
                        "dev.builderdesk.server.runs..", "dev.builderdesk.server.compare..",
                        "dev.builderdesk.server.events..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.builderdesk.server.http..", "io.javalin..",
                        "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void okHttpStaysBehindTheProvidersAndTheClientsImplementation() {
        // The composition root builds the one OkHttp client the providers share; nothing else sees OkHttp.
        noClasses().that().resideOutsideOfPackages("dev.builderdesk.providers..", "dev.builderdesk.client.internal..",
                        "dev.builderdesk.app..")
                .should().dependOnClassesThat().resideInAPackage("okhttp3..")
                .check(classes);
    }
}
