package io.atsbridge.platform.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.atsbridge.platform.database.SqlFailures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule fails on a fixture that breaks it, naming the class and the dependency that break it and no
 * other, and passes on a fixture that keeps every rule (the fixtures are under {@code archfixture}).
 */
class ArchitectureRulesTest {

    private static final String FIXTURES = "io.atsbridge.platform.testing.archfixture";
    private static final String CLEAN = FIXTURES + ".clean";
    private static final String CYCLIC = FIXTURES + ".cyclic";
    private static final String LEAKY = FIXTURES + ".leaky";

    private static final JavaClasses CLEAN_CLASSES = new ClassFileImporter().importPackages(CLEAN);
    private static final JavaClasses CYCLIC_CLASSES = new ClassFileImporter().importPackages(CYCLIC);
    private static final JavaClasses LEAKY_CLASSES = new ClassFileImporter().importPackages(LEAKY);

    @Test
    void aCycleBetweenPackagesFailsNamingBothDirections() {
        assertThatThrownBy(() -> ArchitectureRules.packagesFreeOfCycles(CYCLIC).check(CYCLIC_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("<" + CYCLIC + ".domain.Policy.settings> has type <"
                        + CYCLIC + ".config.PolicySettings>")
                .hasMessageContaining("<" + CYCLIC + ".config.PolicySettings.policy()> calls constructor <"
                        + CYCLIC + ".domain.Policy.<init>(" + CYCLIC + ".config.PolicySettings)>");
    }

    @Test
    void domainUsingAPersistenceRowFails() {
        assertThatThrownBy(() -> ArchitectureRules.domainIndependentOfPersistence(LEAKY).check(LEAKY_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<" + LEAKY + ".domain.CandidateFinder.find(java.lang.String)> has return type <"
                        + LEAKY + ".persistence.CandidateRow>")
                .hasMessageNotContaining("CandidateCard")
                .hasMessageNotContaining("CandidateAlerts");
    }

    @Test
    void domainCallingIntoGrpcFails() {
        assertThatThrownBy(() -> ArchitectureRules.domainIndependentOfGrpc(LEAKY).check(LEAKY_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<" + LEAKY + ".domain.CandidateAlerts.lastSeen(" + LEAKY
                        + ".grpc.CandidateGrpcService)> calls method <" + LEAKY
                        + ".grpc.CandidateGrpcService.lastCandidateId()>")
                .hasMessageNotContaining("CandidateFinder")
                .hasMessageNotContaining("CandidateCard");
    }

    @Test
    void domainBuildingAGeneratedProtoMessageFails() {
        assertThatThrownBy(() -> ArchitectureRules.domainIndependentOfGeneratedProto(LEAKY).check(LEAKY_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<" + LEAKY + ".domain.CandidateCard.reference(java.lang.String)> has return type <"
                        + "io.atsbridge.proto.common.v1.ExternalRef>")
                .hasMessageNotContaining("CandidateFinder")
                .hasMessageNotContaining("CandidateAlerts");
    }

    @Test
    void grpcReadingAPersistenceRowFails() {
        assertThatThrownBy(() -> ArchitectureRules.grpcOnlyTranslates(LEAKY).check(LEAKY_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<" + LEAKY + ".grpc.CandidateGrpcService.last> has type <"
                        + LEAKY + ".persistence.CandidateRow>")
                .hasMessageNotContaining(".domain.");
    }

    @Test
    void persistenceUsingGrpcFails() {
        assertThatThrownBy(() -> ArchitectureRules.persistenceIndependentOfGrpc(LEAKY).check(LEAKY_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<" + LEAKY + ".persistence.CandidateRowWriter.write(" + LEAKY
                        + ".grpc.CandidateGrpcService, java.lang.String)> calls method <" + LEAKY
                        + ".grpc.CandidateGrpcService.lastCandidateId()>")
                .hasMessageNotContaining(".domain.");
    }

    @Test
    void aServiceKeepingThePackageRulesPassesEveryRule() {
        for (ArchRule rule : everyRule(CLEAN)) {
            assertThatCode(() -> rule.check(CLEAN_CLASSES)).as(rule.getDescription()).doesNotThrowAnyException();
        }
    }

    @Test
    void aRuleAboutAPackageTheServiceDoesNotHavePasses() {
        // The cyclic fixture has neither grpc nor persistence, as edge-gateway has no persistence.
        assertThatCode(() -> ArchitectureRules.persistenceIndependentOfGrpc(CYCLIC).check(CYCLIC_CLASSES))
                .doesNotThrowAnyException();
        assertThatCode(() -> ArchitectureRules.grpcOnlyTranslates(CYCLIC).check(CYCLIC_CLASSES))
                .doesNotThrowAnyException();
    }

    @Test
    void mainClassesAreTheShippedClassesTheirAuthorsWrote() {
        // What ships, not the shortcuts tests take; and not Micronaut's generated bean definitions, which
        // would report each violation of the class they describe a second time.
        assertThat(ArchitectureRules.mainClasses("io.atsbridge.platform.testing")).isEmpty();
        assertThat(ArchitectureRules.mainClasses(LEAKY)).isEmpty();
        // platform-kit's database package: SqlFailures, and MySqlConnectionDefaults with its bean definition.
        String database = "io.atsbridge.platform.database";
        assertThat(new ClassFileImporter().importPackages(database)).anyMatch(ArchitectureRulesTest::micronautGenerated);
        JavaClasses main = ArchitectureRules.mainClasses(database);
        assertThat(main.contain(SqlFailures.class)).isTrue();
        assertThat(main).noneMatch(ArchitectureRulesTest::micronautGenerated);
    }

    private static boolean micronautGenerated(JavaClass javaClass) {
        return javaClass.getName().contains(".$");
    }

    private static List<ArchRule> everyRule(String rootPackage) {
        return List.of(
                ArchitectureRules.packagesFreeOfCycles(rootPackage),
                ArchitectureRules.domainIndependentOfPersistence(rootPackage),
                ArchitectureRules.domainIndependentOfGrpc(rootPackage),
                ArchitectureRules.domainIndependentOfGeneratedProto(rootPackage),
                ArchitectureRules.grpcOnlyTranslates(rootPackage),
                ArchitectureRules.persistenceIndependentOfGrpc(rootPackage));
    }

    @Test
    void everyRuleTogetherFailsOnEachBrokenRuleAndPassesOnTheCleanFixture() {
        assertThatThrownBy(() -> ArchitectureRules.everyRule(LEAKY).check(LEAKY_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(LEAKY + ".persistence.CandidateRow")
                .hasMessageContaining(LEAKY + ".grpc.CandidateGrpcService.lastCandidateId()")
                .hasMessageContaining("io.atsbridge.proto.common.v1.ExternalRef");
        assertThatThrownBy(() -> ArchitectureRules.everyRule(CYCLIC).check(CYCLIC_CLASSES))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
        assertThatCode(() -> ArchitectureRules.everyRule(CLEAN).check(CLEAN_CLASSES)).doesNotThrowAnyException();
    }
}
