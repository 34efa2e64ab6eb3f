package org.assistx.gateway.mapping;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Mapping is pure (CONVENTIONS habit 4): plain Java and Jackson, no framework, no network. */
class MappingPurityTest {

    private final JavaClasses mapping = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.assistx.gateway.mapping");

    @Test
    void no_camel_spring_or_jakarta_types() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel..", "org.springframework..", "jakarta..")
                .check(mapping);
    }

    @Test
    void opens_no_connection() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..")
                .because("a mapping reads what it is given; it never fetches anything (see SafeXml)")
                .check(mapping);
    }
}
