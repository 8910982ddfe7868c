package io.mendian.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class StaffScopeTest {

    @Inject
    StaffAccounts accounts;

    private static long create(String token, String path, Map<String, Object> body) {
        return ((Number) given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .header("Idempotency-Key", "fx-" + UUID.randomUUID())
                        .body(body)
                        .post(path)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    private static Map<String, Object> store(String code, long region) {
        return Map.of(
                "code",
                code,
                "name",
                code,
                "city",
                "Nanjing",
                "address",
                "1 Zhongshan Rd",
                "regionId",
                region,
                "latitude",
                32.0603,
                "longitude",
                118.7969);
    }

    @Test
    void aRegionManagerSeesTheStoresOfTheirWholeSubtreeAndNothingElse() {
        Brand brand = Brands.anActiveBrand("scope");
        String admin = brand.adminToken();
        long east = create(admin, "/api/hq/regions", Map.of("code", "EAST", "name", "East"));
        long jiangsu = create(admin, "/api/hq/regions", Map.of("code", "JS", "name", "Jiangsu", "parentId", east));
        long south = create(admin, "/api/hq/regions", Map.of("code", "SOUTH", "name", "South"));
        create(admin, "/api/hq/stores", store("E-1", east));
        long nested = create(admin, "/api/hq/stores", store("JS-1", jiangsu));
        long other = create(admin, "/api/hq/stores", store("S-1", south));
        String manager = Brands.aStaffMember(
                accounts,
                brand,
                "rm-east",
                List.of(new Grant(brand.tenant(), Role.REGION_MANAGER, new Scope.Region(east))));

        given().auth()
                .oauth2(manager)
                .get("/api/hq/stores")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.code", containsInAnyOrder("E-1", "JS-1"));
        given().auth().oauth2(manager).get("/api/hq/stores/" + nested).then().statusCode(200);
        given().auth().oauth2(manager).get("/api/hq/stores/" + other).then().statusCode(403);
        given().auth().oauth2(manager).get("/api/store/" + nested).then().statusCode(200);
        given().auth().oauth2(manager).get("/api/store/" + other).then().statusCode(403);
        given().auth()
                .oauth2(manager)
                .get("/api/hq/regions")
                .then()
                .statusCode(200)
                .body("code", containsInAnyOrder("EAST", "JS"));
        given().auth()
                .oauth2(manager)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(store("E-2", east))
                .post("/api/hq/stores")
                .then()
                .statusCode(403);
        // A region cannot be moved under its own subtree.
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("code", "EAST", "name", "East", "parentId", jiangsu))
                .put("/api/hq/regions/" + east)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/region-cycle"));
        given().auth().oauth2(admin).delete("/api/hq/regions/" + south).then().statusCode(409);
    }

    @Test
    void someoneInTwoBrandsChoosesOneWithXTenantAndCannotChooseAThird() {
        Brand first = Brands.anActiveBrand("multi-a");
        Brand second = Brands.anActiveBrand("multi-b");
        Brand third = Brands.anActiveBrand("multi-c");
        String email = "consultant@" + first.slug() + ".example";
        String userId = accounts.ensureUser(email, "consultant");
        accounts.addGrants(
                userId,
                List.of(
                        new Grant(first.tenant(), Role.HQ_STAFF, new Scope.All()),
                        new Grant(second.tenant(), Role.HQ_ADMIN, new Scope.All()),
                        new Grant(third.tenant(), Role.HQ_ADMIN, new Scope.All())));
        accounts.ensureMember(accounts.findOrganization(first.tenant()).orElseThrow(), userId);
        accounts.ensureMember(accounts.findOrganization(second.tenant()).orElseThrow(), userId);
        String password = accounts.resetPassword(userId, false);
        // Keycloak maps no organization at all for a multi-brand user who asks for plain "organization": fail closed.
        String plain = io.mendian.testsupport.Keycloak.tokenFor(email, password);
        given().auth()
                .oauth2(plain)
                .get("/api/hq/stores")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/no-tenant"));
        String token = io.mendian.testsupport.Keycloak.tokenFor(email, password, "openid organization:*");

        given().auth()
                .oauth2(token)
                .get("/api/hq/stores")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/tenant-ambiguous"));
        given().auth()
                .oauth2(token)
                .header("X-Tenant", second.slug())
                .get("/api/hq/stores")
                .then()
                .statusCode(200);
        // A grant for a brand whose organization the user is not a member of counts for nothing.
        given().auth()
                .oauth2(token)
                .header("X-Tenant", third.slug())
                .get("/api/hq/stores")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/tenant-not-granted"));
        // hq_staff in the first brand may read but not create stores.
        given().auth()
                .oauth2(token)
                .header("X-Tenant", first.slug())
                .get("/api/hq/stores")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .header("X-Tenant", first.slug())
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of(
                        "code",
                        "X1",
                        "name",
                        "X",
                        "city",
                        "Nanjing",
                        "address",
                        "1 Rd",
                        "latitude",
                        32.06,
                        "longitude",
                        118.79))
                .post("/api/hq/stores")
                .then()
                .statusCode(403);
    }

    @Test
    void aRegionScopedHqAdminCannotActOnTheWholeBrandNorWidenItsScopeByMovingRegions() {
        Brand brand = Brands.anActiveBrand("scope-wide");
        String admin = brand.adminToken();
        long east = create(admin, "/api/hq/regions", Map.of("code", "EAST", "name", "East"));
        long west = create(admin, "/api/hq/regions", Map.of("code", "WEST", "name", "West"));
        String scopedAdmin = Brands.aStaffMember(
                accounts, brand, "hq-east", List.of(new Grant(brand.tenant(), Role.HQ_ADMIN, new Scope.Region(east))));
        String brandWide = "https://mendian.io/problems/brand-wide-only";

        // Moving the west region under east would put west's stores in this admin's scope.
        given().auth()
                .oauth2(scopedAdmin)
                .contentType(ContentType.JSON)
                .body(Map.of("code", "WEST", "name", "West", "parentId", east))
                .put("/api/hq/regions/" + west)
                .then()
                .statusCode(403)
                .body("type", equalTo(brandWide));
        given().auth()
                .oauth2(scopedAdmin)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("code", "NEW", "name", "New"))
                .post("/api/hq/regions")
                .then()
                .statusCode(403)
                .body("type", equalTo(brandWide));
        given().auth()
                .oauth2(scopedAdmin)
                .delete("/api/hq/regions/" + west)
                .then()
                .statusCode(403)
                .body("type", equalTo(brandWide));
        given().auth()
                .oauth2(scopedAdmin)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .post("/api/hq/subscription/cancellation")
                .then()
                .statusCode(403)
                .body("type", equalTo(brandWide));
        given().auth()
                .oauth2(scopedAdmin)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("plan", "basic"))
                .post("/api/hq/subscription/plan-change")
                .then()
                .statusCode(403)
                .body("type", equalTo(brandWide));
        given().auth()
                .oauth2(scopedAdmin)
                .get("/api/hq/subscription")
                .then()
                .statusCode(403)
                .body("type", equalTo(brandWide));
        given().auth()
                .oauth2(scopedAdmin)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .post("/api/hq/miniapp/authorization")
                .then()
                .statusCode(403)
                .body("type", equalTo(brandWide));
        given().auth()
                .oauth2(scopedAdmin)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("code", "C1", "name", "Cat"))
                .post("/api/hq/categories")
                .then()
                .statusCode(403)
                .body("type", equalTo(brandWide));
        given().auth()
                .oauth2(scopedAdmin)
                .get("/api/hq/staff/audit")
                .then()
                .statusCode(403)
                .body("type", equalTo(brandWide));
        // Inside its own region it still manages stores.
        create(scopedAdmin, "/api/hq/stores", store("E-1", east));
        given().auth()
                .oauth2(admin)
                .get("/api/hq/regions")
                .then()
                .statusCode(200)
                .body("find { it.code == 'WEST' }.parentId", equalTo(null));
    }

    @Test
    void aStoreManagerNeitherSeesNorTakesAMemberWithoutGrants() {
        Brand brand = Brands.anActiveBrand("scope-bare");
        String admin = brand.adminToken();
        long region = create(admin, "/api/hq/regions", Map.of("code", "R", "name", "R"));
        long store = create(admin, "/api/hq/stores", store("S-1", region));
        String manager = Brands.aStaffMember(
                accounts, brand, "mgr", List.of(new Grant(brand.tenant(), Role.STORE_MANAGER, new Scope.Store(store))));
        Brands.aStaffMember(accounts, brand, "bare", List.of());
        String bare = accounts.findUser("bare@" + brand.slug() + ".example").orElseThrow();

        given().auth()
                .oauth2(manager)
                .get("/api/hq/staff")
                .then()
                .statusCode(200)
                .body("items.username", not(hasItem("bare@" + brand.slug() + ".example")));
        given().auth()
                .oauth2(manager)
                .contentType(ContentType.JSON)
                .body(Map.of("grants", List.of(Map.of("role", "store_clerk", "scope", "store/" + store))))
                .put("/api/hq/staff/" + bare + "/grants")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(manager)
                .post("/api/hq/staff/" + bare + "/disable")
                .then()
                .statusCode(403);
        given().auth().oauth2(manager).delete("/api/hq/staff/" + bare).then().statusCode(403);
        // A brand-wide admin sees them and may give them a role.
        given().auth()
                .oauth2(admin)
                .get("/api/hq/staff")
                .then()
                .statusCode(200)
                .body("items.username", hasItem("bare@" + brand.slug() + ".example"));
    }
}
