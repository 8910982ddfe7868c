package io.mendian.platform.signup;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.platform.registry.BrandRecords;
import io.mendian.platform.signup.persistence.SignupJobEntity;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;

/** The rules a signup must pass, shared by the endpoint (fast feedback) and the saga's VALIDATE step. */
@ApplicationScoped
public class SignupRules {

    /** Slugs that would collide with routes, system schemas or our own names, or mislead users. */
    static final Set<String> RESERVED = Set.of(
            "admin",
            "administrator",
            "api",
            "app",
            "apps",
            "auth",
            "billing",
            "console",
            "dev",
            "help",
            "hq",
            "keycloak",
            "login",
            "logout",
            "mail",
            "master",
            "mendian",
            "null",
            "undefined",
            "operator",
            "platform",
            "public",
            "root",
            "sandbox",
            "shop",
            "signup",
            "static",
            "staff",
            "store",
            "stores",
            "support",
            "system",
            "test",
            "www",
            "no-tenant",
            "postgres",
            "information-schema",
            "pg-catalog",
            "wechat",
            "weixin");

    private final ProvisioningCatalog catalog;
    private final BrandRecords brands;

    public SignupRules(ProvisioningCatalog catalog, BrandRecords brands) {
        this.brands = brands;
        this.catalog = catalog;
    }

    public void checkSlugShape(String slug) {
        if (!TenantId.isValid(slug)) {
            throw ProblemException.badRequest(
                    "invalid-slug", "slug must be 3-31 lower-case letters, digits or hyphens, starting with a letter");
        }
        if (slug.endsWith("-") || slug.contains("--")) {
            throw ProblemException.badRequest(
                    "invalid-slug", "slug must not end with a hyphen or contain two in a row");
        }
        if (RESERVED.contains(slug) || slug.startsWith("pg-")) {
            throw ProblemException.conflict("slug-reserved", "slug " + slug + " is reserved; choose another")
                    .with("slug", slug);
        }
    }

    /** Uniqueness against registered brands and signups in flight (the unique index settles races). */
    public void checkSlugFree(String slug) {
        if (brands.exists(slug)
                || SignupJobEntity.count("tenantId = ?1 and status <> ?2", slug, SignupJobEntity.Status.ABANDONED)
                        > 0) {
            throw ProblemException.conflict("slug-taken", "slug " + slug + " is already taken; choose another")
                    .with("slug", slug);
        }
    }

    /** The self-service plans and the industry templates, as the signup page offers them. */
    public SignupOptions options() {
        java.util.List<SignupOptions.PlanOption> plans = new java.util.ArrayList<>();
        for (String id : catalog.planNames()) {
            JsonNode plan = catalog.plan(id).orElseThrow();
            if (!plan.path("selfService").asBoolean(false)) {
                continue;
            }
            java.util.Map<String, Long> limits = new java.util.LinkedHashMap<>();
            plan.path("limits")
                    .properties()
                    .forEach(e -> limits.put(e.getKey(), e.getValue().asLong(-1)));
            java.util.List<String> features = new java.util.ArrayList<>();
            plan.path("features").forEach(f -> features.add(f.asText()));
            plans.add(new SignupOptions.PlanOption(
                    id,
                    plan.path("name").asText(id),
                    plan.path("monthlyPrice").asLong(),
                    plan.path("pricePerStore").asLong(),
                    plan.path("trialDays").asInt(14),
                    plan.path("platformFeeBps").asInt(0),
                    limits,
                    features));
        }
        java.util.List<SignupOptions.IndustryOption> industries = ProvisioningCatalog.INDUSTRIES.stream()
                .map(id -> new SignupOptions.IndustryOption(
                        id,
                        catalog.template(id).map(t -> t.path("name").asText(id)).orElse(id)))
                .toList();
        return new SignupOptions(plans, industries);
    }

    /** Checks a slug as the signup form is typed: shape, reservation, then whether a brand or signup holds it. */
    public SignupOptions.SlugCheck checkSlug(String slug) {
        try {
            checkSlugShape(slug);
            checkSlugFree(slug);
            return new SignupOptions.SlugCheck(slug, true, null, null);
        } catch (io.mendian.web.ProblemException e) {
            String type = e.problem().getType().toString();
            return new SignupOptions.SlugCheck(
                    io.mendian.web.Problem.clip(slug),
                    false,
                    type.substring(type.lastIndexOf('/') + 1),
                    e.getMessage());
        }
    }

    public void checkIndustryAndPlan(String industry, String plan) {
        if (catalog.template(industry).isEmpty()) {
            throw ProblemException.badRequest("unknown-industry", "no industry template named " + industry)
                    .with("industries", ProvisioningCatalog.INDUSTRIES);
        }
        var found = catalog.plan(plan);
        if (found.isEmpty() || !found.get().path("selfService").asBoolean(false)) {
            throw ProblemException.badRequest("unknown-plan", "no self-service plan named " + plan);
        }
    }
}
