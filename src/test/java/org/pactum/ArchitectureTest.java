package org.pactum;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of STYLE.md, kept true by the build. Every package under org.pactum must be
 * classified below, and no rule may match nothing (ArchUnit fails an empty should by default), so a
 * renamed or new package cannot slip past them.
 */
class ArchitectureTest {

    static final JavaClasses PACTUM =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.pactum");

    /**
     * Features: business capabilities, reached from each other only through services and records.
     */
    static final List<String> FEATURES =
            List.of(
                    "partner",
                    "feed",
                    "agreement",
                    "ingest",
                    "release",
                    "demo",
                    "console",
                    "subject",
                    "cube");

    /** Infrastructure that every feature may use and that depends on no feature. */
    static final List<String> INFRASTRUCTURE =
            List.of("audit", "security", "problem", "platform", "http");

    /** Pure libraries: no framework, no other Pactum package. */
    static final List<String> PURE = List.of("pseudonym", "disclosure");

    private static final String[] FRAMEWORKS = {
        "jakarta..",
        "javax.persistence..",
        "io.quarkus..",
        "io.smallrye..",
        "org.eclipse.microprofile..",
        "io.agroal..",
        "org.jboss..",
        "com.fasterxml.jackson..",
        "io.vertx..",
        "org.hibernate..",
        "io.micrometer.."
    };

    static String[] packages(List<String> names) {
        return names.stream().map(n -> "org.pactum." + n + "..").toArray(String[]::new);
    }

    static ArchRule pureLibrariesImportNoFrameworkRule() {
        return noClasses()
                .that()
                .resideInAnyPackage(packages(PURE))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORKS);
    }

    static ArchRule pureLibrariesDependOnNoOtherPactumPackageRule() {
        return noClasses()
                .that()
                .resideInAnyPackage("org.pactum.pseudonym..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        packages(
                                Stream.of(FEATURES, INFRASTRUCTURE, List.of("disclosure"))
                                        .flatMap(List::stream)
                                        .toList()));
    }

    static ArchRule disclosureDependsOnNoOtherPactumPackageRule() {
        return noClasses()
                .that()
                .resideInAnyPackage("org.pactum.disclosure..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        packages(
                                Stream.of(FEATURES, INFRASTRUCTURE, List.of("pseudonym"))
                                        .flatMap(List::stream)
                                        .toList()));
    }

    static ArchRule infrastructureDependsOnNoFeatureRule() {
        return noClasses()
                .that()
                .resideInAnyPackage(packages(INFRASTRUCTURE))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packages(FEATURES));
    }

    static ArchRule noPackageCyclesRule() {
        // One edge is allowed: the boot entry point hands `java -jar pactum.jar verify-audit` to
        // the
        // audit package's offline verifier before Quarkus starts (it is the composition root).
        return slices().matching("org.pactum.(*)..")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(
                        org.pactum.platform.PactumMain.class,
                        org.pactum.audit.OfflineVerifier.class);
    }

    @Test
    void everyPackageIsClassified() {
        Set<String> actual =
                PACTUM.stream()
                        .map(JavaClass::getPackageName)
                        .filter(p -> p.startsWith("org.pactum."))
                        .map(p -> p.substring("org.pactum.".length()).split("\\.")[0])
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared =
                Stream.of(FEATURES, INFRASTRUCTURE, PURE)
                        .flatMap(List::stream)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).containsAll(actual);
        assertThat(actual).containsAll(declared);
    }

    @Test
    void pureLibrariesImportNoFrameworkTypes() {
        pureLibrariesImportNoFrameworkRule().check(PACTUM);
    }

    @Test
    void pureLibrariesDependOnNoOtherPactumPackage() {
        pureLibrariesDependOnNoOtherPactumPackageRule().check(PACTUM);
        disclosureDependsOnNoOtherPactumPackageRule().check(PACTUM);
    }

    @Test
    void infrastructureDependsOnNoFeature() {
        infrastructureDependsOnNoFeatureRule().check(PACTUM);
    }

    @Test
    void packagesHaveNoCycles() {
        noPackageCyclesRule().check(PACTUM);
    }

    @Test
    void entitiesNeverCrossHttp() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Resource")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(jakarta.persistence.Entity.class)
                .check(PACTUM);
    }

    @Test
    void resourcesReachOnlyServicesNotRepositories() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Resource")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .check(PACTUM);
    }

    @Test
    void onlyTheDemoPackageUsesTheDemoIssuer() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "org.pactum.demo..", "org.pactum.security..", "org.pactum.console..")
                .should()
                .dependOnClassesThat()
                .haveSimpleName("DemoIssuer")
                .check(PACTUM);
    }

    /** The rules guard: each fails on a deliberate violation planted in the test sources. */
    @Test
    void eachRuleFailsOnADeliberateViolation() {
        JavaClasses planted =
                new ClassFileImporter()
                        .importPackages(
                                "org.pactum.archfixture",
                                "org.pactum.disclosure.archfixture",
                                "org.pactum.platform.archfixture");
        assertThat(planted).isNotEmpty();
        for (ArchRule rule :
                Arrays.asList(
                        pureLibrariesImportNoFrameworkRule(),
                        disclosureDependsOnNoOtherPactumPackageRule(),
                        infrastructureDependsOnNoFeatureRule(),
                        noPackageCyclesRule())) {
            assertThatThrownBy(() -> rule.check(planted))
                    .as(rule.getDescription())
                    .isInstanceOf(AssertionError.class);
        }
    }
}
