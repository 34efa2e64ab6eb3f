package org.assistx.gateway;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package rules: no cycles among the gateway's packages, the layers, pure packages stay pure, and errors are
 * typed.
 *
 * <p>Layers, top down: the adapters (web, SOAP, JMS ingress, the operations API and console, the partner
 * simulators), the application services (delivery, follow-ups, partners), the store (tracking, audit), and
 * the pure core (policy, division, mapping, crypto, envelope). A layer uses only the layers below it. Each
 * capability keeps its own settings ({@code *Properties}) and wiring ({@code *Configuration}); in the pure
 * core those two are the only classes that know Spring, and no core class uses them. Egress and periodic
 * jobs are Camel routes.
 */
@AnalyzeClasses(packages = "org.assistx.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {"..policy..", "..division..", "..mapping..", "..crypto..", "..envelope.."};

    /** Settings records and {@code @Configuration} classes: read by Spring, never by the code beside them. */
    private static final DescribedPredicate<JavaClass> WIRING = simpleNameEndingWith("Configuration")
            .or(simpleNameEndingWith("Properties")).as("settings and wiring");

    @ArchTest
    static final ArchRule pureCoreKnowsNoFrameworks = noClasses()
            .that(resideInAnyPackage(CORE).and(not(WIRING)))
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..",
                    "jakarta.servlet..", "jakarta.jms..")
            .because("policy, mapping, crypto and envelopes are plain Java, tested without a container");

    @ArchTest
    static final ArchRule pureCoreDoesNotUseItsWiring = noClasses()
            .that(resideInAnyPackage(CORE).and(not(WIRING)))
            .should().dependOnClassesThat(resideInAnyPackage(CORE).and(WIRING))
            .because("the core's settings and wiring are read by Spring only; the core takes plain values");

    /** The persistence boundary: the store (tracking, audit) and the repositories of a feature. */
    private static final DescribedPredicate<JavaClass> PERSISTENCE = resideInAnyPackage("..tracking..", "..audit..")
            .or(simpleNameEndingWith("Repository")).as("the store and repositories");

    @ArchTest
    static final ArchRule sqlOnlyUnderThePersistenceBoundary = noClasses()
            .that(not(PERSISTENCE).and(resideOutsideOfPackage("..simulator..")))
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "javax.sql..")
            .because("every SQL statement lives in a repository, where the at-rest sealing is applied once");

    /**
     * The at-rest sealing is applied in one place: repositories seal and open through
     * {@link org.assistx.gateway.tracking.SealedColumns}. The audit chain opens stored envelopes to hash them
     * (and its offline check builds its own cipher), so the audit package is the one other user.
     */
    @ArchTest
    static final ArchRule sealingOnlyThroughSealedColumns = noClasses()
            .that(resideOutsideOfPackage("..crypto..").and(resideOutsideOfPackage("..audit.."))
                    .and(not(JavaClass.Predicates.belongToAnyOf(org.assistx.gateway.tracking.SealedColumns.class))))
            .should().dependOnClassesThat().areAssignableTo(org.assistx.gateway.crypto.StoreCipher.class)
            .because("a payload column is sealed on write and opened on read in one place, not by each caller");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.assistx.gateway.(*)..")
            .should().beFreeOfCycles()
            .because("a newcomer changes one capability without dragging the others along");

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Adapters").definedBy("..ingress..", "..ops..", "..simulator..")
            .layer("Services").definedBy("..delivery..", "..followup..", "..partner..", "..federation..")
            .layer("Store").definedBy("..tracking..", "..audit..")
            .layer("Core").definedBy(CORE)
            .whereLayer("Adapters").mayNotBeAccessedByAnyLayer()
            .whereLayer("Services").mayOnlyBeAccessedByLayers("Adapters")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Adapters", "Services")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Adapters", "Services", "Store")
            .because("web and transport adapters call services, services use the store and the pure core");

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

    /**
     * One egress engine: everything the gateway sends out over HTTP (to partners, township callbacks, the
     * alert webhook) leaves through a Camel route with camel-http, under the routes' shared error handling and
     * metrics. No class of the gateway opens its own HTTP client — except the one place that reads
     * certificate revocation data ({@code crypto.CrlLocation}, which {@code crypto.OcspResponder} also uses):
     * a lookup inside a certificate check in the pure core, which sends nothing of the gateway's, has no outbox
     * and fails closed, so it is no egress. Likewise the read of the federation directory
     * ({@code federation.DirectoryService}): a GET of a signed public document, verified before use, that sends
     * nothing of the gateway's and falls back to the last good copy; its job is the route
     * {@code core-schedule-directory}.
     */
    @ArchTest
    static final ArchRule egressOnlyThroughCamelRoutes = noClasses()
            .that().doNotHaveFullyQualifiedName("org.assistx.gateway.crypto.CrlLocation")
            .and().doNotHaveFullyQualifiedName("org.assistx.gateway.crypto.OcspResponder")
            .and().doNotHaveFullyQualifiedName("org.assistx.gateway.federation.DirectoryService")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..")
            .because("egress is a Camel route (core-egress-*, core-transport-rest): shared error handling, "
                    + "route metrics and the console's view");

    /**
     * Periodic jobs are Camel {@code scheduler:} routes ({@code routes/core/core-schedules.camel.yaml}), visible
     * and metered like every other route, not Spring {@code @Scheduled} methods.
     */
    @ArchTest
    static final ArchRule noScheduledMethods = noMethods()
            .should().beAnnotatedWith("org.springframework.scheduling.annotation.Scheduled")
            .because("each periodic job is a scheduler: route in core-schedules.camel.yaml");
}
