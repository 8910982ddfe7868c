package io.mendian.platform.miniapp;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.platform.miniapp.persistence.MiniAppEntity;
import io.mendian.platform.registry.BrandRecords;
import io.mendian.tenancy.TenantId;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;
import io.mendian.wechat.OpenPlatformApi;
import io.mendian.wechat.WeChatEndpoints;
import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxApiException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The deployment pipeline of one brand's mini-program: set the server domains, commit the code template with the
 * brand's ext_json, submit for audit, and release when WeChat's audit result arrives. Each step is a short claim
 * (a lease on the row, so one instance works on it), one WeChat call, and a state change recorded with an event.
 * Failures retry with backoff; a rejected audit stops at AUDIT_FAILED with WeChat's reason until HQ resubmits.
 * A rollout's deployments advance at most {@code max_concurrent} at a time.
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

    static final int MAX_ATTEMPTS = 8;

    private final OpenPlatformApi api;
    private final TokenStore tokens;
    private final WeChatSettings settings;
    private final WeChatEndpoints endpoints;
    private final ObjectMapper json;
    private final Duration auditPollAfter;
    private final DeploymentViews views;

    private final BrandRecords brands;

    public Deployments(
            OpenPlatformApi api,
            TokenStore tokens,
            WeChatSettings settings,
            WeChatEndpoints endpoints,
            ObjectMapper json,
            @ConfigProperty(name = "mendian.miniapp.audit-poll-after", defaultValue = "1H") Duration auditPollAfter,
            DeploymentViews views,
            BrandRecords brands) {
        this.brands = brands;
        this.views = views;
        this.api = api;
        this.tokens = tokens;
        this.settings = settings;
        this.endpoints = endpoints;
        this.json = json;
        this.auditPollAfter = auditPollAfter;
    }

    /** The template new authorizations get: the newest rollout's, or the configured one. */
    public Map.Entry<Long, String> currentTemplate() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery(
                        "select template_id, user_version from platform.miniapp_rollout order by id desc limit 1")
                .getResultList();
        return rows.isEmpty()
                ? Map.entry(
                        settings.component().templateId(), settings.component().templateVersion())
                : Map.entry(((Number) rows.get(0)[0]).longValue(), (String) rows.get(0)[1]);
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
        Number id = (Number) em().createNativeQuery(
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

    /** HQ resubmits: after a rejection or failure, the same version starts over; otherwise the current template is queued. */
    public View resubmit(String tenant, String appid) {
        return QuarkusTransaction.requiringNew().call(() -> {
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

    // --- the worker ------------------------------------------------------------------------------------------------

    @Scheduled(
            every = "${mendian.miniapp.worker-interval:2s}",
            delayed = "3s",
            executeWith = Scheduled.SIMPLE,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        for (int i = 0; i < 20; i++) {
            Optional<Claim> claim = QuarkusTransaction.requiringNew().call(this::claim);
            if (claim.isEmpty()) {
                return;
            }
            advance(claim.get());
        }
    }

    private record Claim(
            long id,
            String tenant,
            String appid,
            long templateId,
            String version,
            State state,
            Long auditId,
            int attempts,
            Instant updatedAt) {}

    private Optional<Claim> claim() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery(
                        "select d.id, d.tenant_id, d.appid, d.template_id, d.user_version, d.state, d.audit_id, d.attempts, "
                                + "d.updated_at from platform.miniapp_deployment d left join platform.miniapp_rollout r on r.id = d.rollout_id "
                                + "where d.next_attempt_at <= now() and (d.lease_until is null or d.lease_until < now()) "
                                + "and (d.state in ('DOMAINS_SET', 'COMMITTED', 'AUDIT_PASSED') "
                                + "  or (d.state = 'AUDITING' and d.updated_at < ?1) "
                                // One deployment in flight per mini-program (WeChat keeps one test build and one audit
                                // per appid), and at
                                // most max_concurrent per rollout, counting PENDING rows another instance has claimed
                                // but not moved yet.
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
        em().createNativeQuery(
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

    private void advance(Claim claim) {
        try {
            String token = tokens.authorizerToken(claim.appid());
            switch (claim.state()) {
                case PENDING -> {
                    api.modifyDomain(token, URI.create(endpoints.publicUrl()).getHost());
                    move(
                            claim,
                            State.DOMAINS_SET,
                            null,
                            "server domain set to "
                                    + URI.create(endpoints.publicUrl()).getHost());
                }
                case DOMAINS_SET -> {
                    api.commit(
                            token,
                            claim.templateId(),
                            extJson(claim.tenant(), claim.appid()),
                            claim.version(),
                            "Mendian " + claim.version());
                    move(
                            claim,
                            State.COMMITTED,
                            null,
                            "committed template " + claim.templateId() + " v" + claim.version());
                }
                case COMMITTED -> submit(claim, token);
                case AUDITING -> poll(claim, token);
                case AUDIT_PASSED -> release(claim, token);
                default -> move(claim, claim.state(), null, null);
            }
        } catch (WxApiException | ProblemException e) {
            retry(claim, e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "deployment %d failed unexpectedly", claim.id());
            retry(claim, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void submit(Claim claim, String token) {
        try {
            long auditId = api.submitAudit(token, "Mendian store mini-program " + claim.version())
                    .path("auditid")
                    .asLong();
            // One transaction, so that an audit result pushed right away finds the row already AUDITING.
            QuarkusTransaction.requiringNew().run(() -> {
                em().createNativeQuery("update platform.miniapp_deployment set audit_id = ?2 where id = ?1")
                        .setParameter(1, claim.id())
                        .setParameter(2, auditId)
                        .executeUpdate();
                set(claim.id(), State.AUDITING, null, "submitted for audit " + auditId, Duration.ZERO, false);
            });
        } catch (WxApiException e) {
            // 85009: another version of this mini-program is still under audit (submitted outside this deployment).
            // It is not ours to release, so wait and retry rather than adopt its result.
            throw e;
        }
    }

    /** The push did not come within the poll window: ask WeChat (0 passed, 1 rejected, 2 auditing, 4 delayed). */
    private void poll(Claim claim, String token) {
        var status = api.latestAuditStatus(token);
        switch (status.path("status").asInt(2)) {
            case 0 -> move(claim, State.AUDIT_PASSED, null, "audit passed (polled)");
            case 1 ->
                move(claim, State.AUDIT_FAILED, status.path("reason").asText("rejected"), "audit rejected (polled)");
            case 3 -> move(claim, State.AUDIT_FAILED, "the audit was withdrawn", "audit withdrawn (polled)");
            default -> move(claim, State.AUDITING, null, "still under audit (polled)");
        }
    }

    private void release(Claim claim, String token) {
        try {
            api.release(token);
        } catch (WxApiException e) {
            if (e.errcode() != 85052) {
                throw e;
            }
        }
        QuarkusTransaction.requiringNew()
                .run(() -> em().createNativeQuery(
                                "update platform.miniapp_deployment set released_at = now() where id = ?1")
                        .setParameter(1, claim.id())
                        .executeUpdate());
        move(claim, State.RELEASED, null, "released v" + claim.version());
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
                case "weapp_audit_success" -> set(id, State.AUDIT_PASSED, null, "audit passed", Duration.ZERO, false);
                case "weapp_audit_fail" ->
                    set(id, State.AUDIT_FAILED, reason, "audit rejected: " + reason, Duration.ZERO, false);
                case "weapp_audit_delay" -> event(id, "AUDITING", "audit delayed by WeChat");
                default -> Log.infof("ignoring event %s for %s", event, appid);
            }
            return true;
        });
    }

    private void move(Claim claim, State next, String reason, String detail) {
        QuarkusTransaction.requiringNew().run(() -> set(claim.id(), next, reason, detail, Duration.ZERO, false));
    }

    private void retry(Claim claim, String error) {
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

    private void set(long id, State state, String reason, String detail, Duration delay, boolean countAttempt) {
        em().createNativeQuery(
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

    private void event(long id, String state, String detail) {
        em().createNativeQuery(
                        "insert into platform.miniapp_deployment_event (deployment_id, state, detail) values (?1, ?2, ?3)")
                .setParameter(1, id)
                .setParameter(2, state)
                .setParameter(3, Problem.clip(detail, 990))
                .executeUpdate();
    }

    /** The brand's configuration for the shared template: who it is, where its API is, how it looks. */
    String extJson(String tenant, String appid) {
        BrandRecords.BrandRecord brand = QuarkusTransaction.requiringNew()
                .call(() -> brands.find(tenant))
                .orElse(null);
        String name = brand == null ? tenant : brand.name();
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("tenantId", tenant);
        ext.put("apiBase", endpoints.publicUrl() + "/api/shop/" + appid);
        ext.put(
                "theme",
                Map.of("brandName", name, "primaryColor", brand == null ? "#c8102e" : colour(brand.industry())));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("extAppid", appid);
        root.put("extEnable", true);
        root.put("directCommit", false);
        root.put("ext", ext);
        root.put("window", Map.of("navigationBarTitleText", name));
        root.put("requiredPrivateInfos", List.of("getLocation", "chooseLocation"));
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colour(String industry) {
        return switch (industry == null ? "" : industry) {
            case "cafe" -> "#6f4e37";
            case "bakery" -> "#d4a373";
            case "tea" -> "#2d6a4f";
            default -> "#c8102e";
        };
    }

    static EntityManager em() {
        return MiniAppEntity.getEntityManager();
    }
}
