package io.mendian.platform;

import static io.mendian.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.platform.miniapp.TokenStore;
import io.mendian.platform.miniapp.persistence.MiniAppEntity;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Keycloak;
import io.mendian.testsupport.MiniApps;
import io.mendian.web.ProblemException;
import io.mendian.wechat.WxCrypto;
import io.mendian.wechat.WxXml;
import io.mendian.wechat.sandbox.SandboxOpenPlatform;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The platform as a WeChat third-party platform, against the sandbox's real WXBizMsgCrypt pushes (P4). */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OpenPlatformTest {

    private static final String SANDBOX = "/sandbox/wechat/open";

    @Inject
    TokenStore tokens;

    @Inject
    SandboxOpenPlatform sandbox;

    @Inject
    ObjectMapper json;

    @Inject
    io.mendian.wechat.WeChatSettings settings;

    private static ExtractableResponse<Response> awaitDeployment(Brand brand, String state) {
        List<ExtractableResponse<Response>> last = new ArrayList<>();
        Eventually.holds(Duration.ofSeconds(60), () -> {
            var status = as(brand.adminToken())
                    .get("/api/hq/miniapp")
                    .then()
                    .statusCode(200)
                    .extract();
            last.add(0, status);
            assertEquals(state, status.path("deployment.state"), status.asString());
        });
        return last.get(0);
    }

    private void ensureTicket() {
        given().post(SANDBOX + "/test/tickets").then().statusCode(200).body("errcode", equalTo(0));
    }

    @Test
    void aBrandAuthorizesItsMiniProgramWhichIsCommittedWithItsExtJsonAuditedAndReleased() throws Exception {
        ensureTicket();
        Brand brand = Brands.anActiveBrand("wxa");
        String appid = MiniApps.freshAppid();
        MiniApps.authorize(brand, appid);

        var status = awaitDeployment(brand, "RELEASED");
        assertEquals(appid, status.path("authorization.appid"));
        List<String> history = status.path("deployment.events.state");
        assertTrue(
                history.containsAll(
                        List.of("PENDING", "DOMAINS_SET", "COMMITTED", "AUDITING", "AUDIT_PASSED", "RELEASED")),
                history.toString());

        String version = status.path("deployment.userVersion");
        var app = given().get(SANDBOX + "/test/apps/" + appid)
                .then()
                .statusCode(200)
                .body("releasedVersion", equalTo(version))
                .extract();
        var ext = json.readTree((String) app.path("extJson"));
        assertEquals(appid, ext.path("extAppid").asText());
        assertEquals(brand.slug(), ext.path("ext").path("tenantId").asText());
        assertTrue(ext.path("ext").path("apiBase").asText().endsWith("/api/shop/" + appid));
        // The authorized appid now resolves to the brand for consumers.
        Eventually.holds(
                Duration.ofSeconds(10),
                () -> given().get("/api/shop/" + appid + "/ping").then().statusCode(200));
    }

    @Test
    void aRejectedAuditShowsWeChatsReasonToHqAndAResubmissionIsReleased() {
        ensureTicket();
        Brand brand = Brands.anActiveBrand("wxa-fail");
        String appid = MiniApps.freshAppid();
        given().queryParam("outcome", "FAIL")
                .queryParam("reason", "服务类目与小程序内容不符")
                .post(SANDBOX + "/test/apps/" + appid + "/next-audit")
                .then()
                .body("errcode", equalTo(0));
        MiniApps.authorize(brand, appid);

        var failed = awaitDeployment(brand, "AUDIT_FAILED");
        assertEquals("服务类目与小程序内容不符", failed.path("deployment.reason"));
        String key = "k-resubmit-" + appid;
        for (int i = 0; i < 2; i++) {
            given().auth()
                    .oauth2(brand.adminToken())
                    .header("Idempotency-Key", key)
                    .post("/api/hq/miniapp/deployments")
                    .then()
                    .statusCode(202);
        }
        awaitDeployment(brand, "RELEASED");
    }

    @Test
    void aDelayedAuditStillEndsInRelease() {
        ensureTicket();
        Brand brand = Brands.anActiveBrand("wxa-delay");
        String appid = MiniApps.freshAppid();
        given().post(SANDBOX + "/test/apps/" + appid + "/next-audit?outcome=DELAY")
                .then()
                .body("errcode", equalTo(0));
        MiniApps.authorize(brand, appid);
        var released = awaitDeployment(brand, "RELEASED");
        List<String> details = released.path("deployment.events.detail");
        assertTrue(details.contains("audit delayed by WeChat"), details.toString());
    }

    @Test
    void aMiniProgramThatMovesToAnotherBrandServesAndIsDeployedForTheNewBrandOnly() throws Exception {
        ensureTicket();
        Brand first = Brands.anActiveBrand("wxa-old");
        Brand second = Brands.anActiveBrand("wxa-new");
        String appid = MiniApps.freshAppid();
        MiniApps.authorize(first, appid);
        awaitDeployment(first, "RELEASED");
        // Authorizing an appid another brand holds is refused while that authorization stands.
        String url = as(second.adminToken())
                .post("/api/hq/miniapp/authorization")
                .then()
                .statusCode(200)
                .extract()
                .path("authorizationUrl");
        given().urlEncodingEnabled(false)
                .redirects()
                .follow(true)
                .get(url + "&biz_appid=" + appid)
                .then()
                .statusCode(409)
                .body("type", containsString("appid-taken"));

        given().post(SANDBOX + "/test/apps/" + appid + "/unauthorize").then().body("delivered", equalTo(true));
        Eventually.holds(
                Duration.ofSeconds(10),
                () -> as(first.adminToken())
                        .get("/api/hq/miniapp")
                        .then()
                        .body("authorization.status", equalTo("REVOKED")));
        MiniApps.authorize(second, appid);
        awaitDeployment(second, "RELEASED");
        var ext = json.readTree((String)
                given().get(SANDBOX + "/test/apps/" + appid).then().extract().path("extJson"));
        assertEquals(second.slug(), ext.path("ext").path("tenantId").asText());
        String owner =
                QuarkusTransaction.requiringNew().call(() -> MiniAppEntity.<MiniAppEntity>findById(appid).tenantId);
        assertEquals(second.slug(), owner);
    }

    @Test
    void pushesWithAWrongSignatureOrForAnotherComponentAreRejected() {
        WxCrypto ours =
                new WxCrypto("sandbox-token", "c2FuZGJveC1rZXktZm9yLW1lbmRpYW4tb3Blbi1wbGE", "wx0000000000c0de01");
        String ticket = WxXml.write(Map.of(
                "AppId",
                "wx0000000000c0de01",
                "InfoType",
                "component_verify_ticket",
                "ComponentVerifyTicket",
                "forged"));
        String encrypted = ours.encrypt(ticket);
        String body = WxXml.write(Map.of("AppId", "wx0000000000c0de01", "Encrypt", encrypted));
        given().body(body)
                .post("/wechat/open/notify/auth?timestamp=1&nonce=n&encrypt_type=aes&msg_signature=" + "0".repeat(40))
                .then()
                .statusCode(401)
                .body("type", containsString("invalid-signature"));

        WxCrypto other =
                new WxCrypto("sandbox-token", "c2FuZGJveC1rZXktZm9yLW1lbmRpYW4tb3Blbi1wbGE", "wx00000000000bad01");
        String foreign = other.encrypt(ticket);
        given().body(WxXml.write(Map.of("AppId", "wx00000000000bad01", "Encrypt", foreign)))
                .post("/wechat/open/notify/auth?timestamp=1&nonce=n&encrypt_type=aes&msg_signature="
                        + other.signature("1", "n", foreign))
                .then()
                .statusCode(401);
        given().body("<xml><Encrypt>not base64!</Encrypt></xml>")
                .post("/wechat/open/notify/auth?timestamp=1&nonce=n&msg_signature="
                        + ours.signature("1", "n", "not base64!"))
                .then()
                .statusCode(401);
        given().body("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>")
                .post("/wechat/open/notify/auth?timestamp=1&nonce=n&msg_signature=x")
                .then()
                .statusCode(401);
    }

    @Test
    void aLateTicketServesTheLastTokenUntilItExpiresThenReportsDegradedAndOneInstanceRefreshes() throws Exception {
        ensureTicket();
        String current = tokens.componentToken();
        String operator = Keycloak.operatorToken();
        given().post(SANDBOX + "/test/tickets/paused?value=true").then().body("errcode", equalTo(0));
        try {
            // The ticket is 13 hours old and the token is inside its refresh window: the last valid token still serves.
            age("now() - interval '13 hours'", "now() + interval '5 minutes'");
            assertEquals(current, tokens.componentToken());
            given().auth()
                    .oauth2(operator)
                    .get("/api/platform/wechat/component")
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("TICKET_LATE"));

            age("now() - interval '13 hours'", "now() - interval '1 second'");
            ProblemException degraded = assertThrows(ProblemException.class, tokens::componentToken);
            assertEquals(503, degraded.problem().getStatus());
            given().auth()
                    .oauth2(operator)
                    .get("/api/platform/wechat/component")
                    .then()
                    .body("state", equalTo("DEGRADED"))
                    .body("lastError", containsString("61005"));
        } finally {
            given().post(SANDBOX + "/test/tickets/paused?value=false");
        }
        ensureTicket();
        // Eight callers at once on a stale token: exactly one refresh reaches WeChat.
        age("now()", "now() + interval '1 minute'");
        long before = sandbox.componentTokensIssued();
        List<Callable<String>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(tokens::componentToken);
        }
        Set<String> seen = new HashSet<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var future : pool.invokeAll(callers)) {
                seen.add(future.get());
            }
        }
        assertEquals(1, sandbox.componentTokensIssued() - before);
        assertTrue(seen.size() <= 2, seen.toString());
        given().auth()
                .oauth2(operator)
                .get("/api/platform/wechat/component")
                .then()
                .body("state", equalTo("OK"));
    }

    private static void age(String ticketAt, String tokenExpiresAt) {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = MiniAppEntity.getEntityManager();
            em.createNativeQuery("update platform.wechat_ticket set received_at = " + ticketAt)
                    .executeUpdate();
            em.createNativeQuery("update platform.wechat_token set expires_at = " + tokenExpiresAt
                            + " where kind = 'component'")
                    .executeUpdate();
        });
    }

    @Test
    void aTemplateRolloutUpgradesEveryAuthorizedBrandOneAtATime() {
        ensureTicket();
        List<Brand> brands = List.of(Brands.anActiveBrand("wxr"), Brands.anActiveBrand("wxr"));
        for (Brand brand : brands) {
            MiniApps.authorize(brand, MiniApps.freshAppid());
            awaitDeployment(brand, "RELEASED");
        }
        String operator = Keycloak.operatorToken();
        String version = "1.1." + (Instant.now().toEpochMilli() % 100000);
        long rollout = ((Number) given().auth()
                        .oauth2(operator)
                        .contentType("application/json")
                        .body(Map.of(
                                "templateId",
                                101,
                                "userVersion",
                                version,
                                "userDesc",
                                "menu redesign",
                                "maxConcurrent",
                                1))
                        .post("/api/platform/wechat/rollouts")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
        Eventually.holds(Duration.ofSeconds(90), () -> {
            var view = given().auth()
                    .oauth2(operator)
                    .get("/api/platform/wechat/rollouts/" + rollout)
                    .then()
                    .statusCode(200)
                    .extract();
            List<String> states = view.path("deployments.state");
            long inFlight = states.stream()
                    .filter(s -> Set.of("DOMAINS_SET", "COMMITTED", "AUDITING", "AUDIT_PASSED")
                            .contains(s))
                    .count();
            if (inFlight > 1) {
                throw new IllegalStateException("more than one brand in flight: " + states);
            }
            assertTrue(states.stream().allMatch("RELEASED"::equals), states.toString());
        });
        for (Brand brand : brands) {
            as(brand.adminToken()).get("/api/hq/miniapp").then().body("deployment.userVersion", equalTo(version));
        }
        given().auth()
                .oauth2(operator)
                .queryParam("state", "RELEASED")
                .queryParam("size", 100)
                .get("/api/platform/wechat/deployments")
                .then()
                .statusCode(200)
                .body("items.userVersion", org.hamcrest.Matchers.hasItem(version));
        given().auth()
                .oauth2(operator)
                .queryParam("state", "SHIPPED")
                .get("/api/platform/wechat/deployments")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(operator)
                .contentType("application/json")
                .body(Map.of("templateId", 101, "userVersion", "x", "userDesc", "d", "maxConcurrent", 0))
                .post("/api/platform/wechat/rollouts")
                .then()
                .statusCode(400);
    }

    /** A push as WeChat signs it, with the sandbox's component credentials. */
    private io.restassured.response.Response push(
            String path, Map<String, Object> message, long timestamp, String nonce) {
        var crypto = io.mendian.wechat.WxCrypto.of(settings.component());
        String encrypted = crypto.encrypt(io.mendian.wechat.WxXml.write(message));
        String ts = Long.toString(timestamp);
        return given().urlEncodingEnabled(false)
                .contentType("text/xml")
                .body(io.mendian.wechat.WxXml.write(Map.of("ToUserName", "x", "Encrypt", encrypted)))
                .post(path + "?timestamp=" + ts + "&nonce=" + nonce + "&encrypt_type=aes&msg_signature="
                        + java.net.URLEncoder.encode(
                                crypto.signature(ts, nonce, encrypted), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Map<String, Object> ticket(String value) {
        return Map.of(
                "AppId",
                "wx0000000000c0de01",
                "CreateTime",
                System.currentTimeMillis() / 1000,
                "InfoType",
                "component_verify_ticket",
                "ComponentVerifyTicket",
                value);
    }

    private String currentTicket() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> (String) io.mendian.platform.miniapp.persistence.MiniAppEntity.getEntityManager()
                        .createNativeQuery(
                                "select ticket from platform.wechat_ticket where component_appid = 'wx0000000000c0de01'")
                        .getSingleResult());
    }

    @Test
    void aSignedPushIsTrustedOnceWithinItsWindowAndOnlyForItsOwnMiniProgram() {
        long now = System.currentTimeMillis() / 1000;
        // Signed, but captured an hour ago.
        push("/wechat/open/notify/auth", ticket("ticket@@@stale"), now - 3600, "stale1")
                .then()
                .statusCode(401)
                .body("type", equalTo("https://mendian.io/problems/stale-push"));
        // A push handled once is acknowledged again but not handled again: the newer ticket stays.
        push("/wechat/open/notify/auth", ticket("ticket@@@first"), now, "nonce-first")
                .then()
                .statusCode(200);
        push("/wechat/open/notify/auth", ticket("ticket@@@second"), now, "nonce-second")
                .then()
                .statusCode(200);
        assertEquals("ticket@@@second", currentTicket());
        push("/wechat/open/notify/auth", ticket("ticket@@@first"), now, "nonce-first")
                .then()
                .statusCode(200);
        assertEquals("ticket@@@second", currentTicket());

        // A message for one mini-program cannot be delivered to another's URL, nor to an appid nobody authorized.
        ensureTicket();
        Brand brand = Brands.anActiveBrand("push-appid");
        String appid = MiniApps.freshAppid();
        MiniApps.authorize(brand, appid);
        // Its tokens rest sealed, bound to the appid.
        Object[] raw = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> (Object[]) io.mendian.platform.miniapp.persistence.MiniAppEntity.getEntityManager()
                        .createNativeQuery(
                                "select access_token, refresh_token_enc from platform.wechat_token where appid = ?1")
                        .setParameter(1, appid)
                        .getSingleResult());
        assertTrue(
                ((String) raw[0]).startsWith("v2:") && ((String) raw[1]).startsWith("v2:"),
                java.util.Arrays.toString(raw));
        String other = MiniApps.freshAppid();
        Map<String, Object> audit = Map.of(
                "ToUserName",
                io.mendian.wechat.sandbox.SandboxPusher.originalId(other),
                "FromUserName",
                "o",
                "CreateTime",
                now,
                "MsgType",
                "event",
                "Event",
                "weapp_audit_success");
        push("/wechat/open/notify/apps/" + appid, audit, now, "nonce-mismatch")
                .then()
                .statusCode(401)
                .body("type", equalTo("https://mendian.io/problems/push-appid-mismatch"));
        push("/wechat/open/notify/apps/" + other, audit, now, "nonce-nobody")
                .then()
                .statusCode(401);
    }

    @Inject
    io.mendian.platform.signup.Faults faults;

    @Test
    void aRefreshTokenWeChatRotatedToSurvivesAFailureBeforeTheCommit() {
        ensureTicket();
        Brand brand = Brands.anActiveBrand("rotate");
        String appid = MiniApps.freshAppid();
        MiniApps.authorize(brand, appid);
        tokens.authorizerToken(appid);
        expireAuthorizerToken(appid);
        // WeChat answers with a new refresh token (the old one now dead), then this instance fails before committing.
        faults.armFailure("token.after-refresh-reply");
        assertThrows(RuntimeException.class, () -> tokens.authorizerToken(appid));
        assertTrue(faults.tripped("token.after-refresh-reply"));
        expireAuthorizerToken(appid);
        assertNotNull(tokens.authorizerToken(appid), "the journaled refresh token still works");
    }

    private static void expireAuthorizerToken(String appid) {
        QuarkusTransaction.requiringNew()
                .run(() -> MiniAppEntity.getEntityManager()
                        .createNativeQuery(
                                "update platform.wechat_token set expires_at = now() - interval '1 minute' where appid = ?1")
                        .setParameter(1, appid)
                        .executeUpdate());
    }

    @Test
    void weChatBeingBusyIsRetriedAndTheBrandNeverNotices() {
        ensureTicket();
        Brand brand = Brands.anActiveBrand("busy");
        given().post(SANDBOX + "/test/busy?times=2").then().statusCode(200);
        as(brand.adminToken()).post("/api/hq/miniapp/authorization").then().statusCode(200);
        given().post(SANDBOX + "/test/busy?times=0").then().statusCode(200);
    }
}
