package io.mendian.identity;

import static io.mendian.testsupport.Api.as;
import static io.mendian.testsupport.Api.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class StaffRbacTest {

    @Inject
    StaffAccounts accounts;

    private static long aStore(String token, String code, long region) {
        return create(
                token,
                "/api/hq/stores",
                Map.of(
                        "code",
                        code,
                        "name",
                        code,
                        "city",
                        "Wuhan",
                        "address",
                        "1 Rd",
                        "latitude",
                        30.59,
                        "longitude",
                        114.30,
                        "regionId",
                        region));
    }

    private static Response invite(String token, String email, String role, String scope) {
        return as(token)
                .body(Map.of("email", email, "grants", List.of(Map.of("role", role, "scope", scope))))
                .post("/api/hq/staff");
    }

    @Test
    void nobodyGrantsARoleAboveTheirOwnOrOutsideTheirScopeAndChangesReachTheNextToken() {
        Brand brand = Brands.anActiveBrand("rbac");
        String admin = brand.adminToken();
        long central = create(admin, "/api/hq/regions", Map.of("code", "C", "name", "Central"));
        long west = create(admin, "/api/hq/regions", Map.of("code", "W", "name", "West"));
        long wuhan = aStore(admin, "WH", central);
        long changsha = aStore(admin, "CS", central);
        long chengdu = aStore(admin, "CD", west);

        Response invited = invite(admin, "rm@" + brand.slug() + ".example", "region_manager", "region/" + central);
        invited.then()
                .statusCode(201)
                .body("initialPassword", notNullValue())
                .body("grants", contains(brand.slug() + ":region_manager:region/" + central));
        String rm = Keycloak.tokenFor("rm@" + brand.slug() + ".example", invited.path("initialPassword"));

        invite(rm, "boss@" + brand.slug() + ".example", "hq_admin", "all")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/above-your-role"));
        invite(rm, "west@" + brand.slug() + ".example", "store_manager", "store/" + chengdu)
                .then()
                .statusCode(403);
        Response manager = invite(rm, "mgr@" + brand.slug() + ".example", "store_manager", "store/" + wuhan);
        manager.then().statusCode(201);
        String mgr = Keycloak.tokenFor("mgr@" + brand.slug() + ".example", manager.path("initialPassword"));
        invite(mgr, "peer@" + brand.slug() + ".example", "region_manager", "region/" + central)
                .then()
                .statusCode(403);
        invite(mgr, "elsewhere@" + brand.slug() + ".example", "store_clerk", "store/" + changsha)
                .then()
                .statusCode(403);
        Response clerk = invite(mgr, "clerk@" + brand.slug() + ".example", "store_clerk", "store/" + wuhan);
        clerk.then().statusCode(201);
        String clerkId = clerk.path("userId");
        String clerkPassword = clerk.path("initialPassword");
        invite(admin, "ghost@" + brand.slug() + ".example", "store_clerk", "store/999999")
                .then()
                .statusCode(422);

        // The store manager cannot touch the region manager who is above them, nor themself.
        as(mgr).body(Map.of("grants", List.of()))
                .put("/api/hq/staff/" + invited.path("userId") + "/grants")
                .then()
                .statusCode(403);
        as(mgr).body(Map.of("grants", List.of()))
                .put("/api/hq/staff/" + manager.path("userId") + "/grants")
                .then()
                .statusCode(409);

        // Move the clerk to Changsha: the next token carries it.
        given().auth()
                .oauth2(Keycloak.tokenFor("clerk@" + brand.slug() + ".example", clerkPassword))
                .get("/api/store/" + wuhan)
                .then()
                .statusCode(200);
        as(rm).body(Map.of("grants", List.of(Map.of("role", "store_clerk", "scope", "store/" + changsha))))
                .put("/api/hq/staff/" + clerkId + "/grants")
                .then()
                .statusCode(200)
                .body("grants", contains(brand.slug() + ":store_clerk:store/" + changsha));
        String moved = Keycloak.tokenFor("clerk@" + brand.slug() + ".example", clerkPassword);
        given().auth().oauth2(moved).get("/api/store/" + wuhan).then().statusCode(403);
        given().auth().oauth2(moved).get("/api/store/" + changsha).then().statusCode(200);

        // Disable, enable, revoke.
        as(admin)
                .post("/api/hq/staff/" + clerkId + "/disable")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        given().baseUri(Keycloak.url())
                .formParam("grant_type", "password")
                .formParam("client_id", "mendian-dev-cli")
                .formParam("username", "clerk@" + brand.slug() + ".example")
                .formParam("password", clerkPassword)
                .post("/realms/mendian/protocol/openid-connect/token")
                .then()
                .statusCode(400);
        as(admin)
                .post("/api/hq/staff/" + clerkId + "/enable")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true));
        as(admin).delete("/api/hq/staff/" + clerkId).then().statusCode(204);
        String revoked = Keycloak.tokenFor("clerk@" + brand.slug() + ".example", clerkPassword);
        given().auth().oauth2(revoked).get("/api/store/" + changsha).then().statusCode(403);

        given().auth()
                .oauth2(admin)
                .get("/api/hq/staff/audit")
                .then()
                .statusCode(200)
                .body("items.action", hasItem("staff.revoke"))
                .body("items.action", hasItem("staff.disable"))
                .body("items.action", hasItem("staff.grants"))
                .body("items.action", hasItem("staff.invite"));
        given().auth().oauth2(rm).get("/api/hq/staff/audit").then().statusCode(403);
        given().auth()
                .oauth2(rm)
                .get("/api/hq/staff")
                .then()
                .statusCode(200)
                .body("items.username", hasItem("mgr@" + brand.slug() + ".example"));
    }
}
