package io.mendian.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Hostile and careless input on the store endpoints: always a 4xx problem body, never a 500, nothing half-written. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class HqStoreBadInputTest {

    private static Brand brand;
    private static String token;

    @BeforeEach
    void aBrand() {
        if (brand == null) {
            brand = Brands.anActiveBrand("bad");
            token = brand.adminToken();
        }
    }

    private static RequestSpecification admin() {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID());
    }

    private static Map<String, Object> aStore(String code) {
        Map<String, Object> store = new HashMap<>();
        store.put("code", code);
        store.put("name", "Store " + code);
        store.put("city", "Shanghai");
        store.put("address", "1 Huaihai Rd");
        store.put("latitude", 31.2304);
        store.put("longitude", 121.4737);
        return store;
    }

    @Test
    void malformedJsonIsA400Problem() {
        admin().body("{\"code\": \"A1\", \"name\": ")
                .post("/api/hq/stores")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://mendian.io/problems/malformed-body"));
    }

    @Test
    void wrongTypesAreA400ProblemNamingTheField() {
        Map<String, Object> store = aStore("T1");
        store.put("latitude", "north");
        admin().body(store)
                .post("/api/hq/stores")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .body("detail", containsString("latitude"));
        store.put("latitude", 31.23);
        store.put("status", "HAUNTED");
        admin().body(store).post("/api/hq/stores").then().statusCode(400).body("detail", containsString("status"));
    }

    @Test
    void coordinatesOutsideTheRangeOrBeyondWhatMapsPlaceAreRejected() {
        Map<String, Object> store = aStore("G1");
        store.put("latitude", 91);
        admin().body(store).post("/api/hq/stores").then().statusCode(400).body("violations.field", hasItem("latitude"));
        store.put("latitude", 86.5);
        store.put("longitude", 2.3522);
        admin().body(store)
                .post("/api/hq/stores")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/invalid-coordinates"));
        store.put("latitude", 31.1234567);
        store.put("longitude", 121.4737);
        admin().body(store).post("/api/hq/stores").then().statusCode(400);
    }

    @Test
    void oversizedBodiesAreRejectedWithAProblem() {
        Map<String, Object> store = aStore("BIG");
        store.put("address", "x".repeat(2_000_000));
        admin().body(store)
                .post("/api/hq/stores")
                .then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void sqlMetaCharactersAreJustText() {
        given().auth()
                .oauth2(token)
                .queryParam("q", "'; drop table store; --%_\\")
                .get("/api/hq/stores")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        admin().body(aStore("x'; drop table store;--"))
                .post("/api/hq/stores")
                .then()
                .statusCode(400);
        Map<String, Object> store = aStore("SQL1");
        store.put("name", "Robert'); DROP TABLE store;--");
        admin().body(store)
                .post("/api/hq/stores")
                .then()
                .statusCode(201)
                .body("name", equalTo("Robert'); DROP TABLE store;--"));
    }

    @Test
    void pagingOutOfRangeIsA400WithTheLimit() {
        given().auth()
                .oauth2(token)
                .queryParam("size", 1000)
                .get("/api/hq/stores")
                .then()
                .statusCode(400)
                .body("maxSize", equalTo(100));
        given().auth()
                .oauth2(token)
                .queryParam("page", -1)
                .get("/api/hq/stores")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(token)
                .queryParam("size", "ten")
                .get("/api/hq/stores")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(token)
                .queryParam("status", "HAUNTED")
                .get("/api/hq/stores")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(token)
                .queryParam("regionId", "abc")
                .get("/api/hq/stores")
                .then()
                .statusCode(400);
    }

    @Test
    void unknownRegionDuplicateCodeAndMissingKeyAreClearProblems() {
        Map<String, Object> store = aStore("R1");
        store.put("regionId", 999_999);
        admin().body(store)
                .post("/api/hq/stores")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/unknown-region"));
        admin().body(aStore("DUP1")).post("/api/hq/stores").then().statusCode(201);
        admin().body(aStore("DUP1"))
                .post("/api/hq/stores")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/duplicate-store-code"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(aStore("NOKEY"))
                .post("/api/hq/stores")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/idempotency-key-missing"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.TEXT)
                .body("hello")
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .post("/api/hq/stores")
                .then()
                .statusCode(415)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(token)
                .get("/api/hq/stores/not-a-number")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aRetriedCreateReturnsTheFirstResultEvenWhenConcurrent() throws Exception {
        String key = "k-" + UUID.randomUUID();
        Map<String, Object> store = aStore("IDEM1");
        Callable<Integer> call = () -> ((Number) given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .header("Idempotency-Key", key)
                        .body(store)
                        .post("/api/hq/stores")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .intValue();
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Integer> ids = pool.invokeAll(List.of(call, call, call, call)).stream()
                    .map(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    })
                    .toList();
            assertEquals(1, ids.stream().distinct().count(), "one store for one key: " + ids);
        }
        given().auth()
                .oauth2(token)
                .queryParam("q", "IDEM1")
                .get("/api/hq/stores")
                .then()
                .body("total", equalTo(1));
        store.put("name", "different");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(store)
                .post("/api/hq/stores")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/idempotency-key-reused"));
    }

    @Test
    void aClosedStoreCannotReopenAndStaleVersionsConflict() {
        Map<String, Object> store = aStore("LIFE1");
        int id = admin().body(store)
                .post("/api/hq/stores")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        store.put("status", "CLOSED");
        admin().body(store).put("/api/hq/stores/" + id).then().statusCode(200).body("status", equalTo("CLOSED"));
        store.put("status", "OPEN");
        admin().body(store)
                .put("/api/hq/stores/" + id)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/invalid-status-change"));
        store.put("status", "CLOSED");
        store.put("version", 0);
        admin().body(store).put("/api/hq/stores/" + id).then().statusCode(409);
    }
}
