package io.mendian.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.identity.Grant;
import io.mendian.identity.Role;
import io.mendian.identity.Scope;
import io.mendian.identity.StaffAccounts;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class IdempotencyTest {

    @Inject
    StaffAccounts accounts;

    private static Response createCategory(String token, String key, String code) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header(Idempotency.HEADER, key)
                .body(Map.of("code", code, "name", "Category " + code))
                .post("/api/hq/categories");
    }

    @Test
    void twoPeopleWhoPickTheSameKeyNeverSeeEachOthersResponse() {
        Brand brand = Brands.anActiveBrand("idem-callers");
        String first = brand.adminToken();
        String second = Brands.aStaffMember(
                accounts, brand, "second-admin", List.of(new Grant(brand.tenant(), Role.HQ_ADMIN, new Scope.All())));
        String key = "shared-" + UUID.randomUUID();

        long mine = ((Number) createCategory(first, key, "MINE")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
        long theirs = ((Number) createCategory(second, key, "THEIRS")
                        .then()
                        .statusCode(201)
                        .body("code", equalTo("THEIRS"))
                        .extract()
                        .path("id"))
                .longValue();
        assertNotEquals(mine, theirs);
        // Each person's retry still replays their own response.
        createCategory(first, key, "MINE")
                .then()
                .statusCode(201)
                .header(Idempotency.REPLAYED, "true")
                .body("id", equalTo((int) mine));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRejectedUntilTheKeyExpires() throws Exception {
        Brand brand = Brands.anActiveBrand("idem-expiry");
        String admin = brand.adminToken();
        String key = "expiring-" + UUID.randomUUID();
        createCategory(admin, key, "FIRST").then().statusCode(201);
        createCategory(admin, key, "OTHER")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/idempotency-key-reused"));

        try (Connection c = InfraTestResource.infra().dataSource().getConnection();
                var st = c.createStatement()) {
            assertEquals(
                    1,
                    st.executeUpdate("update " + brand.tenant().schema()
                            + ".idempotency_record set created_at = now() - interval '2 days' " + "where idem_key = '"
                            + key + "'"));
        }
        createCategory(admin, key, "OTHER").then().statusCode(201).body("code", equalTo("OTHER"));
    }
}
