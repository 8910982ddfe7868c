package io.mendian.platform.signup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.identity.Grant;
import io.mendian.identity.Role;
import io.mendian.identity.Scope;
import io.mendian.identity.StaffAccounts;
import io.mendian.identity.staff.Invitations;
import io.mendian.platform.billing.SubscriptionLifecycle;
import io.mendian.platform.billing.UsageMeter;
import io.mendian.platform.miniapp.MiniApps;
import io.mendian.platform.registry.BrandRecords;
import io.mendian.platform.registry.BrandStatus;
import io.mendian.platform.registry.PlatformMigrations;
import io.mendian.platform.signup.persistence.SignupJobEntity;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.TenantMigrator;
import io.mendian.tenancy.TenantSeeder;
import io.mendian.tenancy.Tenants;
import io.mendian.tenancy.UsageChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What each provisioning step does. Every step checks for its own earlier work first ("make sure X exists"), so the
 * saga can re-run any step after a crash without duplicating a schema, an organization, a user or a row.
 */
@ApplicationScoped
public class ProvisioningSteps {

    private final SignupRules rules;
    private final TenantMigrator migrator;
    private final PlatformMigrations migrations;
    private final StaffAccounts staff;
    private final SignupJobs jobs;
    private final Tenants tenants;
    private final Instance<TenantSeeder> seeders;
    private final ProvisioningCatalog catalog;
    private final BrandRecords brands;
    private final MiniApps miniApps;
    private final SubscriptionLifecycle subscriptions;
    private final UsageMeter meter;
    private final Invitations invitations;
    private final boolean exposePassword;

    public ProvisioningSteps(
            SignupRules rules,
            TenantMigrator migrator,
            PlatformMigrations migrations,
            StaffAccounts staff,
            SignupJobs jobs,
            Tenants tenants,
            Instance<TenantSeeder> seeders,
            ProvisioningCatalog catalog,
            BrandRecords brands,
            MiniApps miniApps,
            SubscriptionLifecycle subscriptions,
            UsageMeter meter,
            Invitations invitations,
            @ConfigProperty(name = "mendian.signup.expose-temporary-password", defaultValue = "false")
                    boolean exposePassword) {
        this.rules = rules;
        this.migrator = migrator;
        this.migrations = migrations;
        this.staff = staff;
        this.jobs = jobs;
        this.tenants = tenants;
        this.seeders = seeders;
        this.catalog = catalog;
        this.brands = brands;
        this.miniApps = miniApps;
        this.subscriptions = subscriptions;
        this.meter = meter;
        this.invitations = invitations;
        this.exposePassword = exposePassword;
    }

    public String run(ProvisioningStep step, SignupJobEntity job) {
        TenantId tenant = new TenantId(job.tenantId);
        return switch (step) {
            case VALIDATE -> validate(job);
            case REGISTER_TENANT -> registerTenant(job);
            case CREATE_SCHEMA -> createSchema(tenant);
            case CREATE_ORGANIZATION -> createOrganization(tenant, job);
            case CREATE_ADMIN -> createAdmin(tenant, job);
            case APPLY_TEMPLATE -> applyTemplate(tenant, job);
            case REGISTER_APP -> registerApp(job);
            case START_TRIAL -> startTrial(job);
            case ACTIVATE -> activate(tenant);
        };
    }

    private String validate(SignupJobEntity job) {
        rules.checkSlugShape(job.tenantId);
        rules.checkIndustryAndPlan(job.industry, job.plan);
        return "slug, industry and plan are valid";
    }

