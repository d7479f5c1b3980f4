package uk.nhs.opd.pathway.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The contract module is framework-free so that any JVM producer or consumer can depend on it alone. */
@AnalyzeClasses(packages = "uk.nhs.opd.pathway.events", importOptions = ImportOption.DoNotIncludeTests.class)
class EventsArchitectureTest {

    @ArchTest
    static final ArchRule eventsDependOnNoFramework = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "javax.persistence..",
                    "org.axonframework..", "org.hibernate..", "org.apache.kafka..");
}
