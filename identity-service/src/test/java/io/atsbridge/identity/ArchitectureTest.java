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

    // TODO(issue 24): check ArchitectureRules.domainIndependentOfPersistence(ROOT) here once it holds. Today
    // domain.IdentityDirectory holds CandidateRepository, ApplicationRepository, ExternalLinkRepository and
    // RequisitionRepository and works on their rows; domain.Resolution carries CandidateRow and ApplicationRow,
    // domain.LinkPage ExternalLinkRow. Needs domain values and a store interface persistence implements.

    @ArchTest
    static final ArchRule domainIndependentOfGrpc = ArchitectureRules.domainIndependentOfGrpc(ROOT);

    @ArchTest
    static final ArchRule domainIndependentOfGeneratedProto = ArchitectureRules.domainIndependentOfGeneratedProto(ROOT);

    // TODO(issue 24): check ArchitectureRules.grpcOnlyTranslates(ROOT) here once it holds. Today
    // grpc.IdentityGrpcService translates CandidateRow, ApplicationRow and ExternalLinkRow (what
    // Resolution, LinkPage and IdentityDirectory hand out) into proto; fixed with domainIndependentOfPersistence.

    @ArchTest
    static final ArchRule persistenceIndependentOfGrpc = ArchitectureRules.persistenceIndependentOfGrpc(ROOT);
}
