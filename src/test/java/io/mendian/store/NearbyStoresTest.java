package io.mendian.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.identity.Grant;
import io.mendian.identity.Role;
import io.mendian.identity.Scope;
import io.mendian.identity.StaffAccounts;
import io.mendian.tenancy.RedisKeys;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class NearbyStoresTest {

    private static final Map<String, Object> ALWAYS_OPEN = Map.of(
            "weekly",
            Map.of(
                    "MONDAY",
                    List.of("00:00-24:00"),
                    "TUESDAY",
                    List.of("00:00-24:00"),
                    "WEDNESDAY",
                    List.of("00:00-24:00"),
                    "THURSDAY",
                    List.of("00:00-24:00"),
                    "FRIDAY",
                    List.of("00:00-24:00"),
                    "SATURDAY",
                    List.of("00:00-24:00"),
                    "SUNDAY",
                    List.of("00:00-24:00")));

    @Inject
    StaffAccounts accounts;

    @Inject
    RedisDataSource redis;

    private static long aStore(
            String token,
            String code,
            String status,
            double lat,
            double lng,
            Map<String, Object> hours,
            int deliveryRadius) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "code",
                code,
                "name",
                "Store " + code,
                "city",
                "Shanghai",
                "address",
                "1 Test Rd",
                "latitude",
                lat,
                "longitude",
                lng,
                "status",
                status,
                "fulfilment",
                Map.of(
                        "pickup",
                        true,
                        "express",
                        false,
                        "delivery",
                        Map.of(
                                "enabled",
                                deliveryRadius > 0,
                                "radiusMeters",
                                deliveryRadius,
                                "feeFen",
                                500,
                                "minimumOrderFen",
                                2000))));
        if (hours != null) {
            body.put("hours", hours);
        }
        return ((Number) given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .header("Idempotency-Key", "k-" + UUID.randomUUID())
                        .body(body)
                        .post("/api/hq/stores")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    @Test
    void nearestOpenStoresComeFirstWithDistanceOpeningAndDelivery() {
        Brand brand = Brands.anActiveBrand("near");
        String admin = brand.adminToken();
        // People's Square is the search point; Jing'an ~2.5 km, Lujiazui ~4.5 km, Hongqiao ~13 km.
        long jingan = aStore(admin, "JA", "OPEN", 31.2235, 121.4458, ALWAYS_OPEN, 3000);
        long lujiazui = aStore(admin, "LJZ", "PAUSED", 31.2397, 121.5200, ALWAYS_OPEN, 0);
        aStore(admin, "HQ-AIRPORT", "OPEN", 31.1979, 121.3363, null, 0);
        aStore(admin, "GONE", "CLOSED", 31.2305, 121.4738, ALWAYS_OPEN, 0);
        aStore(admin, "SOON", "PREPARING", 31.2306, 121.4739, ALWAYS_OPEN, 0);

        given().queryParam("lat", 31.2304)
                .queryParam("lng", 121.4737)
                .queryParam("radius", 20000)
                .get("/api/shop/" + brand.appid() + "/stores/nearby")
                .then()
                .statusCode(200)
                .body("[0].code", nullValue())
                .body("id", contains((int) jingan, (int) lujiazui, (int) (lujiazui + 1)))
                .body("[0].distanceMeters", lessThan(3000))
                .body("[0].openNow", equalTo(true))
                .body("[0].deliversHere", equalTo(true))
                .body("[1].openNow", equalTo(false))
                .body("[1].status", equalTo("PAUSED"))
                .body("[1].deliversHere", equalTo(false))
                .body("[2].openNow", equalTo(false))
                .body("[2].nextOpeningAt", nullValue());
        given().queryParam("lat", 31.2304)
                .queryParam("lng", 121.4737)
                .queryParam("radius", 5000)
                .queryParam("limit", 1)
                .get("/api/shop/" + brand.appid() + "/stores/nearby")
                .then()
                .statusCode(200)
                .body("id", contains((int) jingan));
    }

    @Test
    void withRedisDownTheSameStoresAreFoundInPostgreSQL() throws Exception {
        Brand brand = Brands.anActiveBrand("nearpg");
        String admin = brand.adminToken();
        aStore(admin, "JA", "OPEN", 31.2235, 121.4458, ALWAYS_OPEN, 3000);
        aStore(admin, "LJZ", "PAUSED", 31.2397, 121.5200, ALWAYS_OPEN, 0);
        aStore(admin, "XJH", "OPEN", 31.1950, 121.4370, ALWAYS_OPEN, 5000);
        aStore(admin, "HQ-AIRPORT", "OPEN", 31.1979, 121.3363, null, 0);
        long closed = aStore(admin, "GONE", "CLOSED", 31.2305, 121.4738, ALWAYS_OPEN, 0);
        List<String> searches = List.of("radius=20000", "radius=5000", "radius=20000&limit=2", "radius=300");
        Map<String, List<Map<String, Object>>> indexed = new HashMap<>();
        for (String search : searches) {
            indexed.put(search, nearby(brand, search));
        }
        InfraTestResource.infra().stopRedis();
        try {
            for (String search : searches) {
                List<Map<String, Object>> expected = indexed.get(search);
                List<Map<String, Object>> found = nearby(brand, search);
                assertEquals(withoutDistance(expected), withoutDistance(found), "from PostgreSQL, " + search);
                for (int i = 0; i < found.size(); i++) {
                    // Redis GEO stores positions as 52-bit geohashes: distances agree to well within a few meters.
                    assertEquals(
                            ((Number) expected.get(i).get("distanceMeters")).doubleValue(),
                            ((Number) found.get(i).get("distanceMeters")).doubleValue(),
                            3.0,
                            search);
                }
            }
            given().get("/api/shop/" + brand.appid() + "/stores/" + closed)
                    .then()
                    .statusCode(404);
        } finally {
            InfraTestResource.infra().startRedis();
        }
    }

    /** The nearby answer for People's Square. */
    private static List<Map<String, Object>> nearby(Brand brand, String search) {
        return given().get("/api/shop/" + brand.appid() + "/stores/nearby?lat=31.2304&lng=121.4737&" + search)
                .then()
                .statusCode(200)
                .extract()
                .path("");
    }

    private static List<Map<String, Object>> withoutDistance(List<Map<String, Object>> stores) {
        return stores.stream()
                .map(store -> {
                    Map<String, Object> copy = new HashMap<>(store);
                    copy.remove("distanceMeters");
                    return copy;
                })
                .toList();
    }

    @Test
    void theIndexFollowsEveryCommittedChangeAndRebuildsAfterRedisLosesIt() {
        Brand brand = Brands.anActiveBrand("geo");
        String admin = brand.adminToken();
        long store = aStore(admin, "MOVE", "OPEN", 31.2235, 121.4458, ALWAYS_OPEN, 0);
        var near =
                given().queryParam("lat", 31.2235).queryParam("lng", 121.4458).queryParam("radius", 1000);
        near.get("/api/shop/" + brand.appid() + "/stores/nearby").then().body("id", contains((int) store));

        // Move it to Hangzhou: the Shanghai search no longer finds it.
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        "MOVE",
                        "name",
                        "Moved",
                        "city",
                        "Hangzhou",
                        "address",
                        "1 Lake Rd",
                        "latitude",
                        30.2741,
                        "longitude",
                        120.1551,
                        "status",
                        "OPEN",
                        "hours",
                        ALWAYS_OPEN))
                .put("/api/hq/stores/" + store)
                .then()
                .statusCode(200);
        given().queryParam("lat", 31.2235)
                .queryParam("lng", 121.4458)
                .queryParam("radius", 1000)
                .get("/api/shop/" + brand.appid() + "/stores/nearby")
                .then()
                .body("$", hasSize(0));

        redis.key()
                .del(
                        RedisKeys.tenant(brand.tenant(), "stores", "geo"),
                        RedisKeys.tenant(brand.tenant(), "stores", "views"),
                        RedisKeys.tenant(brand.tenant(), "stores", "geo", "ready"));
        given().queryParam("lat", 30.2741)
                .queryParam("lng", 120.1551)
                .queryParam("radius", 1000)
                .get("/api/shop/" + brand.appid() + "/stores/nearby")
                .then()
                .body("id", contains((int) store))
                .body("[0].name", equalTo("Moved"));
    }

    @Test
    void aRebuildNeverOverwritesAChangeCommittedWhileItRan() throws Exception {
        Brand brand = Brands.anActiveBrand("rebuild");
        String admin = brand.adminToken();
        long store = aStore(admin, "SWAP", "OPEN", 31.2235, 121.4458, ALWAYS_OPEN, 0);
        String nearby = "/api/shop/" + brand.appid() + "/stores/nearby";
        redis.key().del(RedisKeys.tenant(brand.tenant(), "stores", "geo", "ready"));
        var snapshotTaken = new java.util.concurrent.CountDownLatch(1);
        var changeCommitted = new java.util.concurrent.CountDownLatch(1);
        io.mendian.store.app.StoreIndexWriter.pauseAfterSnapshot(b -> {
            if (b.equals(brand.tenant())) {
                snapshotTaken.countDown();
                try {
                    changeCommitted.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try (var pool = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            // This search finds the index missing and rebuilds it from a snapshot with the store in Shanghai...
            var search = pool.submit(() -> given().queryParam("lat", 31.2235)
                    .queryParam("lng", 121.4458)
                    .get(nearby)
                    .statusCode());
            assertTrue(snapshotTaken.await(20, java.util.concurrent.TimeUnit.SECONDS), "the rebuild took its snapshot");
            // ...while the store moves to Hangzhou and the move commits.
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "code",
                            "SWAP",
                            "name",
                            "Moved",
                            "city",
                            "Hangzhou",
                            "address",
                            "1 Lake Rd",
                            "latitude",
                            30.2741,
                            "longitude",
                            120.1551,
                            "status",
                            "OPEN",
                            "hours",
                            ALWAYS_OPEN))
                    .put("/api/hq/stores/" + store)
                    .then()
                    .statusCode(200);
            changeCommitted.countDown();
            assertEquals(200, search.get());
        } finally {
            io.mendian.store.app.StoreIndexWriter.pauseAfterSnapshot(null);
        }
        given().queryParam("lat", 30.2741)
                .queryParam("lng", 120.1551)
                .queryParam("radius", 1000)
                .get(nearby)
                .then()
                .body("id", contains((int) store))
                .body("[0].name", equalTo("Moved"));
        given().queryParam("lat", 31.2235)
                .queryParam("lng", 121.4458)
                .queryParam("radius", 1000)
                .get(nearby)
                .then()
                .body("$", hasSize(0));
    }

    @Test
    void badCoordinatesAndUnsupportedFiltersAre400() {
        Brand brand = Brands.anActiveBrand("badgeo");
        String path = "/api/shop/" + brand.appid() + "/stores/nearby";
        given().queryParam("lat", 91)
                .queryParam("lng", 121)
                .get(path)
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/invalid-lat"));
        given().queryParam("lat", 31).queryParam("lng", -181).get(path).then().statusCode(400);
        given().queryParam("lat", "north")
                .queryParam("lng", 121)
                .get(path)
                .then()
                .statusCode(400);
        given().queryParam("lng", 121).get(path).then().statusCode(400);
        given().queryParam("lat", 31)
                .queryParam("lng", 121)
                .queryParam("radius", 0)
                .get(path)
                .then()
                .statusCode(400);
        given().queryParam("lat", 31)
                .queryParam("lng", 121)
                .queryParam("limit", 500)
                .get(path)
                .then()
                .statusCode(400);
        given().queryParam("lat", 31)
                .queryParam("lng", 121)
                .queryParam("skuId", "not-a-sku")
                .get(path)
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/invalid-skuId"));
    }

    @Test
    void theWholeDocumentedRangeAnswersWithoutAServerErrorAndOnlyPlainDecimalsAreCoordinates() {
        Brand brand = Brands.anActiveBrand("edgegeo");
        aStore(brand.adminToken(), "EDGE", "OPEN", 31.2235, 121.4458, ALWAYS_OPEN, 0);
        String path = "/api/shop/" + brand.appid() + "/stores/nearby";
        // Redis GEO indexes latitudes up to 85.05112878 only; beyond it there is simply no store nearby.
        for (String lat : List.of("90", "-90", "89.999999", "85.05112879", "-85.06", "85.05112878", "0")) {
            for (String lng : List.of("180", "-180", "179.999999", "0", "121.4458")) {
                given().queryParam("lat", lat)
                        .queryParam("lng", lng)
                        .get(path)
                        .then()
                        .statusCode(200);
            }
        }
        for (String bad : List.of(
                "1e1", "3.1e1", "+31", "31.", ".5", "0x1f", "31,2", "9".repeat(40), "31." + "1".repeat(13), "٣١")) {
            given().queryParam("lat", bad)
                    .queryParam("lng", 121)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .body("type", equalTo("https://mendian.io/problems/invalid-lat"));
        }
    }

    @Test
    void storeStaffEditTheirProfileButNotStatusAndAnotherBrandsAppidCannotReachTheirStore() {
        Brand brand = Brands.anActiveBrand("profile");
        String admin = brand.adminToken();
        long store = aStore(admin, "P1", "OPEN", 31.2235, 121.4458, null, 0);
        String manager = Brands.aStaffMember(
                accounts,
                brand,
                "mgr-p1",
                List.of(new Grant(brand.tenant(), Role.STORE_MANAGER, new Scope.Store(store))));
        String clerk = Brands.aStaffMember(
                accounts,
                brand,
                "clerk-p1",
                List.of(new Grant(brand.tenant(), Role.STORE_CLERK, new Scope.Store(store))));
        Map<String, Object> profile = Map.of(
                "phone",
                "021-6666-8888",
                "hours",
                ALWAYS_OPEN,
                "status",
                "CLOSED",
                "customerService",
                Map.of("wechatId", "p1-service"));
        given().auth()
                .oauth2(manager)
                .contentType(ContentType.JSON)
                .body(profile)
                .put("/api/store/" + store + "/profile")
                .then()
                .statusCode(200)
                .body("phone", equalTo("021-6666-8888"))
                .body("status", equalTo("OPEN"))
                .body("openNow", equalTo(true));
        given().auth()
                .oauth2(clerk)
                .contentType(ContentType.JSON)
                .body(profile)
                .put("/api/store/" + store + "/profile")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(manager)
                .contentType(ContentType.JSON)
                .body(Map.of("hours", Map.of("weekly", Map.of("MONDAY", List.of("9-21")))))
                .put("/api/store/" + store + "/profile")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/invalid-hours"));
        given().get("/api/shop/" + brand.appid() + "/stores/" + store)
                .then()
                .statusCode(200)
                .body("customerService.wechatId", equalTo("p1-service"))
                .body("openNow", equalTo(true));

        Brand other = Brands.anActiveBrand("profile-b");
        given().get("/api/shop/" + other.appid() + "/stores/" + store).then().statusCode(404);
        given().get("/api/shop/" + brand.appid() + "/stores/999999")
                .then()
                .statusCode(404)
                .body("detail", notNullValue());
    }
}
