package io.atsbridge.adapter;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The seams adapter-service is cut along, and the one direction their dependencies run in, for the classes under a
 * root package ({@code io.atsbridge.adapter}, or a fixture's root in {@code AdapterSeamsTest}):
 * <pre>
 *   grpc, config ──> backfill ──> engine ──> outbound ──> connections ──> persistence (shared JDBC helpers)
 * </pre>
 * A seam may use any seam to its right and none to its left. Inside each seam, STYLE's {@code grpc → domain ← persistence} holds
 * ({@code ArchitectureRules.everyRule} per seam), and its {@code config} is read only by configuration.
 */
final class AdapterSeams {

    static final String WIRE = "wire (grpc)";
    static final String CONFIGURATION = "configuration (config)";
    static final String BACKFILL = "backfill";
    static final String ENGINE = "inbox and engine (engine)";
    static final String OUTBOUND = "outbound delivery (outbound)";
    static final String CONNECTIONS = "connections";
    static final String STORAGE = "shared storage helpers (persistence)";

    /** The seams that have their own {@code domain}, {@code persistence} and {@code config} packages. */
    static final String[] SEAMS = {"connections", "engine", "outbound", "backfill"};

    private AdapterSeams() {
    }

    /**
     * Each seam uses only the seams below it: backfill puts events into the engine's inbox, the engine calls
     * vendors through connections and hands its subscribers' events to outbound, outbound signs with the
     * connections' cipher, and connections use nothing else. The wire and configuration sit on top; nothing uses them.
     */
    static ArchRule seamsInOneDirection(String root) {
        return Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer(WIRE).definedBy(root + ".grpc..")
                .layer(CONFIGURATION).definedBy(root + ".config..")
                .layer(BACKFILL).definedBy(root + ".backfill..")
                .layer(ENGINE).definedBy(root + ".engine..")
                .layer(OUTBOUND).definedBy(root + ".outbound..")
                .layer(CONNECTIONS).definedBy(root + ".connections..")
                .layer(STORAGE).definedBy(root + ".persistence..")
                .whereLayer(WIRE).mayNotBeAccessedByAnyLayer()
                .whereLayer(CONFIGURATION).mayNotBeAccessedByAnyLayer()
                .whereLayer(BACKFILL).mayOnlyBeAccessedByLayers(WIRE, CONFIGURATION)
                .whereLayer(ENGINE).mayOnlyBeAccessedByLayers(WIRE, CONFIGURATION, BACKFILL)
                .whereLayer(OUTBOUND).mayOnlyBeAccessedByLayers(CONFIGURATION, ENGINE)
                .whereLayer(CONNECTIONS).mayOnlyBeAccessedByLayers(WIRE, CONFIGURATION, BACKFILL, ENGINE, OUTBOUND)
                .whereLayer(STORAGE).mayOnlyBeAccessedByLayers(CONNECTIONS, ENGINE, OUTBOUND, BACKFILL)
                .because("a seam that used one above it would make both one seam in all but name")
                .allowEmptyShould(true);
    }

    /**
     * The engine's steps and its domain do not know outbound delivery: only the engine's storage writes a step's
     * subscriber events, in the transaction that stores the step (through {@code OutboundRows}).
     */
    static ArchRule engineReachesOutboundOnlyThroughItsStorage(String root) {
        return noClasses().that().resideInAPackage(root + ".engine..")
                .and().resideOutsideOfPackage(root + ".engine.persistence..")
                .should().dependOnClassesThat().resideInAPackage(root + ".outbound..")
                .because("a step's subscriber events are written with the step's audit records, in its transaction")
                .allowEmptyShould(true);
    }

    /** A seam's {@code domain} reads no configuration, no tables and not the wire. */
    static ArchRule domainsReadNoConfigurationTablesOrWire(String root) {
        return noClasses().that().resideInAPackage(root + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(root + "..config..", root + "..persistence..",
                        root + ".grpc..")
                .because("configuration and persistence build on a seam's domain, never the other way round")
                .allowEmptyShould(true);
    }

    /**
     * Configuration is read at the top: the declaration file's property classes ({@code config} of the service and of
     * each seam) are used only by configuration and the application's entry point.
     */
    static ArchRule onlyConfigurationReadsConfiguration(String root) {
        return noClasses().that().resideOutsideOfPackages(root + "..config..")
                .and().doNotHaveFullyQualifiedName(root + ".AdapterApplication")
                .should().dependOnClassesThat().resideInAPackage(root + "..config..")
                .because("configuration wires the seams; a seam that read it would depend on how it is declared")
                .allowEmptyShould(true);
    }

    /** Only the bean context puts persistence in: every other package reaches the tables through a seam's interface. */
    static ArchRule onlyPersistenceKnowsTheTables(String root) {
        return noClasses().that().resideOutsideOfPackage(root + "..persistence..")
                .should().dependOnClassesThat().resideInAPackage(root + "..persistence..")
                .because("each seam owns the interface its storage implements")
                .allowEmptyShould(true);
    }
}
