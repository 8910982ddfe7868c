package io.mendian.promotion;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Full reductions as HQ's activities on real PostgreSQL and tokens: the best tier an order reaches applies at the
 * stores in scope and nowhere else, ending one takes it off the next order, and bad tiers are refused in words.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class FullReductionTest {

    @Test
    void theBestTierReachedAppliesAtTheStoresInScopeUntilHqEndsIt() {
        Shop s = Shops.shop("reduce");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        long id = Api.create(
                admin,
                "/api/hq/promotions/full-reductions",
                reduction("满20减2，满40减6", List.of(tier(2000, 200), tier(4000, 600)), s.pickupStore()));
        io.restassured.RestAssured.given()
                .get("/api/shop/" + appid + "/stores/" + s.pickupStore() + "/full-reductions")
                .then()
                .statusCode(200)
                .body("[0].tiers.size()", equalTo(2));
        String ann = Consumers.memberToken(appid, "ann");
        // A tea (18.00) and a cake (25.00): 43.00 reaches the 40 tier.
        Shops.put(appid, ann, s.pickupStore(), s.tea(), 1);
        Shops.put(appid, ann, s.pickupStore(), s.cake(), 1);
        quote(appid, ann, s.pickupStore())
                .body("[0].pricing.discounts[0].kind", equalTo("FULL_REDUCTION"))
                .body("[0].pricing.discounts[0].label", equalTo("满20减2，满40减6"))
                .body("[0].pricing.discounts[0].fen", equalTo(600))
                .body("[0].pricing.cashFen", equalTo(4300 - 600));
        // Not at the other store.
        Shops.put(appid, ann, s.deliveryStore(), s.tea(), 1);
        quote(appid, ann, s.deliveryStore()).body("[0].pricing.discounts", empty());
        Api.as(admin)
                .post("/api/hq/promotions/full-reductions/" + id + "/end")
                .then()
                .statusCode(200);
        Api.as(admin)
                .post("/api/hq/promotions/full-reductions/" + id + "/end")
                .then()
                .statusCode(409)
                .body("type", endsWith("already-ended"));
        quote(appid, ann, s.pickupStore()).body("[0].pricing.discounts", empty());
    }

    @Test
    void aStoresProposalWaitsForHqUnderReviewAndAppliesOnlyThereOnceApproved() {
        Shop s = Shops.shop("reducestore");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String store = "/api/store/" + s.pickupStore() + "/full-reductions";
        // Whatever stores the body names, a store's proposal is for that store only.
        long id = ((Number) Api.as(admin)
                        .body(reduction("门店满20减4", List.of(tier(2000, 400)), s.deliveryStore()))
                        .post(store)
                        .then()
                        .statusCode(201)
                        .body("state", equalTo("PENDING"))
                        .body("storeIds", equalTo(List.of((int) s.pickupStore())))
                        .body("proposedByStore", equalTo((int) s.pickupStore()))
                        .extract()
                        .path("id"))
                .longValue();
        String ann = Consumers.memberToken(appid, "ann");
        Shops.put(appid, ann, s.pickupStore(), s.cake(), 1);
        quote(appid, ann, s.pickupStore()).body("[0].pricing.discounts", empty());
        Api.as(admin)
                .body(Map.of("approve", false))
                .post("/api/hq/promotions/full-reductions/" + id + "/decision")
                .then()
                .statusCode(422)
                .body("type", endsWith("note-required"));
        Api.as(admin)
                .body(Map.of("approve", true, "note", "同意"))
                .post("/api/hq/promotions/full-reductions/" + id + "/decision")
                .then()
                .statusCode(200)
                .body("state", equalTo("LIVE"));
        Api.as(admin)
                .body(Map.of("approve", true))
                .post("/api/hq/promotions/full-reductions/" + id + "/decision")
                .then()
                .statusCode(409)
                .body("type", endsWith("not-pending"));
        quote(appid, ann, s.pickupStore()).body("[0].pricing.discounts[0].fen", equalTo(400));
        Shops.put(appid, ann, s.deliveryStore(), s.cake(), 1);
        quote(appid, ann, s.deliveryStore()).body("[0].pricing.discounts", empty());
        // Another store cannot end it.
        Api.as(admin)
                .post("/api/store/" + s.deliveryStore() + "/full-reductions/" + id + "/end")
                .then()
                .statusCode(404);
        Api.as(admin).post(store + "/" + id + "/end").then().statusCode(200).body("state", equalTo("ENDED"));
    }

    @Test
    void aReductionForAParentCategoryCoversProductsFiledUnderItsChildren() {
        Shop s = Shops.shop("reducetree");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        long parent = Api.create(admin, "/api/hq/categories", Map.of("code", "MENU", "name", "全部饮品"));
        List<Map<String, Object>> categories =
                Api.as(admin).get("/api/hq/categories").then().extract().path("findAll { it.code == 'ORD' }");
        long child = ((Number) categories.getFirst().get("id")).longValue();
        Api.as(admin)
                .body(Map.of("code", "ORD", "name", "Orders", "parentId", parent))
                .put("/api/hq/categories/" + child)
                .then()
                .statusCode(200);
        Map<String, Object> body = reduction("饮品满10减1", List.of(tier(1000, 100)));
        body = new HashMap<>(body);
        body.put("categoryIds", List.of(parent));
        Api.create(admin, "/api/hq/promotions/full-reductions", body);
        String ann = Consumers.memberToken(appid, "ann");
        Shops.put(appid, ann, s.pickupStore(), s.tea(), 1);
        quote(appid, ann, s.pickupStore()).body("[0].pricing.discounts[0].fen", equalTo(100));
    }

    @Test
    void tiersThatSaveAsMuchAsTheyCostOrRepeatAreRefused() {
        Shop s = Shops.shop("reducebad");
        String admin = s.brand().adminToken();
        Api.as(admin)
                .body(reduction("满5减5", List.of(tier(500, 500))))
                .post("/api/hq/promotions/full-reductions")
                .then()
                .statusCode(422)
                .body("type", endsWith("bad-tier"));
        Api.as(admin)
                .body(reduction("重复", List.of(tier(500, 100), tier(500, 200))))
                .post("/api/hq/promotions/full-reductions")
                .then()
                .statusCode(422)
                .body("type", endsWith("bad-tier"));
        Api.as(admin)
                .body(reduction("太多档", List.of(tier(1, 1), tier(2, 1), tier(3, 1), tier(4, 1), tier(5, 1), tier(6, 1))))
                .post("/api/hq/promotions/full-reductions")
                .then()
                .statusCode(400);
        Api.as(admin)
                .body(reduction("无此店", List.of(tier(1000, 100)), 999_999L))
                .post("/api/hq/promotions/full-reductions")
                .then()
                .statusCode(422)
                .body("type", endsWith("unknown-store"));
    }

    static Map<String, Object> reduction(String name, List<Map<String, Object>> tiers, Long... stores) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("tiers", tiers);
        body.put("storeIds", List.of(stores));
        body.put("startsAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
        body.put("endsAt", Instant.now().plus(7, ChronoUnit.DAYS).toString());
        return body;
    }

    static Map<String, Object> tier(long threshold, long off) {
        return Map.of("thresholdFen", threshold, "offFen", off);
    }

    private static io.restassured.response.ValidatableResponse quote(String appid, String token, long store) {
        return Shops.member(token)
                .body(Map.of("orders", List.of(Shops.pickup(store))))
                .post("/api/shop/" + appid + "/checkout/quote")
                .then()
                .statusCode(200);
    }
}
