package io.mendian.platform.miniapp;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.platform.miniapp.Deployments.State;
import io.mendian.web.Problem;
import io.mendian.web.Rows;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Every write to a deployment row and its event history: queueing, the worker's lease, state changes, the retry
 * backoff, and the audit id and release stamps. Split out of {@link Deployments} so that the state machine's rules
 * (which rows may be claimed, how a failure backs off, when to give up) sit in one place, apart from the WeChat calls
 * of {@link DeploymentWorker} and from the entry points other classes call. Methods without their own transaction
 * run in the caller's.
 */
@ApplicationScoped
class DeploymentRows {

    static final int MAX_ATTEMPTS = 8;

    /** A row the worker holds the lease on, as it was when claimed. */
    record Claim(
            long id,
            String tenant,
            String appid,
            long templateId,
            String version,
            State state,
            Long auditId,
            int attempts,
            Instant updatedAt) {}

    private final Duration auditPollAfter;

    DeploymentRows(
            @ConfigProperty(name = "mendian.miniapp.audit-poll-after", defaultValue = "1H") Duration auditPollAfter) {
        this.auditPollAfter = auditPollAfter;
    }

    /**
     * Queues a deployment; the same version for the same brand and appid reuses its row (a failed one starts over, a
     * running or released one is left alone).
     */
    long queue(String tenant, String appid, long templateId, String version, Long rollout) {
        Number id = (Number) Deployments.em()
                .createNativeQuery(
                        "insert into platform.miniapp_deployment (tenant_id, appid, template_id, user_version, rollout_id, state) "
                                + "values (?1, ?2, ?3, ?4, ?5, 'PENDING') on conflict (tenant_id, appid, template_id, user_version) do update set "
                                + "state = case when platform.miniapp_deployment.state in ('AUDIT_FAILED', 'FAILED') then 'PENDING' else platform.miniapp_deployment.state end, "
                                + "attempts = case when platform.miniapp_deployment.state in ('AUDIT_FAILED', 'FAILED') then 0 else platform.miniapp_deployment.attempts end, "
                                + "next_attempt_at = now(), rollout_id = coalesce(excluded.rollout_id, platform.miniapp_deployment.rollout_id), updated_at = now() "
                                + "returning id")
                .setParameter(1, tenant)
                .setParameter(2, appid)
                .setParameter(3, templateId)
                .setParameter(4, version)
                .setParameter(5, rollout)
                .getSingleResult();
        event(id.longValue(), "PENDING", "queued template " + templateId + " v" + version);
        return id.longValue();
    }

