package io.atsbridge.platform.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of a service's code (STYLE.md, "Packages per service"), for a service whose classes live
 * under one root package such as {@code io.atsbridge.identity}, in {@code grpc}, {@code domain},
 * {@code persistence} and {@code config} below it: {@code grpc} only translates between proto and domain,
 * {@code domain} holds the logic and knows neither the wire nor the tables, {@code persistence} holds records and
 * repositories and implements with them the store interfaces the domain defines, and no two packages depend on each
 * other in a circle.
 *
 * <p>Each service module's {@code ArchitectureTest} checks them all on its main classes ({@link #everyRule}), and adds
 * the rules of its own layout beside it:
 * <pre>{@code
 * @AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = {
 *         ImportOption.DoNotIncludeTests.class, ArchitectureRules.LeaveOutMicronautGenerated.class})
 * class ArchitectureTest {
 *     static final String ROOT = "io.atsbridge.identity";
 *
 *     @ArchTest
 *     static final ArchRule everyPlatformRule = ArchitectureRules.everyRule(ROOT);
 * }
 * }</pre>
 * Every service keeps every rule. A rule about a package the service does not have (edge-gateway has
 * no {@code persistence}) passes.
 */
public final class ArchitectureRules {

    /** The classes protoc and protoc-gen-grpc-java generate from the contracts (module proto). */
    static final String GENERATED_PROTO = "io.atsbridge.proto..";

    private ArchitectureRules() {
    }

    /**
     * The main (not test) classes under {@code rootPackage} as their authors wrote them (see
     * {@link LeaveOutMicronautGenerated}), for checking rules outside an {@code @AnalyzeClasses} test.
     */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(new LeaveOutMicronautGenerated())
                .importPackages(rootPackage);
    }

    /** Every rule of this class for the service under {@code rootPackage}, checked as one; a failure names each rule broken. */
    public static ArchRule everyRule(String rootPackage) {
        return CompositeArchRule.of(packagesFreeOfCycles(rootPackage))
                .and(domainIndependentOfPersistence(rootPackage))
                .and(domainIndependentOfGrpc(rootPackage))
                .and(domainIndependentOfGeneratedProto(rootPackage))
                .and(grpcOnlyTranslates(rootPackage))
                .and(persistenceIndependentOfGrpc(rootPackage));
    }

    /**
     * The packages right below {@code rootPackage} ({@code grpc}, {@code domain}, ...) depend on each other
     * without a cycle, so each can be understood, tested and moved on its own.
     */
    public static ArchRule packagesFreeOfCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").namingSlices(rootPackage + ".$1")
                .should().beFreeOfCycles()
                .because("a cycle between packages makes them one package in all but name");
    }

    /** {@code domain} uses no class of {@code persistence}: records and repositories stay behind the domain. */
    public static ArchRule domainIndependentOfPersistence(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + ".domain..")
                .should().dependOnClassesThat().resideInAPackage(rootPackage + ".persistence..")
                .because("domain holds the logic; how it is stored is persistence's business")
                .allowEmptyShould(true);
    }

    /** {@code domain} uses no class of the service's {@code grpc} package. */
    public static ArchRule domainIndependentOfGrpc(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + ".domain..")
                .should().dependOnClassesThat().resideInAPackage(rootPackage + ".grpc..")
                .because("grpc translates for the domain, never the other way round")
                .allowEmptyShould(true);
    }

    /** {@code domain} uses no generated proto class ({@code io.atsbridge.proto..}): the contract is grpc's. */
    public static ArchRule domainIndependentOfGeneratedProto(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + ".domain..")
                .should().dependOnClassesThat().resideInAPackage(GENERATED_PROTO)
                .because("domain never imports generated proto classes; grpc translates between them")
                .allowEmptyShould(true);
    }

    /**
     * {@code grpc} only translates: it reaches what is stored through the domain, never through
     * {@code persistence}'s records and repositories, JDBC, Micronaut Data or transactions.
     */
    public static ArchRule grpcOnlyTranslates(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + ".grpc..")
                .should().dependOnClassesThat().resideInAnyPackage(rootPackage + ".persistence..",
                        "java.sql..", "javax.sql..", "io.micronaut.data..", "io.micronaut.transaction..")
                .because("grpc translates between proto and domain; storing is behind the domain")
                .allowEmptyShould(true);
    }

    /** {@code persistence} uses no class of the service's {@code grpc} package. */
    public static ArchRule persistenceIndependentOfGrpc(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + ".persistence..")
                .should().dependOnClassesThat().resideInAPackage(rootPackage + ".grpc..")
                .because("what is stored does not depend on the wire format")
                .allowEmptyShould(true);
    }

    /**
     * Leaves out the classes Micronaut's annotation processors write beside a bean or introspected type
     * ({@code $IdentityDirectory$Definition}, {@code $CandidateRow$Introspection}, ...): they only repeat the
     * dependencies of the class they describe, so each violation would be reported twice, once for a class
     * nobody can edit.
     */
    public static final class LeaveOutMicronautGenerated implements ImportOption {

        private static final Pattern GENERATED = Pattern.compile(".*/\\$[^/]*\\.class$");

        @Override
        public boolean includes(Location location) {
            return !location.matches(GENERATED);
        }
    }
}
