package org.pactum;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of STYLE.md, kept true by the build. */
class ArchitectureTest {

    private static final JavaClasses PACTUM =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.pactum");

    private static final String[] FEATURES = {
        "org.pactum.partner..",
        "org.pactum.feed..",
        "org.pactum.agreement..",
        "org.pactum.ingest..",
        "org.pactum.release..",
        "org.pactum.demo..",
        "org.pactum.subject.."
    };

    @Test
    void pureLibrariesImportNoFrameworkTypes() {
        noClasses()
                .that()
                .resideInAnyPackage("org.pactum.pseudonym..", "org.pactum.disclosure..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..",
                        "io.quarkus..",
                        "io.smallrye..",
                        "io.vertx..",
                        "org.hibernate..")
                .allowEmptyShould(true)
                .check(PACTUM);
    }

    @Test
    void pureLibrariesDependOnNoOtherPactumPackage() {
        classes()
                .that()
                .resideInAnyPackage("org.pactum.pseudonym..", "org.pactum.disclosure..")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.pactum.partner..",
                        "org.pactum.feed..",
                        "org.pactum.agreement..",
                        "org.pactum.ingest..",
                        "org.pactum.release..",
                        "org.pactum.demo..",
                        "org.pactum.subject..",
                        "org.pactum.audit..",
                        "org.pactum.security..",
                        "org.pactum.problem..",
                        "org.pactum.platform..")
                .check(PACTUM);
    }

    @Test
    void infrastructureDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.pactum.audit..",
                        "org.pactum.security..",
                        "org.pactum.problem..",
                        "org.pactum.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .check(PACTUM);
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
                .resideOutsideOfPackages("org.pactum.demo..", "org.pactum.security..")
                .should()
                .dependOnClassesThat()
                .haveSimpleName("DemoIssuer")
                .check(PACTUM);
    }
}