    /** The next row due for work, leased for a minute so that no other instance takes it meanwhile. */
    Optional<Claim> claim() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Deployments.em()
                .createNativeQuery(
                        "select d.id, d.tenant_id, d.appid, d.template_id, d.user_version, d.state, d.audit_id, d.attempts, "
                                + "d.updated_at from platform.miniapp_deployment d left join platform.miniapp_rollout r on r.id = d.rollout_id "
                                + "where d.next_attempt_at <= now() and (d.lease_until is null or d.lease_until < now()) "
                                + "and (d.state in ('DOMAINS_SET', 'COMMITTED', 'AUDIT_PASSED') "
                                + "  or (d.state = 'AUDITING' and d.updated_at < ?1) "
                                // One deployment in flight per mini-program (WeChat keeps one test build and one
                                // audit per appid), and at most max_concurrent per rollout, counting PENDING rows
                                // another instance has claimed but not moved yet.
                                + "  or (d.state = 'PENDING' "
                                + "      and not exists (select 1 from platform.miniapp_deployment o where o.appid = d.appid and o.id <> d.id "
                                + "          and o.state in ('DOMAINS_SET', 'COMMITTED', 'AUDITING', 'AUDIT_PASSED')) "
                                + "      and (r.id is null or (select count(*) from platform.miniapp_deployment o where o.rollout_id = r.id "
                                + "          and (o.state in ('DOMAINS_SET', 'COMMITTED', 'AUDITING', 'AUDIT_PASSED') "
                                + "               or (o.state = 'PENDING' and o.lease_until > now()))) < r.max_concurrent))) "
                                + "order by d.next_attempt_at, d.id limit 1 for update of d skip locked")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC).minus(auditPollAfter))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        long id = ((Number) r[0]).longValue();
        Deployments.em()
                .createNativeQuery(
                        "update platform.miniapp_deployment set lease_until = now() + interval '60 seconds' where id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        return Optional.of(new Claim(
                id,
                (String) r[1],
                (String) r[2],
                ((Number) r[3]).longValue(),
                (String) r[4],
                State.valueOf((String) r[5]),
                r[6] == null ? null : ((Number) r[6]).longValue(),
                ((Number) r[7]).intValue(),
                Rows.offset(r[8]).toInstant()));
    }

    /** Records the audit WeChat opened and moves the row to AUDITING. */
    void auditing(long id, long auditId) {
        // One transaction, so that an audit result pushed right away finds the row already AUDITING.
        QuarkusTransaction.requiringNew().run(() -> {
            Deployments.em()
                    .createNativeQuery("update platform.miniapp_deployment set audit_id = ?2 where id = ?1")
                    .setParameter(1, id)
                    .setParameter(2, auditId)
                    .executeUpdate();
            set(id, State.AUDITING, null, "submitted for audit " + auditId, Duration.ZERO, false);
        });
    }

    /** Stamps the release time, in its own transaction. */
    void released(long id) {
        QuarkusTransaction.requiringNew()
                .run(() -> Deployments.em()
                        .createNativeQuery("update platform.miniapp_deployment set released_at = now() where id = ?1")
                        .setParameter(1, id)
                        .executeUpdate());
    }

    /** Moves a claimed row on (and releases its lease), in its own transaction. */
    void move(Claim claim, State next, String reason, String detail) {
        QuarkusTransaction.requiringNew().run(() -> set(claim.id(), next, reason, detail, Duration.ZERO, false));
    }

    /** A step failed: back off exponentially (capped at ten minutes), or give up after {@link #MAX_ATTEMPTS}. */
    void retry(Claim claim, String error) {
        int attempts = claim.attempts() + 1;
        QuarkusTransaction.requiringNew().run(() -> {
            if (attempts >= MAX_ATTEMPTS) {
                set(
                        claim.id(),
                        State.FAILED,
                        error,
                        "gave up after " + attempts + " attempts: " + error,
                        Duration.ZERO,
                        true);
            } else {
                Duration backoff = Duration.ofSeconds(Math.min(600, 5L << Math.min(attempts, 7)));
                set(
                        claim.id(),
                        claim.state(),
                        null,
                        "attempt " + attempts + " failed, retrying in " + backoff.toSeconds() + "s: " + error,
                        backoff,
                        true);
            }
        });
        Log.warnf("deployment %d of %s at %s: %s", claim.id(), claim.appid(), claim.state(), error);
    }

    void set(long id, State state, String reason, String detail, Duration delay, boolean countAttempt) {
        Deployments.em()
                .createNativeQuery(
                        "update platform.miniapp_deployment set state = ?2, reason = ?3, lease_until = null, updated_at = now(), "
                                + "next_attempt_at = now() + make_interval(secs => ?4), attempts = attempts + ?5 where id = ?1")
                .setParameter(1, id)
                .setParameter(2, state.name())
                .setParameter(3, reason == null ? null : Problem.clip(reason, 990))
                .setParameter(4, (double) delay.toSeconds())
                .setParameter(5, countAttempt ? 1 : 0)
                .executeUpdate();
        if (detail != null) {
            event(id, state.name(), detail);
        }
    }

    void event(long id, String state, String detail) {
        Deployments.em()
                .createNativeQuery(
                        "insert into platform.miniapp_deployment_event (deployment_id, state, detail) values (?1, ?2, ?3)")
                .setParameter(1, id)
                .setParameter(2, state)
                .setParameter(3, Problem.clip(detail, 990))
                .executeUpdate();
    }
}
