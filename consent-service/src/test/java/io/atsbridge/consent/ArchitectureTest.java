package io.atsbridge.consent;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.atsbridge.platform.testing.ArchitectureRules;

/** consent-service's main classes keep the package rules of platform-kit's {@link ArchitectureRules}. */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = {
        ImportOption.DoNotIncludeTests.class, ArchitectureRules.LeaveOutMicronautGenerated.class})
class ArchitectureTest {

    static final String ROOT = "io.atsbridge.consent";

    @ArchTest
    static final ArchRule packagesFreeOfCycles = ArchitectureRules.packagesFreeOfCycles(ROOT);

    // TODO(issue 24): check ArchitectureRules.domainIndependentOfPersistence(ROOT) here once it holds. Today
    // domain.ConsentLedger holds ConsentRepository and hands out ConsentRow; domain.ConsentPage carries
    // ConsentRow and domain.PolicyEngine decides on a List<ConsentRow>. Needs a domain consent record and a
    // store interface persistence implements.

    @ArchTest
    static final ArchRule domainIndependentOfGrpc = ArchitectureRules.domainIndependentOfGrpc(ROOT);

    @ArchTest
    static final ArchRule domainIndependentOfGeneratedProto = ArchitectureRules.domainIndependentOfGeneratedProto(ROOT);

    // TODO(issue 24): check ArchitectureRules.grpcOnlyTranslates(ROOT) here once it holds. Today
    // grpc.ConsentGrpcService.toProto(ConsentRow) translates the row ConsentLedger and ConsentPage hand
    // out; fixed with domainIndependentOfPersistence.

    @ArchTest
    static final ArchRule persistenceIndependentOfGrpc = ArchitectureRules.persistenceIndependentOfGrpc(ROOT);
}
