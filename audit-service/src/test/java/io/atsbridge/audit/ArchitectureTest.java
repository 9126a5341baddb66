package io.atsbridge.audit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.atsbridge.platform.testing.ArchitectureRules;

/** audit-service's main classes keep the package rules of platform-kit's {@link ArchitectureRules}. */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = {
        ImportOption.DoNotIncludeTests.class, ArchitectureRules.LeaveOutMicronautGenerated.class})
class ArchitectureTest {

    static final String ROOT = "io.atsbridge.audit";

    @ArchTest
    static final ArchRule everyPlatformRule = ArchitectureRules.everyRule(ROOT);

    /** Bias audits are a seam of their own with the same layers: io.atsbridge.audit.bias.{domain,persistence,grpc}. */
    @ArchTest
    static final ArchRule everyPlatformRuleOfBiasAudits = ArchitectureRules.everyRule(ROOT + ".bias");
}
