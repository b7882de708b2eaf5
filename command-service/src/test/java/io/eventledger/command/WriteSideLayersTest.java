package io.eventledger.command;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The write side's dependencies point one way: http → handling → execution → idempotency and eventstore →
 * eventstore.chain. The store knows no command and no aggregate; nothing below http knows HTTP or auth.
 */
class WriteSideLayersTest {

    private static final String HTTP = "io.eventledger.command.http..";
    private static final String HANDLING = "io.eventledger.command.handling..";
    private static final String EXECUTION = "io.eventledger.command.execution..";
    private static final String IDEMPOTENCY = "io.eventledger.command.idempotency..";
    private static final String EVENTSTORE = "io.eventledger.command.eventstore..";
    private static final String DOMAIN_ACCOUNT = "io.eventledger.command.account..";
    private static final String DOMAIN_TRANSFER = "io.eventledger.command.transfer..";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eventledger.command");

    @Test
    void theStoreKnowsNoCommandNoAggregateAndNoHttp() {
        noClasses()
                .that()
                .resideInAnyPackage(EVENTSTORE, IDEMPOTENCY)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        HTTP,
                        HANDLING,
                        EXECUTION,
                        DOMAIN_ACCOUNT,
                        DOMAIN_TRANSFER,
                        "io.eventledger.platform..",
                        "io.javalin..")
                .check(classes);
    }

    @Test
    void executionKnowsNoAggregateAndNoHttp() {
        noClasses()
                .that()
                .resideInAPackage(EXECUTION)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        HTTP, HANDLING, DOMAIN_ACCOUNT, DOMAIN_TRANSFER, "io.eventledger.platform..", "io.javalin..")
                .check(classes);
    }

    @Test
    void handlingKnowsNoHttpAndNoAuth() {
        noClasses()
                .that()
                .resideInAPackage(HANDLING)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(HTTP, "io.eventledger.platform..", "io.javalin..")
                .check(classes);
    }

    /** Routes see the store only through its refusals (mapped to problems) and the key a client sends. */
    @Test
    void httpNeverReachesIntoTheStoreOrTheBatches() {
        DescribedPredicate<JavaClass> internals = resideInAnyPackage(EVENTSTORE, IDEMPOTENCY)
                .and(not(simpleNameEndingWith("Exception")))
                .and(not(simpleName("IdempotencyClaim")));
        noClasses()
                .that()
                .resideInAPackage(HTTP)
                .should()
                .dependOnClassesThat(internals)
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameStartingWith("Batch")
                .check(classes);
    }
}
