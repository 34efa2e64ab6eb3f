package org.assistx.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package rules: pure packages stay pure, and errors are typed. */
@AnalyzeClasses(packages = "org.assistx.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule pureCoreKnowsNoFrameworks = noClasses()
            .that().resideInAnyPackage("..policy..", "..division..", "..mapping..", "..crypto..", "..envelope..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..",
                    "jakarta.servlet..", "jakarta.jms..")
            .because("policy, mapping, crypto and envelopes are plain Java, tested without a container");

    @ArchTest
    static final ArchRule noVanillaRuntimeExceptions = noClasses()
            .that().areNotAssignableTo(GatewayException.class)
            .should().callConstructor(RuntimeException.class, String.class)
            .orShould().callConstructor(RuntimeException.class, String.class, Throwable.class)
            .orShould().callConstructor(RuntimeException.class)
            .because("every deliberate error carries a stable code (GatewayException)");

    @ArchTest
    static final ArchRule simulatorsAreNotUsedByTheGateway = noClasses()
            .that().resideOutsideOfPackage("..simulator..")
            .should().dependOnClassesThat().resideInAPackage("..simulator..")
            .because("the simulators stand for partners outside the gateway");
}
