package io.mendian.platform.miniapp;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.platform.miniapp.persistence.MiniAppEntity;
import io.mendian.platform.registry.BrandRecords;
import io.mendian.platform.registry.TenantRegistry;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;
import io.mendian.wechat.OpenPlatformApi;
import io.mendian.wechat.WeChatEndpoints;
import io.mendian.wechat.WeChatSettings;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A brand authorizes its mini-program to the platform: HQ asks for an authorization link (a pre_auth_code bound to
 * the brand by an unguessable state), the administrator approves on WeChat, and WeChat both redirects the browser
 * back with an auth_code and pushes an "authorized" event. Whichever arrives first completes the authorization
 * under the request's row lock; the other finds it done. The appid then resolves to the brand for /api/shop/{appid}
 * and the current code template is deployed.
 */
@ApplicationScoped
public class Authorizations {

    /** Code management (开发管理) must be among the scopes granted, or nothing can be deployed. */
    static final int CODE_MANAGEMENT_SCOPE = 18;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What HQ opens to authorize. */
    public record Link(String authorizationUrl, OffsetDateTime expiresAt) {}

    /** The brand's authorization as HQ sees it. */
    public record Authorization(String appid, String status, String funcScopes, OffsetDateTime authorizedAt) {}

    private final OpenPlatformApi api;
    private final TokenStore tokens;
    private final WeChatSettings settings;
    private final WeChatEndpoints endpoints;
    private final Deployments deployments;
    private final TenantRegistry registry;

    private final BrandRecords brands;

    public Authorizations(
            OpenPlatformApi api,
            TokenStore tokens,
            WeChatSettings settings,
            WeChatEndpoints endpoints,
            Deployments deployments,
            TenantRegistry registry,
            BrandRecords brands) {
        this.brands = brands;
        this.api = api;
        this.tokens = tokens;
        this.settings = settings;
        this.endpoints = endpoints;
        this.deployments = deployments;
        this.registry = registry;
    }

