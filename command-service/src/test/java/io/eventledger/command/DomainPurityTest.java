package io.eventledger.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain imports no JDBC, Kafka, HTTP, Jackson or meters, so it stays pure and testable. */
class DomainPurityTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eventledger.command", "io.eventledger.contract");

    @Test
    void domainDependsOnNoInfrastructure() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.eventledger.command.account..",
                        "io.eventledger.command.transfer..",
                        "io.eventledger.contract.event..",
                        "io.eventledger.contract.money..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "org.apache.kafka..",
                        "io.javalin..",
                        "com.fasterxml.jackson..",
                        "jakarta.servlet..",
                        "io.micrometer..")
                .check(classes);
    }
}
