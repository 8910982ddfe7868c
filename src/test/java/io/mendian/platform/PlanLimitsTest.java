package io.mendian.platform;

import static io.mendian.testsupport.Api.as;
import static io.mendian.testsupport.Api.create;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Plan limits from tenant-provisioning/plans.yaml: the Basic plan allows 5 open stores. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class PlanLimitsTest {

    private static Map<String, Object> store(String code, String status) {
        return Map.of(
                "code",
                code,
                "name",
                code,
                "city",
                "Xi'an",
                "address",
                "1 Rd",
                "latitude",
                34.34,
                "longitude",
                108.94,
                "status",
                status);
    }

    @Test
    void theBasicPlanAllowsFiveOpenStoresEvenUnderConcurrentCreationAndClosedStoresDoNotCount() throws Exception {
        Brand brand = Brands.anActiveBrand("limits", "basic");
        String admin = brand.adminToken();
        for (int i = 1; i <= 3; i++) {
            create(admin, "/api/hq/stores", store("L" + i, "OPEN"));
        }
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String code = "RACE" + i;
            racers.add(() ->
                    as(admin).body(store(code, "OPEN")).post("/api/hq/stores").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (var future : pool.invokeAll(racers)) {
                statuses.add(future.get());
            }
        }
        assertEquals(2, statuses.stream().filter(s -> s == 201).count(), "two slots left: " + statuses);
        assertEquals(4, statuses.stream().filter(s -> s == 403).count(), statuses.toString());

        as(admin)
                .body(store("L6", "OPEN"))
                .post("/api/hq/stores")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/plan-limit-reached"))
                .body("allowed", equalTo(5))
                .body("plan", equalTo("basic"))
                .body("detail", equalTo("plan Basic allows 5 stores; upgrade your plan to add more"));
        long first = ((Number) io.restassured.RestAssured.given()
                        .auth()
                        .oauth2(admin)
                        .queryParam("q", "L1")
                        .get("/api/hq/stores")
                        .then()
                        .extract()
                        .path("items[0].id"))
                .longValue();
        as(admin)
                .body(store("L1", "CLOSED"))
                .put("/api/hq/stores/" + first)
                .then()
                .statusCode(200);
        create(admin, "/api/hq/stores", store("L6", "OPEN"));

        io.restassured.RestAssured.given()
                .auth()
                .oauth2(admin)
                .get("/api/hq/subscription")
                .then()
                .statusCode(200)
                .body("plan", equalTo("basic"))
                .body("status", equalTo("TRIAL"))
                .body("limits.stores", equalTo(5))
                .body("usage.stores", equalTo(5))
                .body("usage.staff", equalTo(1))
                .body("monthlyPriceFen", equalTo(29900));
    }

    @Test
    void theStaffLimitHoldsUnderConcurrentInvitations() throws Exception {
        Brand brand = Brands.anActiveBrand("staff-limit", "basic");
        String admin = brand.adminToken();
        long store = create(admin, "/api/hq/stores", store("S1", "OPEN"));
        // Basic allows 20 staff; the admin is one. Fill all but two seats.
        for (int i = 0; i < 17; i++) {
            invite(admin, "filler" + i + "@" + brand.slug() + ".example", store)
                    .then()
                    .statusCode(201);
        }
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String email = "racer" + i + "@" + brand.slug() + ".example";
            racers.add(() -> invite(admin, email, store).statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var future : pool.invokeAll(racers)) {
                statuses.add(future.get());
            }
        }
        assertEquals(2, statuses.stream().filter(s -> s == 201).count(), "two seats left: " + statuses);
        assertEquals(
                6, statuses.stream().filter(s -> s == 403).count(), "the rest are told the plan's limit: " + statuses);
    }

    private static io.restassured.response.Response invite(String admin, String email, long store) {
        return as(admin)
                .body(Map.of(
                        "email", email, "grants", List.of(Map.of("role", "store_clerk", "scope", "store/" + store))))
                .post("/api/hq/staff");
    }
}
