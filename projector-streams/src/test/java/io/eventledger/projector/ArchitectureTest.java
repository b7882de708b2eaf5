package io.eventledger.projector;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.eventledger.command.eventstore.LedgerSchema;
import org.junit.jupiter.api.Test;

/**
 * The pipeline stages stay apart: the topology is pure, and no stage reaches back into the wiring.
 * Plain {@code @Test} methods, not {@code @ArchTest} fields: Surefire 3.5.3 silently skips the fields
 * (TNG/ArchUnit#1442).
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eventledger.projector");

    /** What a pure stage may not touch: HTTP, JDBC, Redis, outgoing HTTP, the query and mirror stages. */
    private static final String[] NO_IO_NO_SERVING = {
        "io.javalin..",
        "java.sql..",
        "javax.sql..",
        "io.lettuce..",
        "java.net.http..",
        "io.eventledger.projector.query..",
        "io.eventledger.projector.mirror.."
    };

    @Test
    void topologyIsPure() {
        noClasses()
                .that()
                .resideInAPackage("io.eventledger.projector.topology..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(NO_IO_NO_SERVING)
                .check(CLASSES);
    }

    @Test
    void queriesDoNotTouchTheMirrors() {
        noClasses()
                .that()
                .resideInAPackage("io.eventledger.projector.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.eventledger.projector.mirror..", "java.sql..", "io.lettuce..")
                .check(CLASSES);
    }

    @Test
    void mirrorsDoNotServeHttp() {
        noClasses()
                .that()
                .resideInAPackage("io.eventledger.projector.mirror..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "io.eventledger.projector.query..")
                .check(CLASSES);
    }

    @Test
    void stagesDoNotDependOnTheWiring() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.eventledger.projector.topology..",
                        "io.eventledger.projector.query..",
                        "io.eventledger.projector.mirror..",
                        "io.eventledger.projector.replay..",
                        "io.eventledger.projector.reconcile..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.eventledger.projector")
                .check(CLASSES);
    }

    @Test
    void replayOnlyTalksToKafka() {
        noClasses()
                .that()
                .resideInAPackage("io.eventledger.projector.replay..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(NO_IO_NO_SERVING)
                .check(CLASSES);
    }

    @Test
    void theProjectorNeverNeedsCommandServiceAtRuntime() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.eventledger.command..")
                .check(CLASSES);
    }

    /**
     * command-service is a test dependency for schema {@code ledger} only: a test that needs the real
     * command-service belongs in system-tests.
     */
    @Test
    void theTestsUseCommandServiceOnlyForItsSchema() {
        noClasses()
                .should()
                .dependOnClassesThat(
                        resideInAPackage("io.eventledger.command..").and(not(equivalentTo(LedgerSchema.class))))
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                        .importPackages("io.eventledger.projector"));
    }
}
