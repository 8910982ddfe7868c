package io.mendian.platform.miniapp;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.platform.miniapp.persistence.MiniAppEntity;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;
import io.mendian.wechat.WeChatSettings;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The deployment pipeline of one brand's mini-program: set the server domains, commit the code template with the
 * brand's ext_json, submit for audit, and release when WeChat's audit result arrives. Each step is a short claim
 * (a lease on the row, so one instance works on it), one WeChat call, and a state change recorded with an event.
 * Failures retry with backoff; a rejected audit stops at AUDIT_FAILED with WeChat's reason until HQ resubmits.
 * A rollout's deployments advance at most {@code max_concurrent} at a time.
 *
 * <p>This class is the pipeline's entry points (queue a template, HQ's resubmit, WeChat's pushed audit result) and
 * its public types. The pipeline itself is split by what changes for different reasons: {@link DeploymentWorker}
 * makes the WeChat call of each step, {@link DeploymentRows} keeps the rows' states, leases, retries and events,
 * {@link ExtJson} builds the brand's configuration, and {@link DeploymentViews} is the read side.
 */
@ApplicationScoped
public class Deployments {

    /** Where a deployment is. */
    public enum State {
        PENDING,
        DOMAINS_SET,
        COMMITTED,
        AUDITING,
        AUDIT_PASSED,
        RELEASED,
        AUDIT_FAILED,
        FAILED
    }

    /** A deployment as HQ and the operator see it. */
    public record View(
            long id,
            String tenantId,
            String appid,
            long templateId,
            String userVersion,
            Long rolloutId,
            String state,
            Long auditId,
            String reason,
            int attempts,
            OffsetDateTime updatedAt,
            OffsetDateTime releasedAt,
            List<Event> events) {}

    /** One step in a deployment's history. */
    public record Event(String state, String detail, OffsetDateTime at) {}

    private final WeChatSettings settings;
    private final DeploymentViews views;
    private final DeploymentRows rows;

    Deployments(WeChatSettings settings, DeploymentViews views, DeploymentRows rows) {
        this.settings = settings;
        this.views = views;
        this.rows = rows;
    }

    /** The template new authorizations get: the newest rollout's, or the configured one. */
    public Map.Entry<Long, String> currentTemplate() {
        @SuppressWarnings("unchecked")
        List<Object[]> newest = em().createNativeQuery(
                        "select template_id, user_version from platform.miniapp_rollout order by id desc limit 1")
                .getResultList();
        return newest.isEmpty()
                ? Map.entry(
                        settings.component().templateId(), settings.component().templateVersion())
                : Map.entry(((Number) newest.get(0)[0]).longValue(), (String) newest.get(0)[1]);
    }

    /** Runs in the caller's transaction: queue the current template for the brand's appid. */
    public long requestCurrent(String tenant, String appid) {
        Map.Entry<Long, String> template = currentTemplate();
        return request(tenant, appid, template.getKey(), template.getValue(), null);
    }

    /**
     * Queues a deployment; the same version for the same brand and appid reuses its row (a failed one starts over, a
     * running or released one is left alone). Runs in the caller's transaction.
     */
    public long request(String tenant, String appid, long templateId, String version, Long rollout) {
        return rows.queue(tenant, appid, templateId, version, rollout);
    }

    /**
     * HQ resubmits: after a rejection or failure, the same version starts over; otherwise the current template is queued.
     * Joins the caller's transaction, which holds HQ's idempotency record on the control plane.
     */
    public View resubmit(String tenant, String appid) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<View> latest = views.latestForBrand(new TenantId(tenant));
            if (latest.isPresent()
                    && !List.of("AUDIT_FAILED", "FAILED", "RELEASED")
                            .contains(latest.get().state())) {
                throw ProblemException.conflict(
                        "deployment-in-progress",
                        "a deployment is already " + latest.get().state() + "; wait for its result");
            }
            long id = latest.isPresent() && !"RELEASED".equals(latest.get().state())
                    ? request(
                            tenant,
                            appid,
                            latest.get().templateId(),
                            latest.get().userVersion(),
                            latest.get().rolloutId())
                    : requestCurrent(tenant, appid);
            return views.view(id, true);
        });
    }

    /**
     * WeChat pushed an audit result for an appid: applies it to the deployment under audit. Returns false when the
     * result may belong to a submission still being recorded (a COMMITTED row under lease): the caller answers WeChat
     * with an error so that it pushes again, as WeChat does up to three times.
     */
    public boolean onAudit(String appid, String event, String reason) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em().createNativeQuery(
                            "select id from platform.miniapp_deployment where appid = ?1 and state = 'AUDITING' "
                                    + "order by id desc limit 1 for update")
                    .setParameter(1, appid)
                    .getResultList();
            if (ids.isEmpty()) {
                Number submitting = (Number)
                        em().createNativeQuery("select count(*) from platform.miniapp_deployment where appid = ?1 "
                                        + "and state = 'COMMITTED' and lease_until > now()")
                                .setParameter(1, appid)
                                .getSingleResult();
                if (submitting.longValue() > 0) {
                    return false;
                }
                Log.warnf("audit event %s for %s matches no deployment under audit", event, appid);
                return true;
            }
            long id = ids.get(0).longValue();
            switch (event) {
                case "weapp_audit_success" ->
                    rows.set(id, State.AUDIT_PASSED, null, "audit passed", Duration.ZERO, false);
                case "weapp_audit_fail" ->
                    rows.set(id, State.AUDIT_FAILED, reason, "audit rejected: " + reason, Duration.ZERO, false);
                case "weapp_audit_delay" -> rows.event(id, "AUDITING", "audit delayed by WeChat");
                default -> Log.infof("ignoring event %s for %s", event, appid);
            }
            return true;
        });
    }

    static EntityManager em() {
        return MiniAppEntity.getEntityManager();
    }
}
