package io.atsbridge.adapter;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.atsbridge.platform.testing.ArchitectureRules;

import java.util.Arrays;

/**
 * adapter-service's main classes are cut along its seams, with dependencies in one direction ({@link AdapterSeams}):
 * <pre>
 *   AdapterApplication ──> config
 *   grpc, config ──> backfill ──> engine ──> outbound ──> connections ──> persistence (shared JDBC helpers)
 *                (a seam may use any seam to its right, none to its left)
 *   connections  connections, secrets, the declared connections and the vendor clients of stored connections
 *   engine       the inbox and its workers, the loop's steps and state machine, dead letters, conflicts, the audit
 *                relay, the assessments ATSs order from atsbridge as their partner
 *   outbound     subscribers and the signed delivery of the loop's events to them
 *   backfill     reading an ATS's applications into the engine's inbox
 * </pre>
 * Every seam keeps platform-kit's package rules ({@link ArchitectureRules}) inside itself, and the service keeps them
 * between its top packages (no cycle between seams).
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = {
        ImportOption.DoNotIncludeTests.class, ArchitectureRules.LeaveOutMicronautGenerated.class})
class ArchitectureTest {

    static final String ROOT = "io.atsbridge.adapter";

    /** No cycle between the seams and the top packages; grpc, if the service had one below the root, only translating. */
    @ArchTest
    static final ArchRule everyPlatformRule = ArchitectureRules.everyRule(ROOT);

    /** Inside each seam: no cycle between its packages, and its domain free of its persistence, the wire and proto. */
    @ArchTest
    static final ArchRule everyPlatformRuleInsideEachSeam = CompositeArchRule.of(Arrays.stream(AdapterSeams.SEAMS)
            .map(seam -> ArchitectureRules.everyRule(ROOT + "." + seam)).toList());

    @ArchTest
    static final ArchRule seamsInOneDirection = AdapterSeams.seamsInOneDirection(ROOT);

    @ArchTest
    static final ArchRule engineReachesOutboundOnlyThroughItsStorage =
            AdapterSeams.engineReachesOutboundOnlyThroughItsStorage(ROOT);

    @ArchTest
    static final ArchRule domainsReadNoConfigurationTablesOrWire = AdapterSeams.domainsReadNoConfigurationTablesOrWire(ROOT);

    @ArchTest
    static final ArchRule onlyConfigurationReadsConfiguration = AdapterSeams.onlyConfigurationReadsConfiguration(ROOT);

    @ArchTest
    static final ArchRule onlyPersistenceKnowsTheTables = AdapterSeams.onlyPersistenceKnowsTheTables(ROOT);
}