    private String registerTenant(SignupJobEntity job) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var existing = brands.find(job.tenantId);
            if (existing.isPresent()) {
                if (!existing.get().adminEmail().equalsIgnoreCase(job.adminEmail)
                        || existing.get().status() != BrandStatus.PROVISIONING) {
                    throw new SignupRejected("slug " + job.tenantId + " is already taken; sign up again with another");
                }
                return "tenant already registered";
            }
            brands.register(
                    new BrandRecords.NewBrand(job.tenantId, job.brandName, job.industry, job.plan, job.adminEmail));
            return "tenant registered (provisioning)";
        });
    }

    private String createSchema(TenantId tenant) {
        var outcome = migrator.migrate(tenant);
        if (outcome.skipped()) {
            // Someone holds the brand's schema lock (a new brand is never moved): the step is retried.
            throw new IllegalStateException("schema " + tenant.schema() + " is locked by other schema work");
        }
        migrations.record(outcome);
        if (outcome.failed()) {
            throw new IllegalStateException(outcome.error());
        }
        return "schema " + tenant.schema() + " at " + outcome.version();
    }

    private String createOrganization(TenantId tenant, SignupJobEntity job) {
        String orgId = staff.ensureOrganization(tenant, job.brandName);
        QuarkusTransaction.requiringNew().run(() -> brands.setOrganization(tenant.value(), orgId));
        return "organization " + orgId;
    }

    private String createAdmin(TenantId tenant, SignupJobEntity job) {
        String orgId = QuarkusTransaction.requiringNew()
                .call(() -> brands.find(tenant.value()).orElseThrow().organizationId());
        var existing = staff.findUser(job.adminEmail);
        // Only an account this job created (or was creating when it crashed) gets a new password and the brand at once.
        // An e-mail that already has an account is someone's identity: it keeps its credentials and gets an invitation
        // that its owner accepts while signed in, which proves control of the address (and consent).
        boolean ours = existing.isEmpty()
                || "CREATING".equals(job.adminUserState)
                || "CREATED".equals(job.adminUserState) && existing.get().equals(job.adminUserId);
        String userId;
        if (existing.isEmpty()) {
            jobs.recordAdmin(job.id, null, "CREATING", null);
            userId = staff.ensureUser(job.adminEmail, job.brandName);
        } else {
            userId = existing.get();
        }
        jobs.recordAdmin(job.id, ours ? userId : null, ours ? "CREATED" : "INVITED", null);
        List<Grant> admin = List.of(new Grant(tenant, Role.HQ_ADMIN, new Scope.All()));
        if (!ours) {
            invitations.issue(tenant, job.adminEmail, admin, "Mendian signup");
            return "an account with this e-mail exists: invitation sent; sign in and accept it to become the brand's admin";
        }
        staff.addGrants(userId, admin);
        staff.ensureMember(orgId, userId);
        if (exposePassword) {
            String password = staff.resetPassword(userId, false);
            jobs.recordAdmin(job.id, userId, "CREATED", password);
            return "account " + job.adminEmail + " created; initial password shown once in the job result";
        }
        staff.sendSetPasswordEmail(userId);
        return "account " + job.adminEmail + " created; set-password e-mail sent";
    }

    private String applyTemplate(TenantId tenant, SignupJobEntity job) {
        JsonNode template = catalog.template(job.industry)
                .orElseThrow(() -> new IllegalStateException("template " + job.industry + " vanished"));
        List<String> applied = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
            var section = it.next();
            if (!section.getValue().isContainerNode()) {
                continue; // the template's name
            }
            var seeder = seeders.stream()
                    .filter(s -> s.section().equals(section.getKey()))
                    .findFirst();
            if (seeder.isPresent()) {
                applied.add(section.getKey() + ": "
                        + tenants.runAs(tenant, () -> seeder.get().apply(section.getValue())));
            } else if (!section.getValue().isEmpty()) {
                pending.add(section.getKey());
            }
        }
        return "applied " + applied + (pending.isEmpty() ? "" : "; pending (no owning context yet) " + pending);
    }

    private String registerApp(SignupJobEntity job) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var registration = miniApps.register(job.appid, job.tenantId, job.brandName, job.appKind);
            if (registration == MiniApps.Registration.ANOTHER_BRANDS) {
                throw new SignupRejected("appid " + job.appid + " belongs to another brand");
            }
            if (registration == MiniApps.Registration.ALREADY_THIS_BRANDS) {
                return "appid " + job.appid + " already registered";
            }
            return job.appKind.toLowerCase() + " appid " + job.appid + " registered";
        });
    }

    private String startTrial(SignupJobEntity job) {
        int days =
                catalog.plan(job.plan).map(p -> p.path("trialDays").asInt(14)).orElse(14);
        return QuarkusTransaction.requiringNew().call(() -> {
            var trialEnd = subscriptions.startTrial(job.tenantId, job.plan, days);
            if (trialEnd.isEmpty()) {
                return "subscription already started";
            }
            // The meter starts where the brand starts: its first admin, no stores, no SKUs.
            TenantId tenant = new TenantId(job.tenantId);
            meter.record(UsageChanged.level(tenant, UsageChanged.Metric.STAFF, 1), Instant.now());
            meter.record(UsageChanged.level(tenant, UsageChanged.Metric.STORES, 0), Instant.now());
            meter.record(UsageChanged.level(tenant, UsageChanged.Metric.SKUS, 0), Instant.now());
            return "trial of plan " + job.plan + " until " + trialEnd.get().toLocalDate();
        });
    }

    private String activate(TenantId tenant) {
        QuarkusTransaction.requiringNew().run(() -> brands.activate(tenant.value()));
        return "brand is active";
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
