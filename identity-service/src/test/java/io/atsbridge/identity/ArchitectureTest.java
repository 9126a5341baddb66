package io.atsbridge.identity;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.atsbridge.platform.testing.ArchitectureRules;

/** identity-service's main classes keep the package rules of platform-kit's {@link ArchitectureRules}. */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = {
        ImportOption.DoNotIncludeTests.class, ArchitectureRules.LeaveOutMicronautGenerated.class})
class ArchitectureTest {

    static final String ROOT = "io.atsbridge.identity";

    @ArchTest
    static final ArchRule packagesFreeOfCycles = ArchitectureRules.packagesFreeOfCycles(ROOT);

    @ArchTest
    static final ArchRule domainIndependentOfPersistence = ArchitectureRules.domainIndependentOfPersistence(ROOT);

    @ArchTest
    static final ArchRule domainIndependentOfGrpc = ArchitectureRules.domainIndependentOfGrpc(ROOT);

    @ArchTest
    static final ArchRule domainIndependentOfGeneratedProto = ArchitectureRules.domainIndependentOfGeneratedProto(ROOT);

    @ArchTest
    static final ArchRule grpcOnlyTranslates = ArchitectureRules.grpcOnlyTranslates(ROOT);

    @ArchTest
    static final ArchRule persistenceIndependentOfGrpc = ArchitectureRules.persistenceIndependentOfGrpc(ROOT);
}
