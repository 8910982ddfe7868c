package io.mendian.catalog;

import static io.mendian.testsupport.Api.as;
import static io.mendian.testsupport.Api.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class CatalogTest {

    @Inject
    StaffAccounts accounts;

    private static long aStore(String token, String code, Long region) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "code",
                code,
                "name",
                code,
                "city",
                "Shanghai",
                "address",
                "1 Rd",
                "latitude",
                31.23,
                "longitude",
                121.47,
                "status",
                "OPEN"));
        if (region != null) {
            body.put("regionId", region);
        }
        return create(token, "/api/hq/stores", body);
    }

    private static Map<String, Object> sku(String code, long min, long base, long max) {
        return Map.of(
                "code",
                code,
                "basePriceFen",
                base,
                "minPriceFen",
                min,
                "maxPriceFen",
                max,
                "specs",
                Map.of("size", "M"));
    }

    private static Map<String, Object> product(
            String code, String name, long category, Map<String, Object> publication, List<Map<String, Object>> skus) {
        Map<String, Object> body =
                new HashMap<>(Map.of("code", code, "name", name, "categoryId", category, "skus", skus));
        if (publication != null) {
            body.put("publication", publication);
        }
        return body;
    }

    private static long firstSku(String token, long product) {
        return ((Number) given().auth()
                        .oauth2(token)
                        .get("/api/hq/products/" + product)
                        .then()
                        .extract()
                        .path("skus[0].id"))
                .longValue();
    }

    @Test
    void storesPriceInsideTheBandAndABandChangeClampsStrandedPrices() {
        Brand brand = Brands.anActiveBrand("band");
        String admin = brand.adminToken();
        long store = aStore(admin, "B1", null);
        long other = aStore(admin, "B2", null);
        long category = create(admin, "/api/hq/categories", Map.of("code", "X-TEA", "name", "Tea"));
        long product = create(
                admin,
                "/api/hq/products",
                product("LATTE", "Matcha Latte", category, null, List.of(sku("LATTE-M", 1000, 1500, 2000))));
        long sku = firstSku(admin, product);
        String manager = Brands.aStaffMember(
                accounts,
                brand,
                "mgr-b1",
                List.of(new Grant(brand.tenant(), Role.STORE_MANAGER, new Scope.Store(store))));
        String clerk = Brands.aStaffMember(
                accounts,
                brand,
                "clerk-b1",
                List.of(new Grant(brand.tenant(), Role.STORE_CLERK, new Scope.Store(store))));

        given().auth()
                .oauth2(manager)
                .get("/api/store/" + store + "/catalog")
                .then()
                .statusCode(200)
                .body("items[0].effectivePriceFen", equalTo(1500));
        as(manager)
                .body(Map.of("listed", true, "priceFen", 1800))
                .put("/api/store/" + store + "/catalog/" + sku)
                .then()
                .statusCode(200)
                .body("effectivePriceFen", equalTo(1800));
        as(manager)
                .body(Map.of("listed", true, "priceFen", 2500))
                .put("/api/store/" + store + "/catalog/" + sku)
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/price-outside-band"))
                .body("minPriceFen", equalTo(1000))
                .body("maxPriceFen", equalTo(2000));
        as(manager)
                .body(Map.of("listed", true, "priceFen", -5))
                .put("/api/store/" + store + "/catalog/" + sku)
                .then()
                .statusCode(400);
        as(manager)
                .body("{\"listed\": true, \"priceFen\": \"cheap\"}")
                .put("/api/store/" + store + "/catalog/" + sku)
                .then()
                .statusCode(400);
        as(clerk)
                .body(Map.of("listed", true, "priceFen", 1200))
                .put("/api/store/" + store + "/catalog/" + sku)
                .then()
                .statusCode(403);
        as(manager)
                .body(Map.of("listed", true, "priceFen", 1200))
                .put("/api/store/" + other + "/catalog/" + sku)
                .then()
                .statusCode(403);

        as(admin)
                .body(sku("LATTE-M", 1000, 1400, 1600))
                .put("/api/hq/skus/" + sku)
                .then()
                .statusCode(200)
                .body("clamped", hasSize(1))
                .body("clamped[0].storeId", equalTo((int) store))
                .body("clamped[0].fromFen", equalTo(1800))
                .body("clamped[0].toFen", equalTo(1600));
        given().auth()
                .oauth2(manager)
                .get("/api/store/" + store + "/catalog")
                .then()
                .body("items[0].storePriceFen", equalTo(1600));
        as(admin)
                .body(sku("LATTE-M", 1700, 1400, 1600))
                .put("/api/hq/skus/" + sku)
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/invalid-price-band"));
    }

    @Test
    void movingARegionShowsItsStoresTheCatalogueTheirNewRegionPublishesAtOnce() {
        Brand brand = Brands.anActiveBrand("move");
        String admin = brand.adminToken();
        long east = create(admin, "/api/hq/regions", Map.of("code", "EAST", "name", "East"));
        long south = create(admin, "/api/hq/regions", Map.of("code", "SOUTH", "name", "South"));
        long store = aStore(admin, "SZ", south);
        long category = create(admin, "/api/hq/categories", Map.of("code", "X-MOVE", "name", "Moving"));
        create(
                admin,
                "/api/hq/products",
                product(
                        "EAST-ONLY",
                        "Osmanthus Cake",
                        category,
                        Map.of("all", false, "regionIds", List.of(east)),
                        List.of(sku("EM-1", 100, 200, 300))));
        String page = "/api/shop/" + brand.appid() + "/stores/" + store + "/products";
        given().get(page).then().statusCode(200).body("total", equalTo(0)); // cached: nothing reaches the south yet

        as(admin)
                .body(Map.of("code", "SOUTH", "name", "South", "parentId", east))
                .put("/api/hq/regions/" + south)
                .then()
                .statusCode(200);
        given().get(page).then().statusCode(200).body("items.name", containsInAnyOrder("Osmanthus Cake"));
    }

    @Test
    void publicationReachesTheRegionSubtreeOrChosenStoresOnly() {
        Brand brand = Brands.anActiveBrand("pub");
        String admin = brand.adminToken();
        long east = create(admin, "/api/hq/regions", Map.of("code", "EAST", "name", "East"));
        long jiangsu = create(admin, "/api/hq/regions", Map.of("code", "JS", "name", "Jiangsu", "parentId", east));
        long south = create(admin, "/api/hq/regions", Map.of("code", "SOUTH", "name", "South"));
        long nanjing = aStore(admin, "NJ", jiangsu);
        long shenzhen = aStore(admin, "SZ", south);
        long category = create(admin, "/api/hq/categories", Map.of("code", "X-CAKE", "name", "Cakes"));
        create(
                admin,
                "/api/hq/products",
                product(
                        "EAST-ONLY",
                        "Osmanthus Cake",
                        category,
                        Map.of("all", false, "regionIds", List.of(east)),
                        List.of(sku("EO-1", 100, 200, 300))));
        create(
                admin,
                "/api/hq/products",
                product(
                        "SZ-ONLY",
                        "Egg Tart",
                        category,
                        Map.of("all", false, "storeIds", List.of(shenzhen)),
                        List.of(sku("SZ-1", 100, 200, 300))));
        create(
                admin,
                "/api/hq/products",
                product("ALL", "Croissant", category, null, List.of(sku("ALL-1", 100, 200, 300))));

        given().get("/api/shop/" + brand.appid() + "/stores/" + nanjing + "/products")
                .then()
                .statusCode(200)
                .body("items.name", containsInAnyOrder("Osmanthus Cake", "Croissant"));
        given().get("/api/shop/" + brand.appid() + "/stores/" + shenzhen + "/products")
                .then()
                .statusCode(200)
                .body("items.name", containsInAnyOrder("Egg Tart", "Croissant"));
        as(admin)
                .body(product(
                        "X",
                        "X",
                        category,
                        Map.of("all", false, "storeIds", List.of(999_999)),
                        List.of(sku("X-1", 1, 2, 3))))
                .post("/api/hq/products")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/unknown-store"));
        as(admin)
                .body(product(
                        "Z",
                        "Z",
                        category,
                        Map.of("all", false, "regionIds", List.of(999_999)),
                        List.of(sku("Z-1", 1, 2, 3))))
                .post("/api/hq/products")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/unknown-region"));
        as(admin)
                .body(product("Y", "Y", 999_999, null, List.of(sku("Y-1", 1, 2, 3))))
                .post("/api/hq/products")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://mendian.io/problems/unknown-category"));
    }

    @Test
    void browsingNeverShowsAStalePriceAfterTheChangeCommits() {
        Brand brand = Brands.anActiveBrand("fresh");
        String admin = brand.adminToken();
        long store = aStore(admin, "F1", null);
        long category = create(admin, "/api/hq/categories", Map.of("code", "X-COFFEE", "name", "Coffee"));
        long product = create(
                admin,
                "/api/hq/products",
                product("AMERICANO", "Americano", category, null, List.of(sku("AM-1", 1000, 1500, 3000))));
        long sku = firstSku(admin, product);
        String list = "/api/shop/" + brand.appid() + "/stores/" + store + "/products";
        String detail = list + "/" + product;
        for (int price = 1000; price <= 3000; price += 100) {
            given().get(list).then().statusCode(200); // make sure an entry is cached before the change
            given().get(detail).then().statusCode(200);
            as(admin)
                    .body(Map.of("listed", true, "priceFen", price))
                    .put("/api/store/" + store + "/catalog/" + sku)
                    .then()
                    .statusCode(200);
            given().get(list).then().body("items[0].fromPriceFen", equalTo(price));
            given().get(detail).then().body("skus[0].priceFen", equalTo(price));
        }
        // Delisting, a band change, archiving and closing the store all show at once too.
        as(admin)
                .body(Map.of("listed", false))
                .put("/api/store/" + store + "/catalog/" + sku)
                .then()
                .statusCode(200);
        given().get(list).then().body("items", hasSize(0));
        as(admin)
                .body(Map.of("listed", true))
                .put("/api/store/" + store + "/catalog/" + sku)
                .then()
                .statusCode(200);
        as(admin)
                .body(sku("AM-1", 1000, 1234, 3000))
                .put("/api/hq/skus/" + sku)
                .then()
                .statusCode(200);
        given().get(list).then().body("items[0].fromPriceFen", equalTo(1234));
        Map<String, Object> archived = new HashMap<>(
                Map.of("code", "AMERICANO", "name", "Americano", "categoryId", category, "status", "ARCHIVED"));
        as(admin).body(archived).put("/api/hq/products/" + product).then().statusCode(200);
        given().get(list).then().body("items", hasSize(0));
        given().get(detail).then().statusCode(404);
        as(admin)
                .body(Map.of(
                        "code",
                        "F1",
                        "name",
                        "F1",
                        "city",
                        "Shanghai",
                        "address",
                        "1 Rd",
                        "latitude",
                        31.23,
                        "longitude",
                        121.47,
                        "status",
                        "CLOSED"))
                .put("/api/hq/stores/" + store)
                .then()
                .statusCode(200);
        given().get(list).then().statusCode(404);
    }

    @Test
    void searchCategoriesPagingAndCrossBrandIds() {
        Brand brand = Brands.anActiveBrand("search-cat");
        String admin = brand.adminToken();
        long store = aStore(admin, "S1", null);
        long drinks = create(admin, "/api/hq/categories", Map.of("code", "DRINKS", "name", "Drinks"));
        long tea = create(admin, "/api/hq/categories", Map.of("code", "TEA2", "name", "Tea", "parentId", drinks));
        create(
                admin,
                "/api/hq/products",
                product("OOLONG", "Iced Oolong Tea", tea, null, List.of(sku("OO-1", 100, 200, 300))));
        create(
                admin,
                "/api/hq/products",
                product("COLA", "Cola 50%_off", drinks, null, List.of(sku("CO-1", 100, 200, 300))));
        String list = "/api/shop/" + brand.appid() + "/stores/" + store + "/products";
        given().queryParam("q", "oolong").get(list).then().body("items.name", contains("Iced Oolong Tea"));
        given().queryParam("q", "50%_").get(list).then().body("items.name", contains("Cola 50%_off"));
        given().queryParam("q", "'; drop table product; --")
                .get(list)
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        given().queryParam("categoryId", drinks).get(list).then().body("total", equalTo(2));
        given().queryParam("categoryId", tea).get(list).then().body("total", equalTo(1));
        given().queryParam("categoryId", 999_999).get(list).then().statusCode(404);
        given().queryParam("size", 1000).get(list).then().statusCode(400);
        given().get("/api/shop/" + brand.appid() + "/stores/" + store + "/categories")
                .then()
                .statusCode(200)
                .body("code", org.hamcrest.Matchers.hasItems("DRINKS", "TEA2"));

        Brand other = Brands.anActiveBrand("search-cat-b");
        given().get("/api/shop/" + other.appid() + "/stores/" + store + "/products")
                .then()
                .statusCode(404);
    }
}
