package uk.nhs.opd.pathway.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The read side knows the event contract only: never the command side, never Axon. */
@AnalyzeClasses(packages = "uk.nhs.opd.pathway.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QueryServiceArchitectureTest {

    @ArchTest
    static final ArchRule queryServiceNeverImportsCommandService = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("uk.nhs.opd.pathway.command..", "org.axonframework..");

    @ArchTest
    static final ArchRule readModelsDoNotDependOnEachOther = noClasses().that().resideInAPackage("..journey..")
            .should().dependOnClassesThat().resideInAPackage("..services..");
}