    public Link link(String tenant, String requestedBy) {
        JsonNode pre =
                api.preAuthCode(tokens.componentToken(), settings.component().appid());
        String code = pre.path("pre_auth_code").asText();
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC)
                .plusSeconds(pre.path("expires_in").asLong(600));
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String state = HexFormat.of().formatHex(random);
        QuarkusTransaction.requiringNew()
                .run(() -> em().createNativeQuery(
                                "insert into platform.miniapp_auth_request (pre_auth_code, state, tenant_id, "
                                        + "requested_by, expires_at) values (?1, ?2, ?3, ?4, ?5)")
                        .setParameter(1, code)
                        .setParameter(2, state)
                        .setParameter(3, tenant)
                        .setParameter(4, requestedBy)
                        .setParameter(5, expires)
                        .executeUpdate());
        String redirect = endpoints.publicUrl() + "/wechat/open/authorized?state=" + state;
        return new Link(api.authorizationPage(settings.component().appid(), code, redirect), expires);
    }

    /** The browser came back from WeChat; returns the authorized appid. */
    public String completeByState(String state, String authCode) {
        return complete("state = ?1", state, authCode);
    }

    /** WeChat pushed "authorized" for a pre_auth_code we issued. */
    public void completeByPush(String preAuthCode, String authCode) {
        try {
            complete("pre_auth_code = ?1", preAuthCode, authCode);
        } catch (ProblemException e) {
            Log.warnf("authorized event not applied: %s", e.getMessage());
        }
    }

    private String complete(String where, String key, String authCode) {
        if (key == null || key.isBlank() || authCode == null || authCode.isBlank()) {
            throw ProblemException.badRequest("invalid-authorization", "state and auth_code are required");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em().createNativeQuery(
                            "select tenant_id, completed_at, appid, expires_at from platform.miniapp_auth_request where "
                                    + where + " for update")
                    .setParameter(1, key)
                    .getResultList();
            if (rows.isEmpty()) {
                throw ProblemException.notFound("authorization request");
            }
            String tenant = (String) rows.get(0)[0];
            if (rows.get(0)[1] != null) {
                return (String) rows.get(0)[2];
            }
            if (Rows.offset(rows.get(0)[3]).toInstant().isBefore(Instant.now().minusSeconds(3600))) {
                throw ProblemException.conflict(
                        "authorization-expired", "this authorization link has expired; ask for a new one");
            }
            JsonNode info = api.queryAuth(
                            tokens.componentToken(), settings.component().appid(), authCode)
                    .path("authorization_info");
            String appid = info.path("authorizer_appid").asText();
            List<Integer> scopes = info.path("func_info").findValues("id").stream()
                    .map(JsonNode::asInt)
                    .toList();
            if (!scopes.contains(CODE_MANAGEMENT_SCOPE)) {
                throw ProblemException.conflict(
                        "missing-scope",
                        "authorize code management (开发管理) so that Mendian can deploy the mini-program");
            }
            bind(tenant, appid, scopes.stream().map(String::valueOf).collect(Collectors.joining(",")));
            recordOriginalId(appid);
            tokens.storeAuthorizer(
                    appid,
                    info.path("authorizer_access_token").asText(),
                    info.path("expires_in").asLong(7200),
                    info.path("authorizer_refresh_token").asText());
            em().createNativeQuery(
                            "update platform.miniapp_auth_request set completed_at = now(), appid = ?2 where " + where)
                    .setParameter(1, key)
                    .setParameter(2, appid)
                    .executeUpdate();
            deployments.requestCurrent(tenant, appid);
            Log.infof("brand %s authorized mini-program %s", tenant, appid);
            return appid;
        });
    }

    /** Whether a brand has this mini-program authorized to the platform now. */
    public boolean isAuthorized(String appid) {
        return QuarkusTransaction.requiringNew()
                .call(() -> !em().createNativeQuery("select 1 from platform.miniapp_authorization where appid = ?1 and "
                                + "status = 'AUTHORIZED'")
                        .setParameter(1, appid)
                        .getResultList()
                        .isEmpty());
    }

    /**
     * The original id (gh_...) WeChat addresses this mini-program's pushes to, asked of WeChat once and kept; empty for
     * an appid no brand has authorized.
     */
    public Optional<String> originalIdOf(String appid) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em().createNativeQuery(
                            "select appid, original_id from platform.miniapp_authorization where appid = ?1")
                    .setParameter(1, appid)
                    .getResultList();
            if (rows.isEmpty()) {
                return Optional.<String>empty();
            }
            return Optional.ofNullable((String) rows.get(0)[1]).or(() -> Optional.of(recordOriginalId(appid)));
        });
    }

    private String recordOriginalId(String appid) {
        String original = api.authorizerInfo(
                        tokens.componentToken(), settings.component().appid(), appid)
                .path("authorizer_info")
                .path("user_name")
                .asText();
        em().createNativeQuery("update platform.miniapp_authorization set original_id = ?2 where appid = ?1")
                .setParameter(1, appid)
                .setParameter(2, original)
                .executeUpdate();
        return original;
    }

    private void bind(String tenant, String appid, String scopes) {
        @SuppressWarnings("unchecked")
        List<String> owner = em().createNativeQuery(
                        "select tenant_id from platform.miniapp_authorization where appid = ?1 and status = 'AUTHORIZED'")
                .setParameter(1, appid)
                .getResultList();
        if (!owner.isEmpty() && !owner.get(0).equals(tenant)) {
            throw ProblemException.conflict(
                    "appid-taken", "mini-program " + appid + " is already bound to another brand");
        }
        // A brand has one live mini-program: authorizing another replaces the old one.
        em().createNativeQuery(
                        "update platform.miniapp_authorization set status = 'REPLACED', updated_at = now() where tenant_id = ?1 "
                                + "and status = 'AUTHORIZED' and appid <> ?2")
                .setParameter(1, tenant)
                .setParameter(2, appid)
                .executeUpdate();
        em().createNativeQuery(
                        "insert into platform.miniapp_authorization (appid, tenant_id, status, func_scopes, authorized_at) values "
                                + "(?1, ?2, 'AUTHORIZED', ?3, now()) on conflict (appid) do update set tenant_id = excluded.tenant_id, status = 'AUTHORIZED', "
                                + "func_scopes = excluded.func_scopes, authorized_at = now(), updated_at = now()")
                .setParameter(1, appid)
                .setParameter(2, tenant)
                .setParameter(3, scopes)
                .executeUpdate();
        MiniAppEntity existing = MiniAppEntity.findById(appid);
        if (existing != null && !existing.tenantId.equals(tenant)) {
            // The mini-program moved to another brand (its old authorization was withdrawn): consumers follow it.
            registry.forget(existing.tenantId);
            existing.tenantId = tenant;
        } else if (existing == null) {
            MiniAppEntity app = new MiniAppEntity();
            app.appid = appid;
            app.tenantId = tenant;
            app.name = brands.find(tenant).map(BrandRecords.BrandRecord::name).orElse(tenant);
            app.kind = "wechat-authorized";
            app.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            app.persist();
        }
        registry.forget(tenant);
    }

    /** WeChat says the brand withdrew the authorization: deployments stop. The released mini-program keeps working for consumers. */
    public void revoke(String appid) {
        QuarkusTransaction.requiringNew().run(() -> {
            em().createNativeQuery(
                            "update platform.miniapp_authorization set status = 'REVOKED', updated_at = now() where appid = ?1")
                    .setParameter(1, appid)
                    .executeUpdate();
            // Nothing can be deployed without the authorization: queued work stops instead of failing eight times.
            em().createNativeQuery(
                            "update platform.miniapp_deployment set state = 'FAILED', reason = 'authorization withdrawn', lease_until = null, "
                                    + "updated_at = now() where appid = ?1 and state not in ('RELEASED', 'AUDIT_FAILED', 'FAILED')")
                    .setParameter(1, appid)
                    .executeUpdate();
        });
        Log.warnf("mini-program %s withdrew its authorization", appid);
    }

    /** The brand's mini-program authorization (brand by type, never null). */
    public Optional<Authorization> forBrand(TenantId tenant) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em().createNativeQuery(
                            "select appid, status, func_scopes, authorized_at from platform.miniapp_authorization "
                                    + "where tenant_id = ?1 order by (status = 'AUTHORIZED') desc, authorized_at desc limit 1")
                    .setParameter(1, tenant.value())
                    .getResultList();
            return rows.stream()
                    .findFirst()
                    .map(r -> new Authorization((String) r[0], (String) r[1], (String) r[2], Rows.offset(r[3])));
        });
    }

    private static EntityManager em() {
        return MiniAppEntity.getEntityManager();
    }
}
