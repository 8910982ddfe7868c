package io.mendian.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What an anonymous caller can make the platform store: nothing for ids that do not exist, nothing without an expiry. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class AnonymousFootprintTest {

    @Inject
    RedisDataSource redis;

    @Test
    void shopRequestsForStoresThatDoNotExistWriteNothingAndEveryCacheKeyExpires() {
        Brand brand = Brands.anActiveBrand("footprint");
        String admin = brand.adminToken();
        long region = ((Number) given().auth()
                        .oauth2(admin)
                        .contentType("application/json")
                        .header("Idempotency-Key", "k-" + UUID.randomUUID())
                        .body(Map.of("code", "R", "name", "R"))
                        .post("/api/hq/regions")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
        long store = ((Number) given().auth()
                        .oauth2(admin)
                        .contentType("application/json")
                        .header("Idempotency-Key", "k-" + UUID.randomUUID())
                        .body(Map.of(
                                "code",
                                "S1",
                                "name",
                                "S1",
                                "city",
                                "Hangzhou",
                                "address",
                                "1 Rd",
                                "regionId",
                                region,
                                "latitude",
                                30.27,
                                "longitude",
                                120.15,
                                "status",
                                "OPEN"))
                        .post("/api/hq/stores")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
        String shop = "/api/shop/" + brand.appid() + "/stores/";
        Set<String> before = new HashSet<>(redis.key().keys("t:" + brand.slug() + ":*"));

        for (long missing = 900_000; missing < 900_200; missing++) {
            given().get(shop + missing + "/products").then().statusCode(404);
            given().get(shop + missing + "/products/1").then().statusCode(404);
            given().get(shop + missing + "/categories").then().statusCode(404);
        }
        assertEquals(
                before,
                new HashSet<>(redis.key().keys("t:" + brand.slug() + ":*")),
                "no key for a store that does not exist");

        for (int i = 0; i < 20; i++) {
            given().queryParam("q", "anything-" + i)
                    .log()
                    .ifValidationFails()
                    .get(shop + store + "/products")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(200);
        }
        given().get(shop + store + "/categories").then().statusCode(200);
        List<String> catalogKeys = redis.key().keys("t:" + brand.slug() + ":catalog:*");
        assertTrue(catalogKeys.size() > 20, "pages and counters were cached: " + catalogKeys);
        for (String key : catalogKeys) {
            assertTrue(redis.key().pttl(key) > 0, key + " has no expiry");
        }
    }
}
