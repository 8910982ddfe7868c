package io.mendian.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;

/** The rules of ../shared/design/STYLE.md, enforced on the production classes. */
class ArchitectureTest {

    /** Shared infrastructure that every context may use. */
    private static final List<String> SHARED =
            List.of("tenancy", "identity", "web", "messaging", "privacy", "operations");

    private static final List<String> CONTEXTS = List.of(
            "platform",
            "store",
            "catalog",
            "inventory",
            "ordering",
            "payment",
            "membership",
            "promotion",
            "booking",
            "engagement",
            "analytics",
            "wechat");

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mendian");

    @Test
    void contextsTouchEachOtherOnlyThroughTheirRootPackage() {
        classes()
                .that()
                .resideInAPackage("io.mendian..")
                .should(onlyUseOtherContextsThroughTheirApi())
                .check(PRODUCTION);
    }

    /**
     * Platform's sub-contexts (registry, billing, miniapp, signup) own their resources ({@code api}) and entities
     * ({@code persistence}); another sub-context uses only the classes of their root package.
     */
    @Test
    void platformSubContextsUseEachOtherOnlyThroughTheirRootPackage() {
        classes()
                .that()
                .resideInAPackage("io.mendian.platform..")
                .should(onlyUseOtherSubContextsThroughTheirRoot())
                .check(PRODUCTION);
    }

    @Test
    void sharedInfrastructureDependsOnNoBusinessContext() {
        for (String shared : SHARED) {
            noClasses()
                    .that()
                    .resideInAPackage("io.mendian." + shared + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            CONTEXTS.stream().map(c -> "io.mendian." + c + "..").toArray(String[]::new))
                    .check(PRODUCTION);
        }
    }

    @Test
    void domainCodeImportsNoFrameworkTypes() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.ws.rs..",
                        "io.quarkus..",
                        "io.vertx..",
                        "io.smallrye.reactive.messaging..",
                        "org.eclipse.microprofile.reactive..")
                .allowEmptyShould(true)
                .check(PRODUCTION);
    }

    @Test
    void entitiesNeverReachTheApiLayer() {
        noClasses()
                .that()
                .resideInAPackage("..api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..persistence..")
                .check(PRODUCTION);
    }

    @Test
    void onlyTenancyResolvesTenants() {
        classes()
                .that()
                .implement(TenantResolver.class)
                .should()
                .resideInAPackage("io.mendian.tenancy")
                .check(PRODUCTION);
    }

    private static String contextOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith("io.mendian.")) {
            return null;
        }
        String rest = name.substring("io.mendian.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String subContextOf(String packageName) {
        String prefix = "io.mendian.platform.";
        if (!packageName.startsWith(prefix)) {
            return null;
        }
        String rest = packageName.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static ArchCondition<JavaClass> onlyUseOtherSubContextsThroughTheirRoot() {
        return new ArchCondition<>("use other platform sub-contexts only through their root package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = subContextOf(origin.getPackageName());
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    String targetPackage = dependency.getTargetClass().getPackageName();
                    String other = subContextOf(targetPackage);
                    if (other == null || other.equals(own)) {
                        return;
                    }
                    if (!targetPackage.equals("io.mendian.platform." + other)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }

    private static ArchCondition<JavaClass> onlyUseOtherContextsThroughTheirApi() {
        return new ArchCondition<>("use other contexts only through their root package (<Context>Api and events)") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = contextOf(origin);
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass();
                    String other = contextOf(target);
                    if (other == null || other.equals(own) || SHARED.contains(other)) {
                        return;
                    }
                    boolean throughRoot = target.getPackageName().equals("io.mendian." + other);
                    if (!throughRoot) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }
}
