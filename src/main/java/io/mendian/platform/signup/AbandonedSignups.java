package io.mendian.platform.signup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.identity.StaffAccounts;
import io.mendian.platform.registry.BrandRecords;
import io.mendian.platform.registry.BrandStatus;
import io.mendian.platform.registry.TenantRegistry;
import io.mendian.platform.signup.persistence.SignupJobEntity;
import io.mendian.tenancy.LiquibaseRunner;
import io.mendian.tenancy.Schemas;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantId;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * A signup that failed and was not retried within {@code mendian.signup.failed-slug-hold} gives its slug back: its
 * brand never went live, so what it left behind (the schema, the Keycloak organization, an admin account it created
 * and nobody else uses, an invitation, the registry rows) is removed and the job becomes ABANDONED. Without this, one
 * failed attempt (or someone signing up with slugs they do not mean to use) would hold a name forever.
 */
@ApplicationScoped
public class AbandonedSignups {

    private static final List<String> BRAND_ROWS = List.of(
            "usage_meter", "plan_change", "subscription", "mini_app", "miniapp_auth_request", "staff_invitation");

    private final StaffAccounts accounts;
    private final TenantRegistry registry;
    private final BrandRecords brands;
    private final Duration hold;

    private final Shards shards;
    private final LiquibaseRunner liquibase;

    public AbandonedSignups(
            StaffAccounts accounts,
            TenantRegistry registry,
            BrandRecords brands,
            Shards shards,
            LiquibaseRunner liquibase,
            @ConfigProperty(name = "mendian.signup.failed-slug-hold", defaultValue = "24H") Duration hold) {
        this.shards = shards;
        this.liquibase = liquibase;
        this.accounts = accounts;
        this.registry = registry;
        this.brands = brands;
        this.hold = hold;
    }

    @Scheduled(
            every = "${mendian.signup.abandon-interval:10m}",
            delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            executeWith = Scheduled.SIMPLE)
    void sweep() {
        sweep(Instant.now());
    }

    /** Releases the slugs of jobs that failed before {@code now - hold}; returns how many. */
    public int sweep(Instant now) {
        List<UUID> stale = QuarkusTransaction.requiringNew()
                .call(() -> SignupJobEntity.<SignupJobEntity>list(
                                "status = ?1 and updatedAt < ?2",
                                SignupJobEntity.Status.FAILED,
                                now.minus(hold).atOffset(ZoneOffset.UTC))
                        .stream()
                        .limit(50)
                        .map(job -> job.id)
                        .toList());
        int released = 0;
        for (UUID id : stale) {
            try {
                released += release(id, now) ? 1 : 0;
            } catch (RuntimeException e) {
                Log.errorf(e, "could not release the slug of failed signup job %s; trying again later", id);
            }
        }
        return released;
    }

    /** One job, under its row lock so that a retry and the sweep cannot both act on it. */
    private boolean release(UUID id, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var em = SignupJobEntity.getEntityManager();
            @SuppressWarnings("unchecked")
            List<SignupJobEntity> locked = em.createQuery(
                            "from SignupJobEntity where id = :id and status = :failed", SignupJobEntity.class)
                    .setParameter("id", id)
                    .setParameter("failed", SignupJobEntity.Status.FAILED)
                    .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
            if (locked.isEmpty()) {
                return false;
            }
            SignupJobEntity job = locked.get(0);
            var tenant = brands.find(job.tenantId);
            if (tenant.isPresent() && tenant.get().status() != BrandStatus.PROVISIONING) {
                return false; // it went live after all: never touch a live brand
            }
            TenantId brand = new TenantId(job.tenantId);
            accounts.findOrganization(brand).ifPresent(accounts::deleteOrganization);
            boolean createdAdmin = "CREATING".equals(job.adminUserState) || "CREATED".equals(job.adminUserState);
            if (createdAdmin
                    && job.adminUserId != null
                    && accounts.organizationsOf(job.adminUserId).isEmpty()) {
                accounts.deleteUser(job.adminUserId);
            }
            // First, on whichever server it is: should that fail, nothing below happens and the next sweep retries.
            liquibase.dropSchema(shards.of(brand), Schemas.tenantSchema(brand));
            for (String table : BRAND_ROWS) {
                em.createNativeQuery("delete from platform." + table + " where tenant_id = ?1")
                        .setParameter(1, job.tenantId)
                        .executeUpdate();
            }
            em.createNativeQuery("delete from platform.tenant where id = ?1 and status = 'PROVISIONING'")
                    .setParameter(1, job.tenantId)
                    .executeUpdate();
            job.status = SignupJobEntity.Status.ABANDONED;
            job.updatedAt = now.atOffset(ZoneOffset.UTC);
            registry.forget(job.tenantId);
            Log.infof("released slug %s of signup job %s, failed since %s", job.tenantId, id, job.updatedAt);
            return true;
        });
    }
}
