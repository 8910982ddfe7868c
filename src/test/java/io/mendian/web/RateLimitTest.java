package io.mendian.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Anonymous traffic is limited per client (behind the trusted proxy) and in total, atomically, with bounded keys. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mendian.shop.rate-limit.per-client-per-minute", "20",
                    "mendian.signup.rate-limit-per-hour", "2",
                    "mendian.signup.rate-limit-global-per-hour", "1000");
        }
    }

    @Inject
    RateLimiter limiter;

    @Inject
    RedisDataSource redis;

    /** Fixed windows: start a burst early in a minute so that it cannot straddle two. */
    private static void awaitFreshMinute() {
        long intoMinute = (System.currentTimeMillis() / 1000) % 60;
        if (intoMinute > 45) {
            Brands.sleep((61 - intoMinute) * 1000);
        }
    }

    @Test
    void shopTrafficIsLimitedPerClientBehindTheTrustedProxyWhileOtherClientsGetIn() {
        Brand brand = Brands.anActiveBrand("rate-shop");
        awaitFreshMinute();
        for (int i = 0; i < 20; i++) {
            given().header("X-Forwarded-For", "203.0.113.7")
                    .get("/api/shop/" + brand.appid() + "/ping")
                    .then()
                    .statusCode(200);
        }
        given().header("X-Forwarded-For", "203.0.113.7")
                .get("/api/shop/" + brand.appid() + "/ping")
                .then()
                .statusCode(429)
                .body("type", equalTo("https://mendian.io/problems/rate-limited"));
        given().header("X-Forwarded-For", "203.0.113.8")
                .get("/api/shop/" + brand.appid() + "/ping")
                .then()
                .statusCode(200);
        // An appid that is nobody's is turned away before anything is counted.
        given().get("/api/shop/wx0123456789abcdef/ping").then().statusCode(404);
        assertEquals(List.of(), redis.key().keys("p:rl:shop:wx0123456789abcdef*"));
    }

    @Test
    void signupsAreLimitedPerClient() {
        for (int i = 0; i < 2; i++) {
            signup("198.51.100.10").then().statusCode(202);
        }
        signup("198.51.100.10")
                .then()
                .statusCode(429)
                .body("type", equalTo("https://mendian.io/problems/rate-limited"));
        signup("198.51.100.23").then().statusCode(202);
    }

    private static io.restassured.response.Response signup(String client) {
        return given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .header("X-Forwarded-For", client)
                .body(Brands.signupBody(Brands.freshSlug("rate-signup")))
                .post("/api/signup");
    }

    @Test
    void concurrentRequestsNeverShareTheLastUnitAndEveryKeyExpires() throws Exception {
        var limit = new RateLimiter.Limit(
                "race-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMinutes(1), 19, 100_000);
        var pool = Executors.newFixedThreadPool(16);
        List<Future<RateLimiter.Verdict>> verdicts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            verdicts.add(
                    pool.submit((Callable<RateLimiter.Verdict>) () -> limiter.acquire(limit, "all", "one-client")));
        }
        long allowed = 0;
        for (var v : verdicts) {
            allowed += v.get() == RateLimiter.Verdict.ALLOWED ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(19, allowed, "exactly the limit, under 200 concurrent requests");
        for (String key : redis.key().keys("p:rl:" + limit.name() + ":*")) {
            long ttl = redis.key().pttl(key);
            assertTrue(ttl > 0 && ttl <= 60_000, key + " expires with its window, ttl " + ttl);
        }
    }

    @Test
    void onceTheCeilingIsReachedNewClientsCreateNoKeys() {
        var limit = new RateLimiter.Limit(
                "ceiling-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMinutes(1), 5, 10);
        long allowed = 0;
        for (int i = 0; i < 40; i++) {
            allowed += limiter.acquire(limit, "all", "client-" + i) == RateLimiter.Verdict.ALLOWED ? 1 : 0;
        }
        assertEquals(10, allowed);
        assertEquals(10, redis.key().keys("p:rl:" + limit.name() + ":*:c:*").size());
    }
}
