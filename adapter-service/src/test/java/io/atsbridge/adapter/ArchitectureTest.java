package io.atsbridge.adapter;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.atsbridge.platform.testing.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * adapter-service's main classes keep the package rules of platform-kit's {@link ArchitectureRules}, and the
 * direction of its seams (see each package's {@code package-info.java}):
 * <pre>
 *   AdapterApplication ──> config
 *   config      ──> sync, outbound, domain       (declares connections and subscribers, wires the engine)
 *   grpc        ──> sync, connector, domain      (translates; reaches storage only through the domain)
 *   sync        ──> connector, domain            (the inbox workers and the loop engine)
 *   connector   ──> domain
 *   outbound    ──> domain                       (delivery to subscribers; owns OutboundStore)
 *   persistence ──> outbound, domain             (implements OutboundStore and the domain's stores)
 *   domain      ──> nothing in the service       (owns ConnectionStore, Inbox, InboxQueue, LoopStore, ...)
 * </pre>
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = {
        ImportOption.DoNotIncludeTests.class, ArchitectureRules.LeaveOutMicronautGenerated.class})
class ArchitectureTest {

    static final String ROOT = "io.atsbridge.adapter";

    private static final String CONFIG = ROOT + ".config..";
    private static final String CONNECTOR = ROOT + ".connector..";
    private static final String DOMAIN = ROOT + ".domain..";
    private static final String GRPC = ROOT + ".grpc..";
    private static final String OUTBOUND = ROOT + ".outbound..";
    private static final String PERSISTENCE = ROOT + ".persistence..";
    private static final String SYNC = ROOT + ".sync..";

    @ArchTest
    static final ArchRule everyPlatformRule = ArchitectureRules.everyRule(ROOT);

    /** The core of every seam: connections, inbox, loop cases, audit entries, and the interfaces they are stored behind. */
    @ArchTest
    static final ArchRule domainDependsOnNoOtherPackage = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(CONFIG, CONNECTOR, GRPC, OUTBOUND, PERSISTENCE, SYNC)
            .because("every other package builds on the domain; it names none of them");

    /**
     * Outbound delivery reads what the engine recorded (audit entries, in the domain) and is stored behind its own
     * {@code OutboundStore}; it knows neither the engine, nor the tables, nor the wire.
     */
    @ArchTest
    static final ArchRule outboundDependsOnlyOnDomain = noClasses().that().resideInAPackage(OUTBOUND)
            .should().dependOnClassesThat().resideInAnyPackage(CONFIG, CONNECTOR, GRPC, PERSISTENCE, SYNC)
            .because("outbound delivery is its own seam: persistence implements its store, config declares its subscribers");

    /** The engine works on the domain's interfaces; the events it causes reach subscribers through the audit outbox. */
    @ArchTest
    static final ArchRule engineIndependentOfOutboundAndStorage = noClasses().that().resideInAPackage(SYNC)
            .should().dependOnClassesThat().resideInAnyPackage(CONFIG, OUTBOUND, PERSISTENCE)
            .because("the engine is configured and stored from outside, and outbound delivery is a seam of its own");

    /** Persistence only implements the stores the domain and outbound own. */
    @ArchTest
    static final ArchRule persistenceImplementsOnlyStores = noClasses().that().resideInAPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage(CONFIG, CONNECTOR, GRPC, SYNC)
            .because("persistence implements the interfaces of domain and outbound, and knows nothing above them");

    /**
     * Configuration is read at the top: it declares connections and subscribers and wires the engine, and nothing
     * below it reads a property class.
     */
    @ArchTest
    static final ArchRule onlyTheTopReadsConfiguration = noClasses().that().resideOutsideOfPackages(CONFIG)
            .and().doNotHaveFullyQualifiedName(ROOT + ".AdapterApplication")
            .should().dependOnClassesThat().resideInAPackage(CONFIG)
            .because("configuration wires the seams; a seam that read it would depend on how it is declared");

    /** Only the bean context puts persistence in: every other package reaches the tables through an interface. */
    @ArchTest
    static final ArchRule onlyPersistenceKnowsTheTables = noClasses().that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAPackage(PERSISTENCE)
            .because("each seam owns the interface its storage implements");

    /** The wire is the outermost layer. */
    @ArchTest
    static final ArchRule nothingDependsOnGrpc = noClasses().that().resideOutsideOfPackage(GRPC)
            .should().dependOnClassesThat().resideInAPackage(GRPC)
            .because("grpc translates for the service; nothing in the service depends on the wire");
}
