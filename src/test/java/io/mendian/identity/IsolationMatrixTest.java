package io.mendian.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Coupons;
import io.mendian.testsupport.FlashSales;
import io.mendian.testsupport.GroupBuys;
import io.mendian.testsupport.Keycloak;
import io.mendian.testsupport.Pay;
import io.mendian.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of the live OpenAPI document, called by every kind of caller against brand A's resources. Each
 * operation declares who may call it; everyone else must be denied (401, 403 or 404 with a problem body), a denied
 * call must change no row in brand A's schema or the platform schema, and no response to an outsider may carry
 * brand A's data. An operation with no declared rule fails the test, so a new endpoint cannot slip past.
 *
 * <p>Consumer tokens join the caller list when consumer login ships (membership context).
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class IsolationMatrixTest {

    enum Caller {
        B_ADMIN,
        CLERK_X,
        CLERK_Y,
        REGION_MANAGER_OTHER,
        OPERATOR,
        NONE,
        EXPIRED,
        FORGED,
        CONSUMER_A,
        CONSUMER_B,
        A_ADMIN
    }

    /** What a caller may do with an operation. */
    enum Outcome {
        /** Succeeds on brand A's resources. */
        ALLOW,
        /** Succeeds, but on the caller's own brand or scope: A's schema must not change and A's data must not appear. */
        OWN,
        /** Rejected or harmless either way (say, B referring to A's ids in its own brand): no 5xx, no change to A, no leak. */
        NO_EFFECT,
        DENY
    }

    record Rule(
            Map<Caller, Outcome> outcomes,
            Function<Fixture, Object> body,
            boolean isPublic,
            Map<String, Object> query) {
        Rule(Map<Caller, Outcome> outcomes, Function<Fixture, Object> body, boolean isPublic) {
            this(outcomes, body, isPublic, Map.of());
        }

        Outcome of(Caller caller) {
            return isPublic ? Outcome.ALLOW : outcomes.getOrDefault(caller, Outcome.DENY);
        }
    }

    record Fixture(
            Brand a,
            Brand b,
            Brand c,
            long storeX,
            long storeY,
            long regionEast,
            long regionWest,
            long regionTemp,
            String suffix,
            String job,
            Map<Caller, String> tokens,
            Map<Caller, java.util.function.Supplier<String>> issuers,
            long category,
            long spareCategory,
            long product,
            long sku,
            String staffTarget,
            String staffVictim,
            long invoice,
            String invitation,
            long stocktake,
            long transfer,
            long coupon,
            long claimableCoupon,
            long memberA,
            long flashSale,
            long groupBuy,
            long mallItem,
            long level,
            long topUpPlan,
            long reduction,
            long serviceItem,
            long bookingStaff,
            long appointment,
            String appointmentCode,
            Course course) {}

    /** A course at X taught by the matrix's person, open, with one session and consumer A enrolled (free). */
    record Course(long id, long session, long enrolment, String code) {}

    @Inject
    StaffAccounts accounts;

    private final Map<String, Integer> publicStatuses = new HashMap<>();

    private static Rule staff(Map<Caller, Outcome> outcomes) {
        return new Rule(outcomes, f -> null, false);
    }

    private static Rule staff(Map<Caller, Outcome> outcomes, Function<Fixture, Object> body) {
        return new Rule(outcomes, body, false);
    }

    private static Rule open(Function<Fixture, Object> body) {
        return new Rule(Map.of(), body, true);
    }

    private static Map<String, Object> sku(String code) {
        return Map.of("code", code, "basePriceFen", 1200, "minPriceFen", 1000, "maxPriceFen", 1500);
    }

    private static Map<String, Object> product(String code, long category, boolean withSku) {
        Map<String, Object> product =
                new HashMap<>(Map.of("code", code, "name", "Product " + code, "categoryId", category));
        if (withSku) {
            product.put("skus", List.of(sku(code + "-1")));
        }
        return product;
    }

    private static Map<String, Object> store(String code, long region) {
        return Map.of(
                "code",
                code,
                "name",
                "Store " + code,
                "city",
                "Hangzhou",
                "address",
                "1 West Lake Rd",
                "regionId",
                region,
                "latitude",
                30.2741,
                "longitude",
                120.1551);
    }

    /** The declared rules, keyed by "METHOD /path/template" exactly as in the OpenAPI document. */
    private static Map<String, Rule> rules() {
        Map<String, Rule> rules = new HashMap<>();
        rules.put(
                "GET /api/hq/stores",
                staff(Map.of(
                        Caller.A_ADMIN,
                        Outcome.ALLOW,
                        Caller.B_ADMIN,
                        Outcome.OWN,
                        Caller.REGION_MANAGER_OTHER,
                        Outcome.OWN)));
        rules.put(
                "POST /api/hq/stores",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN),
                        f -> store("NEW-" + UUID.randomUUID().toString().substring(0, 8), f.regionEast())));
        rules.put("GET /api/hq/stores/{id}", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put(
                "PUT /api/hq/stores/{id}",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW), f -> store("MX-" + f.suffix(), f.regionEast())));
        rules.put(
                "GET /api/hq/regions",
                staff(Map.of(
                        Caller.A_ADMIN,
                        Outcome.ALLOW,
                        Caller.B_ADMIN,
                        Outcome.OWN,
                        Caller.REGION_MANAGER_OTHER,
                        Outcome.OWN)));
        rules.put(
                "POST /api/hq/regions",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN),
                        f -> Map.of(
                                "code", "R-" + UUID.randomUUID().toString().substring(0, 8), "name", "New region")));
        rules.put(
                "PUT /api/hq/regions/{id}",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW),
                        f -> Map.of("code", "TMP-" + f.suffix(), "name", "Renamed")));
        rules.put("DELETE /api/hq/regions/{id}", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put(
                "GET /api/store/{storeId}",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.CLERK_X, Outcome.ALLOW)));
        rules.put("GET /api/platform/tenants", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put("GET /api/platform/tenants/{tenant}", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        // The operator suspends brand C (not A, whose endpoints the other rows need); resume follows in the same order.
        rules.put(
                "POST /api/platform/tenants/{tenant}/suspend",
                staff(Map.of(Caller.OPERATOR, Outcome.ALLOW), f -> Map.of("reason", "matrix")));
        rules.put(
                "POST /api/platform/tenants/{tenant}/resume",
                staff(Map.of(Caller.OPERATOR, Outcome.ALLOW), f -> Map.of("reason", "matrix")));
        // The operator moves brand C to the suite's second server while the matrix goes on: the rows of C that run
        // after it run against a brand on another shard, and the move itself runs beside the matrix's traffic.
        rules.put("GET /api/platform/shards", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put(
                "POST /api/platform/tenants/{tenant}/moves",
                staff(Map.of(Caller.OPERATOR, Outcome.ALLOW), f -> Map.of("shard", "east")));
        rules.put("GET /api/platform/tenants/{tenant}/moves", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put(
                "GET /api/hq/categories",
                staff(Map.of(
                        Caller.A_ADMIN,
                        Outcome.ALLOW,
                        Caller.B_ADMIN,
                        Outcome.OWN,
                        Caller.REGION_MANAGER_OTHER,
                        Outcome.OWN)));
        rules.put(
                "POST /api/hq/categories",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN),
                        f -> Map.of(
                                "code", "C-" + UUID.randomUUID().toString().substring(0, 8), "name", "New category")));
        rules.put(
                "PUT /api/hq/categories/{id}",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW),
                        f -> Map.of("code", "CAT-" + f.suffix(), "name", "Renamed")));
        rules.put("DELETE /api/hq/categories/{id}", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put(
                "GET /api/hq/products",
                staff(Map.of(
                        Caller.A_ADMIN,
                        Outcome.ALLOW,
                        Caller.B_ADMIN,
                        Outcome.OWN,
                        Caller.REGION_MANAGER_OTHER,
                        Outcome.OWN)));
        rules.put(
                "POST /api/hq/products",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.NO_EFFECT),
                        f -> product("P-" + UUID.randomUUID().toString().substring(0, 8), f.spareCategory(), true)));
        // The catalogue is brand-wide: a region manager of brand A reads it like HQ staff.
        rules.put(
                "GET /api/hq/products/{id}",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.REGION_MANAGER_OTHER, Outcome.ALLOW)));
        rules.put(
                "PUT /api/hq/products/{id}",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW),
                        f -> product("MP-" + f.suffix(), f.spareCategory(), false)));
        rules.put(
                "POST /api/hq/products/{id}/skus",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW),
                        f -> sku("S-" + UUID.randomUUID().toString().substring(0, 8))));
        rules.put(
                "PUT /api/hq/skus/{skuId}", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW), f -> sku("MS-" + f.suffix())));
        rules.put(
                "GET /api/store/{storeId}/catalog",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.CLERK_X, Outcome.ALLOW)));
        rules.put(
                "PUT /api/store/{storeId}/catalog/{skuId}",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW), f -> Map.of("listed", true, "priceFen", 1100)));
        rules.put("GET /api/shop/{appid}/stores/{storeId}/categories", open(f -> null));
        rules.put("GET /api/shop/{appid}/stores/{storeId}/products", open(f -> null));
        rules.put("GET /api/shop/{appid}/stores/{storeId}/products/{productId}", open(f -> null));
        rules.put(
                "GET /api/hq/staff",
                staff(Map.of(
                        Caller.A_ADMIN,
                        Outcome.ALLOW,
                        Caller.B_ADMIN,
                        Outcome.OWN,
                        Caller.REGION_MANAGER_OTHER,
                        Outcome.OWN)));
        rules.put(
                "POST /api/hq/staff",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.NO_EFFECT),
                        f -> Map.of(
                                "email",
                                "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@matrix.example",
                                "grants",
                                List.of(Map.of("role", "store_clerk", "scope", "store/" + f.storeX())))));
        rules.put(
                "PUT /api/hq/staff/{userId}/grants",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW),
                        f -> Map.of("grants", List.of(Map.of("role", "store_clerk", "scope", "store/" + f.storeY())))));
        rules.put("DELETE /api/hq/staff/{userId}", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put("POST /api/hq/staff/{userId}/disable", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put("POST /api/hq/staff/{userId}/enable", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put("GET /api/hq/staff/audit", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN)));
        rules.put(
                "GET /api/hq/staff/invitations",
                staff(Map.of(
                        Caller.A_ADMIN,
                        Outcome.ALLOW,
                        Caller.B_ADMIN,
                        Outcome.OWN,
                        Caller.REGION_MANAGER_OTHER,
                        Outcome.OWN)));
        rules.put("DELETE /api/hq/staff/invitations/{invitationId}", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        // Everyone signed in reads their own invitations; the fixture's invitation is addressed to none of the callers.
        Map<Caller, Outcome> signedIn = new EnumMap<>(Caller.class);
        for (Caller caller : List.of(
                Caller.A_ADMIN,
                Caller.B_ADMIN,
                Caller.CLERK_X,
                Caller.CLERK_Y,
                Caller.REGION_MANAGER_OTHER,
                Caller.OPERATOR)) {
            signedIn.put(caller, Outcome.OWN);
        }
        rules.put("GET /api/me/invitations", staff(signedIn));
        rules.put("POST /api/me/invitations/{invitationId}/accept", staff(Map.of()));
        rules.put("POST /api/me/invitations/{invitationId}/decline", staff(Map.of()));
        rules.put("GET /api/shop/{appid}/stores", open(f -> null));
        rules.put("GET /api/shop/{appid}/ping", open(f -> null));
        rules.put("GET /api/platform/overview", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put("GET /api/platform/health/migrations", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put(
                "GET /api/hq/subscription", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN)));
        // Both brands are already on Pro and already paying, so these answer 409 to their own admins and change
        // nothing.
        rules.put(
                "POST /api/hq/subscription/plan-change",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT, Caller.B_ADMIN, Outcome.NO_EFFECT),
                        f -> Map.of("plan", "pro")));
        rules.put(
                "POST /api/hq/subscription/activation",
                staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT, Caller.B_ADMIN, Outcome.NO_EFFECT)));
        rules.put(
                "POST /api/hq/subscription/cancellation",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.NO_EFFECT)));
        rules.put(
                "DELETE /api/hq/subscription/cancellation",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.NO_EFFECT)));
        rules.put(
                "GET /api/hq/subscription/usage",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN)));
        rules.put("GET /api/platform/billing/subscriptions/{tenant}", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        // Brand C is in its trial, not cancelled: the operator's call is a 409 and changes nothing.
        rules.put(
                "POST /api/platform/billing/subscriptions/{tenant}/reactivation",
                staff(Map.of(Caller.OPERATOR, Outcome.NO_EFFECT)));
        rules.put("GET /api/hq/invoices", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN)));
        rules.put("GET /api/hq/invoices/{id}", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put("POST /api/hq/invoices/{id}/wechat-pay", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put("POST /api/wechat/pay/platform-notify/transaction", open(f -> Map.of("id", "EV-forged")));
        rules.put("GET /api/hq/miniapp", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN)));
        rules.put(
                "POST /api/hq/miniapp/authorization",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN)));
        // Neither brand has authorized a mini-program, so deploying is a 409 for both and changes nothing.
        rules.put(
                "POST /api/hq/miniapp/deployments",
                staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT, Caller.B_ADMIN, Outcome.NO_EFFECT)));
        rules.put("GET /api/platform/wechat/component", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put("GET /api/platform/wechat/deployments", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put(
                "POST /api/platform/wechat/rollouts",
                staff(
                        Map.of(Caller.OPERATOR, Outcome.ALLOW),
                        f -> Map.of(
                                "templateId",
                                102,
                                "userVersion",
                                "1.2.0-" + f.suffix(),
                                "userDesc",
                                "matrix",
                                "maxConcurrent",
                                2)));
        rules.put("GET /api/platform/wechat/rollouts/{id}", staff(Map.of(Caller.OPERATOR, Outcome.NO_EFFECT)));
        rules.put("GET /api/platform/billing/invoices", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put("GET /api/platform/billing/invoices/{id}", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put(
                "POST /api/platform/billing/invoices/{id}/payments",
                staff(Map.of(Caller.OPERATOR, Outcome.ALLOW), f -> Map.of("amountFen", 1, "method", "matrix")));
        rules.put("GET /api/platform/billing/invoice-runs", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put(
                "POST /api/platform/billing/invoice-runs",
                staff(
                        Map.of(Caller.OPERATOR, Outcome.ALLOW),
                        f -> Map.of(
                                "period",
                                java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai"))
                                        .toString(),
                                "tenant",
                                f.c().slug())));
        rules.put("POST /api/platform/billing/dunning-runs", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put(
                "POST /api/platform/billing/subscriptions/{tenant}/plan-change",
                staff(Map.of(Caller.OPERATOR, Outcome.ALLOW), f -> Map.of("plan", "enterprise")));
        rules.put(
                "GET /api/shop/{appid}/stores/nearby",
                new Rule(Map.of(), f -> null, true, Map.of("lat", 30.2741, "lng", 120.1551, "radius", 20000)));
        rules.put("GET /api/shop/{appid}/stores/{storeId}", open(f -> null));
        rules.put(
                "PUT /api/store/{storeId}/profile",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW),
                        f -> Map.of(
                                "phone",
                                "021-5555",
                                "hours",
                                Map.of("weekly", Map.of("MONDAY", List.of("09:00-21:00"))))));
        // Public signup: a reserved slug, so that nine callers do not provision nine brands; every caller gets the same
        // 409.
        rules.put(
                "POST /api/signup",
                open(f -> Map.of(
                        "brandName",
                        "x",
                        "slug",
                        "admin",
                        "adminEmail",
                        "a@b.example",
                        "industry",
                        "cafe",
                        "plan",
                        "basic")));
        inventoryRules(rules);
        promotionRules(rules);
        bookingRules(rules);
        orderAheadRules(rules);
        courseRules(rules);
        rules.put("POST /api/shop/{appid}/session", open(f -> Map.of("code", "0not-a-code")));
        rules.put(
                "POST /api/shop/{appid}/session/refresh",
                open(f -> Map.of("refreshToken", "not-a-refresh-token-at-all")));
        rules.put("GET /api/shop/{appid}/me", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put("DELETE /api/shop/{appid}/session", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        // A member's cart and orders are theirs alone; the matrix's member has no orders, so order reads are 404s.
        rules.put("GET /api/shop/{appid}/cart", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        // Store X is not open to shoppers (it is PREPARING), so even its own brand's member cannot put it in a cart.
        rules.put(
                "PUT /api/shop/{appid}/cart/stores/{storeId}/items/{skuId}",
                staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT), f -> Map.of("quantity", 1)));
        rules.put("DELETE /api/shop/{appid}/cart/stores/{storeId}", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put(
                "POST /api/shop/{appid}/checkout",
                staff(
                        Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT),
                        f -> Map.of("orders", List.of(Map.of("storeId", f.storeX(), "mode", "EXPRESS")))));
        rules.put(
                "POST /api/shop/{appid}/checkout/quote",
                staff(
                        Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT),
                        f -> Map.of("orders", List.of(Map.of("storeId", f.storeX(), "mode", "EXPRESS")))));
        rules.put("GET /api/shop/{appid}/orders", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put("GET /api/shop/{appid}/orders/{orderNo}", staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT)));
        rules.put(
                "POST /api/shop/{appid}/orders/{orderNo}/cancel", staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT)));
        paymentRules(rules);
        rules.put("GET /api/signup/{job}", open(f -> null));
        rules.put("GET /api/signup/options", open(f -> null));
        rules.put("GET /api/console/config", open(f -> null));
        rules.put("GET /api/signup/slugs/{slug}", open(f -> null));
        rules.put("POST /api/signup/{job}/retry", open(f -> null));
        return rules;
    }

    /**
     * Payments: the sub-merchant account is HQ's (B applies for its own); paying is the member's, for their own orders
     * (the matrix's member has none: 404); WeChat Pay's callback is public but answers only to WeChat Pay's signature.
     */
    private static void paymentRules(Map<String, Rule> rules) {
        rules.put(
                "GET /api/hq/payment/sub-merchant",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN)));
        rules.put(
                "POST /api/hq/payment/sub-merchant/applyment",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN), f -> Pay.application()));
        rules.put(
                "GET /api/hq/payment/profit-shares",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN)));
        rules.put("GET /api/platform/payment/sub-merchants", staff(Map.of(Caller.OPERATOR, Outcome.ALLOW)));
        rules.put(
                "POST /api/shop/{appid}/orders/{orderNo}/payment", staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT)));
        rules.put(
                "GET /api/shop/{appid}/orders/{orderNo}/payment", staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT)));
        rules.put("POST /api/wechat/pay/notify/{tenant}/transaction", open(f -> Map.of("id", "EV-forged")));
        // The store's queue is its own: X's staff and HQ read it; the fixture has no orders, so order steps are 404s.
        Map<Caller, Outcome> storeX = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.CLERK_X, Outcome.ALLOW);
        Map<Caller, Outcome> storeXNoOrder =
                Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT, Caller.CLERK_X, Outcome.NO_EFFECT);
        rules.put("GET /api/store/{storeId}/orders", staff(storeX));
        rules.put("GET /api/store/{storeId}/orders/feed", staff(storeX));
        rules.put("GET /api/store/{storeId}/reports/day", staff(storeX));
        for (String step : List.of("", "/accept", "/prepare", "/ready", "/call", "/complete")) {
            rules.put(
                    (step.isEmpty() ? "GET" : "POST") + " /api/store/{storeId}/orders/{orderNo}" + step,
                    staff(storeXNoOrder));
        }
        rules.put("POST /api/store/{storeId}/pickups", staff(storeXNoOrder, f -> Map.of("code", "000000")));
        rules.put(
                "POST /api/store/{storeId}/orders/{orderNo}/reject",
                staff(storeXNoOrder, f -> Map.of("reason", "matrix")));
        rules.put(
                "POST /api/hq/orders/{orderNo}/cancel",
                staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT), f -> Map.of("reason", "matrix")));
        rules.put(
                "POST /api/hq/orders/{orderNo}/refunds",
                staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT), f -> Map.of("amountFen", 1, "reason", "matrix")));
        rules.put("POST /api/wechat/pay/notify/{tenant}/refund", open(f -> Map.of("id", "EV-forged")));
        rules.put("GET /api/store/{storeId}/after-sales", staff(storeX));
        for (String decision : List.of("approve", "reject")) {
            rules.put(
                    "POST /api/store/{storeId}/after-sales/{id}/" + decision,
                    staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT), f -> Map.of("note", "matrix")));
        }
        rules.put(
                "POST /api/shop/{appid}/orders/{orderNo}/after-sales",
                staff(
                        Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT),
                        f -> Map.of("kind", "REFUND", "amountFen", 1, "reason", "matrix")));
        rules.put(
                "GET /api/shop/{appid}/orders/{orderNo}/after-sales",
                staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT)));
        Map<Caller, Outcome> inScope = Map.of(
                Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN, Caller.REGION_MANAGER_OTHER, Outcome.OWN);
        rules.put("GET /api/hq/orders", staff(inScope));
        rules.put("GET /api/hq/orders/export.csv", staff(inScope));
        rules.put("GET /api/hq/reports/day", staff(inScope));
        rules.put("GET /api/hq/orders/export.xlsx", staff(inScope));
        rules.put("GET /api/hq/orders/{orderNo}", staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT)));
    }

    /**
     * Stock is per store: X's clerk works X's stock; deciding (thresholds, applying counts, approving transfers) needs a
     * manager or HQ; HQ lists show each caller the stores in their scope. Order of the runs: operations sort by path,
     * so the fixture's count sheet is applied (nothing counted: 422), cancelled, then counted (closed: 409); its
     * transfer (X sends) is approved, cancelled (by X's clerk, who runs before the admin), then neither received (X is
     * not the receiver), rejected nor shipped. Store staff read stock through their store's console, not HQ's lists.
     */
    private static void inventoryRules(Map<String, Rule> rules) {
        Map<Caller, Outcome> storeX = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.CLERK_X, Outcome.ALLOW);
        Map<Caller, Outcome> inScope = Map.of(
                Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN, Caller.REGION_MANAGER_OTHER, Outcome.OWN);
        for (String list :
                List.of("/api/hq/stock", "/api/hq/stock/ledger", "/api/hq/stock/alerts", "/api/hq/transfers")) {
            rules.put("GET " + list, staff(inScope));
        }
        for (String read : List.of(
                "/api/store/{storeId}/stock",
                "/api/store/{storeId}/stock/ledger",
                "/api/store/{storeId}/stock/alerts",
                "/api/store/{storeId}/stocktakes",
                "/api/store/{storeId}/stocktakes/{stocktakeId}",
                "/api/store/{storeId}/transfers",
                "/api/store/{storeId}/transfers/{transferId}")) {
            rules.put("GET " + read, staff(storeX));
        }
        rules.put(
                "POST /api/store/{storeId}/stock/receipts",
                staff(storeX, f -> Map.of("lines", List.of(Map.of("skuId", f.sku(), "quantity", 1)))));
        rules.put(
                "POST /api/store/{storeId}/stock/losses",
                staff(
                        storeX,
                        f -> Map.of("lines", List.of(Map.of("skuId", f.sku(), "quantity", 1)), "reason", "LOST")));
        rules.put(
                "PUT /api/store/{storeId}/stock/{skuId}/threshold",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW), f -> Map.of("lowThreshold", 3)));
        rules.put("POST /api/store/{storeId}/stocktakes", staff(storeX, f -> Map.of("note", "matrix")));
        rules.put(
                "POST /api/store/{storeId}/stocktakes/{stocktakeId}/apply",
                staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT)));
        rules.put(
                "POST /api/store/{storeId}/stocktakes/{stocktakeId}/cancel",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put(
                "PUT /api/store/{storeId}/stocktakes/{stocktakeId}/counts",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT, Caller.CLERK_X, Outcome.NO_EFFECT),
                        f -> Map.of("counts", List.of(Map.of("skuId", f.sku(), "counted", 1)))));
        rules.put(
                "POST /api/store/{storeId}/transfers",
                staff(
                        storeX,
                        f -> Map.of(
                                "fromStoreId", f.storeY(), "lines", List.of(Map.of("skuId", f.sku(), "quantity", 1)))));
        rules.put(
                "POST /api/store/{storeId}/transfers/{transferId}/approve",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put(
                "POST /api/store/{storeId}/transfers/{transferId}/cancel",
                staff(Map.of(Caller.CLERK_X, Outcome.ALLOW, Caller.A_ADMIN, Outcome.NO_EFFECT)));
        rules.put("POST /api/store/{storeId}/transfers/{transferId}/receive", staff(Map.of(), f -> Map.of()));
        rules.put(
                "POST /api/store/{storeId}/transfers/{transferId}/reject",
                staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT)));
        rules.put(
                "POST /api/store/{storeId}/transfers/{transferId}/ship",
                staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT, Caller.CLERK_X, Outcome.NO_EFFECT)));
        rules.put(
                "GET /api/store/{storeId}/transfers/sources", new Rule(storeX, f -> null, false, Map.of("skuId", "1")));
        rules.put(
                "GET /api/shop/{appid}/stores/{storeId}/stock",
                new Rule(Map.of(), f -> null, true, Map.of("skuIds", "1,2")));
    }

    /**
     * Marketing is brand-wide for HQ (B works on its own coupons and policy) and per store for store managers (clerks
     * do not propose coupons). Order of the runs: A's store proposal at X (the {id} target) is approved, distributed,
     * ended by HQ, then ended again from X's console; a member of A claims the fixture's HQ coupon once.
     */
    private static void promotionRules(Map<String, Rule> rules) {
        Map<Caller, Outcome> brandWide = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN);
        Map<Caller, Outcome> onA = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.NO_EFFECT);
        rules.put("GET /api/hq/promotions/coupons", staff(brandWide));
        rules.put("POST /api/hq/promotions/coupons", staff(brandWide, f -> Coupons.coupon("New coupon", 100, 0, 10)));
        rules.put("GET /api/hq/promotions/coupons/{id}", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put(
                "POST /api/hq/promotions/coupons/{id}/decision",
                staff(onA, f -> Map.of("approve", true, "note", "matrix")));
        rules.put(
                "POST /api/hq/promotions/coupons/{id}/distribution", staff(onA, f -> Map.of("segment", "ALL_MEMBERS")));
        rules.put("POST /api/hq/promotions/coupons/{id}/end", staff(onA));
        rules.put("GET /api/hq/promotions/policy", staff(brandWide));
        rules.put(
                "PUT /api/hq/promotions/policy",
                staff(
                        brandWide,
                        f -> Map.of(
                                "combines",
                                Map.of("HQ_COUPON", List.of("STORE_COUPON"), "STORE_COUPON", List.of("HQ_COUPON")),
                                "maxHqCoupons",
                                1,
                                "maxStoreCoupons",
                                1,
                                "storeApproval",
                                "REVIEW")));
        rules.put("GET /api/store/{storeId}/coupons", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put(
                "POST /api/store/{storeId}/coupons",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW), f -> Coupons.coupon("Store", 100, 0, 10)));
        rules.put("POST /api/store/{storeId}/coupons/{id}/end", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put("GET /api/shop/{appid}/coupons", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put("POST /api/shop/{appid}/coupons/{templateId}/claim", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put("GET /api/shop/{appid}/me/coupons", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        flashRules(rules, brandWide, onA);
        groupBuyRules(rules, brandWide, onA);
        mallRules(rules, brandWide, onA);
        reductionRules(rules, brandWide, onA);
        membershipRules(rules, brandWide);
    }

    /**
     * Flash sales: HQ's are brand-wide (B creates and reads its own); the target sale runs at store X, which is not
     * open to shoppers, so A's member's attempt there changes nothing and the store's list is a 404 for everyone.
     */
    private static void flashRules(Map<String, Rule> rules, Map<Caller, Outcome> brandWide, Map<Caller, Outcome> onA) {
        rules.put("GET /api/hq/promotions/flash-sales", staff(brandWide));
        rules.put(
                "POST /api/hq/promotions/flash-sales",
                // B has no SKU of that id: its attempt is refused in its own brand.
                staff(onA, f -> FlashSales.sale("New sale", f.sku(), 100, 5, 1)));
        rules.put("GET /api/hq/promotions/flash-sales/{saleId}", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put("POST /api/hq/promotions/flash-sales/{saleId}/end", staff(onA));
        rules.put("GET /api/shop/{appid}/stores/{storeId}/flash-sales", new Rule(Map.of(), f -> null, true));
        rules.put(
                "POST /api/shop/{appid}/checkout/flash",
                staff(
                        Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT),
                        f -> Map.of(
                                "saleId",
                                f.flashSale(),
                                "quantity",
                                1,
                                "order",
                                Map.of("storeId", f.storeX(), "mode", "EXPRESS"))));
    }

    /**
     * Group buys: HQ's are brand-wide; the target runs at store X, which is not open to shoppers, so A's member cannot
     * open a team there (nothing changes), the store list is a 404 for everyone, and no team of that id exists.
     */
    private static void groupBuyRules(
            Map<String, Rule> rules, Map<Caller, Outcome> brandWide, Map<Caller, Outcome> onA) {
        rules.put("GET /api/hq/promotions/group-buys", staff(brandWide));
        rules.put(
                "POST /api/hq/promotions/group-buys", staff(onA, f -> GroupBuys.buy("New group buy", f.sku(), 100, 2)));
        rules.put("GET /api/hq/promotions/group-buys/{groupBuyId}", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put("POST /api/hq/promotions/group-buys/{groupBuyId}/end", staff(onA));
        rules.put("GET /api/shop/{appid}/stores/{storeId}/group-buys", new Rule(Map.of(), f -> null, true));
        rules.put("GET /api/shop/{appid}/group-teams/{teamId}", new Rule(Map.of(), f -> null, true));
        rules.put("GET /api/shop/{appid}/me/group-teams", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put(
                "POST /api/shop/{appid}/checkout/group-buy",
                staff(
                        Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT),
                        f -> Map.of(
                                "groupBuyId",
                                f.groupBuy(),
                                "order",
                                Map.of("storeId", f.storeX(), "mode", "EXPRESS"))));
    }

    /**
     * Full reductions: brand-wide for HQ (B creates and reads its own); the target (A's, above B's ids) is ended by A;
     * store X is not open to shoppers, so its list is a 404 for everyone.
     */
    private static void reductionRules(
            Map<String, Rule> rules, Map<Caller, Outcome> brandWide, Map<Caller, Outcome> onA) {
        rules.put("GET /api/hq/promotions/full-reductions", staff(brandWide));
        rules.put("POST /api/hq/promotions/full-reductions", staff(brandWide, f -> reduction("New reduction")));
        rules.put("POST /api/hq/promotions/full-reductions/{reductionId}/end", staff(onA));
        // The target is HQ's own, not a proposal: deciding on it changes nothing, and no store may end it.
        rules.put(
                "POST /api/hq/promotions/full-reductions/{reductionId}/decision",
                staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT), f -> Map.of("approve", true)));
        rules.put("GET /api/store/{storeId}/full-reductions", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW)));
        rules.put(
                "POST /api/store/{storeId}/full-reductions",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW), f -> reduction("Store reduction")));
        rules.put(
                "POST /api/store/{storeId}/full-reductions/{reductionId}/end",
                staff(Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT)));
        rules.put("GET /api/shop/{appid}/stores/{storeId}/full-reductions", new Rule(Map.of(), f -> null, true));
    }

    private static Map<String, Object> reduction(String name) {
        return Map.of(
                "name",
                name,
                "tiers",
                List.of(Map.of("thresholdFen", 5000, "offFen", 500)),
                "startsAt",
                java.time.Instant.now().minusSeconds(60).toString(),
                "endsAt",
                java.time.Instant.now().plusSeconds(86_400).toString());
    }

    /**
     * The points mall: HQ's items are brand-wide (B's attempt names A's coupon template, which B does not have: 422 in
     * its own brand); A's member has no points, so redeeming changes nothing; the shelf is public.
     */
    private static void mallRules(Map<String, Rule> rules, Map<Caller, Outcome> brandWide, Map<Caller, Outcome> onA) {
        rules.put("GET /api/hq/promotions/mall-items", staff(brandWide));
        rules.put(
                "POST /api/hq/promotions/mall-items",
                staff(
                        onA,
                        f -> Map.of(
                                "name",
                                "Matrix item",
                                "templateId",
                                f.claimableCoupon(),
                                "points",
                                10,
                                "perMemberLimit",
                                1)));
        rules.put("POST /api/hq/promotions/mall-items/{itemId}/end", staff(onA));
        rules.put("GET /api/shop/{appid}/mall-items", new Rule(Map.of(), f -> null, true));
        rules.put("GET /api/shop/{appid}/me/mall-items", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put("GET /api/shop/{appid}/me/mall-redemptions", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put(
                "POST /api/shop/{appid}/mall-items/{itemId}/redeem",
                staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT)));
    }

    /**
     * Stored value: plans are brand-wide for HQ (B adds its own; A changes its target plan); a member's wallet as the
     * points are; A's member starts a top-up on the target plan (nothing is paid); no top-up of the matrix's number
     * exists, so its reads and payments change nothing.
     */
    private static void walletRules(
            Map<String, Rule> rules, Map<Caller, Outcome> brandWide, Map<Caller, Outcome> member) {
        Map<Caller, Outcome> onA = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.NO_EFFECT);
        rules.put("GET /api/hq/members/topup-plans", staff(brandWide));
        rules.put(
                "POST /api/hq/members/topup-plans",
                staff(brandWide, f -> Map.of("name", "Matrix plan", "payFen", 10_000, "giftFen", 500)));
        rules.put(
                "PUT /api/hq/members/topup-plans/{planId}",
                staff(onA, f -> Map.of("name", "MT-" + f.suffix(), "payFen", 20_000, "giftFen", 1_000)));
        rules.put("GET /api/hq/members/{memberId}/wallet", staff(member));
        rules.put("GET /api/shop/{appid}/topup-plans", new Rule(Map.of(), f -> null, true));
        rules.put("GET /api/shop/{appid}/me/wallet", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put(
                "POST /api/shop/{appid}/topups",
                staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW), f -> Map.of("planId", f.topUpPlan())));
        rules.put("GET /api/shop/{appid}/topups/{topupNo}", staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT)));
        rules.put(
                "POST /api/shop/{appid}/topups/{topupNo}/payment", staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT)));
        rules.put(
                "GET /api/shop/{appid}/topups/{topupNo}/payment", staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT)));
    }

    /**
     * Levels: brand-wide for HQ (B adds its own); the target level (A's, above B's ids) is changed and then deleted by
     * A; a member sets their own birthday; the brand's levels are public.
     */
    private static void levelRules(
            Map<String, Rule> rules, Map<Caller, Outcome> brandWide, Map<Caller, Outcome> member) {
        Map<Caller, Outcome> onA = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.NO_EFFECT);
        rules.put("GET /api/hq/members/levels", staff(brandWide));
        rules.put(
                "POST /api/hq/members/levels",
                staff(brandWide, f -> Map.of("name", "Matrix level", "minGrowth", 7777, "discountPercent", 1)));
        rules.put(
                "PUT /api/hq/members/levels/{levelId}",
                staff(onA, f -> Map.of("name", "ML-" + f.suffix(), "minGrowth", 5000, "discountPercent", 2)));
        rules.put("DELETE /api/hq/members/levels/{levelId}", staff(onA));
        rules.put("GET /api/hq/members/levels/growth/{memberId}", staff(member));
        rules.put("GET /api/shop/{appid}/levels", new Rule(Map.of(), f -> null, true));
        rules.put("GET /api/shop/{appid}/me/level", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put(
                "PUT /api/shop/{appid}/me/birthday",
                staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW), f -> Map.of("birthday", "05-20")));
    }

    /**
     * Points: HQ reads and sets the brand's rule (B its own) and a member's points; member ids come from per-schema
     * sequences, so B's admin naming A's member id reaches B's own member of that id, never A's (NO_EFFECT).
     */
    /**
     * Booking: items and policy are brand-wide for HQ (a region manager of A reads them); the day board and set-up
     * are store X's. The target appointment is a walk-in at X that began at the fixture's time and lasts twelve
     * hours: X's desk checks it in (both allowed callers: a repeat answers the same), X's clerk cancels it (the
     * customer left; A's admin then finds it cancelled), and it can then be neither completed nor marked a no-show. Store X is not open to shoppers, and the target has no
     * member, so a member's attempts change nothing.
     */
    private static void bookingRules(Map<String, Rule> rules) {
        Map<Caller, Outcome> brandRead = Map.of(
                Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN, Caller.REGION_MANAGER_OTHER, Outcome.ALLOW);
        Map<Caller, Outcome> brandWrite = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN);
        Map<Caller, Outcome> storeX = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.CLERK_X, Outcome.ALLOW);
        Map<Caller, Outcome> deskNoEffect =
                Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT, Caller.CLERK_X, Outcome.NO_EFFECT);
        Map<Caller, Outcome> memberNoEffect = Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT);
        rules.put("GET /api/hq/booking/items", staff(brandRead));
        rules.put(
                "POST /api/hq/booking/items",
                staff(
                        brandWrite,
                        f -> bookingItem("N"
                                + UUID.randomUUID().toString().substring(0, 8).toUpperCase())));
        rules.put(
                "GET /api/hq/booking/items/{serviceItemId}",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.REGION_MANAGER_OTHER, Outcome.ALLOW)));
        rules.put(
                "PUT /api/hq/booking/items/{serviceItemId}",
                staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW), f -> bookingItem("MB-" + f.suffix())));
        rules.put("GET /api/hq/booking/policy", staff(brandRead));
        // The report covers the caller's stores: a region manager of West sees West's, never X's.
        rules.put(
                "GET /api/hq/booking/report",
                staff(Map.of(
                        Caller.A_ADMIN,
                        Outcome.ALLOW,
                        Caller.B_ADMIN,
                        Outcome.OWN,
                        Caller.REGION_MANAGER_OTHER,
                        Outcome.OWN)));
        rules.put(
                "PUT /api/hq/booking/policy",
                staff(
                        brandWrite,
                        f -> Map.of(
                                "slotMinutes",
                                30,
                                "holdMinutes",
                                10,
                                "cancelCutoffMinutes",
                                60,
                                "lateCancellation",
                                "REFUSED",
                                "lateCancelFeeFen",
                                0,
                                "horizonDays",
                                30,
                                "checkInEarlyMinutes",
                                60,
                                "noShowAfterMinutes",
                                15,
                                "reminderMinutes",
                                120)));
        for (String read : List.of(
                "/api/store/{storeId}/booking/board",
                "/api/store/{storeId}/booking/items",
                "/api/store/{storeId}/booking/staff")) {
            rules.put("GET " + read, staff(storeX));
        }
        rules.put(
                "GET /api/store/{storeId}/booking/slots",
                new Rule(storeX, f -> null, false, Map.of("itemId", "{serviceItemId}")));
        Map<Caller, Outcome> schedule = Map.of(Caller.A_ADMIN, Outcome.ALLOW);
        rules.put("POST /api/store/{storeId}/booking/staff", staff(schedule, f -> bookingPerson(f, "New person")));
        rules.put(
                "PUT /api/store/{storeId}/booking/staff/{staffId}",
                staff(schedule, f -> bookingPerson(f, "MB-" + f.suffix())));
        rules.put(
                "PUT /api/store/{storeId}/booking/staff/{staffId}/exceptions/{date}",
                staff(schedule, f -> Map.of("intervals", List.of("10:00-12:00"), "note", "matrix")));
        rules.put("DELETE /api/store/{storeId}/booking/staff/{staffId}/exceptions/{date}", staff(schedule));
        rules.put(
                "POST /api/store/{storeId}/appointments",
                staff(storeX, f -> Map.of("itemId", f.serviceItem(), "contactName", "MB-" + f.suffix())));
        rules.put(
                "POST /api/store/{storeId}/appointments/check-in",
                staff(storeX, f -> Map.of("code", f.appointmentCode())));
        rules.put(
                "POST /api/store/{storeId}/appointments/{appointmentId}/cancel",
                staff(
                        Map.of(Caller.CLERK_X, Outcome.ALLOW, Caller.A_ADMIN, Outcome.NO_EFFECT),
                        f -> Map.of("reason", "matrix")));
        rules.put("POST /api/store/{storeId}/appointments/{appointmentId}/complete", staff(deskNoEffect));
        rules.put("POST /api/store/{storeId}/appointments/{appointmentId}/no-show", staff(deskNoEffect));
        rules.put("GET /api/shop/{appid}/stores/{storeId}/service-items", open(f -> null));
        rules.put("GET /api/shop/{appid}/stores/{storeId}/service-items/{serviceItemId}/slots", open(f -> null));
        rules.put(
                "POST /api/shop/{appid}/appointments",
                staff(
                        memberNoEffect,
                        f -> Map.of(
                                "storeId",
                                f.storeX(),
                                "itemId",
                                f.serviceItem(),
                                "startsAt",
                                java.time.Instant.now()
                                        .plusSeconds(86_400)
                                        .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                                        .toString())));
        rules.put("GET /api/shop/{appid}/appointments", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put("GET /api/shop/{appid}/appointments/{appointmentId}", staff(memberNoEffect));
        rules.put("POST /api/shop/{appid}/appointments/{appointmentId}/confirm", staff(memberNoEffect));
        rules.put(
                "POST /api/shop/{appid}/appointments/{appointmentId}/cancel",
                staff(memberNoEffect, f -> Map.of("reason", "matrix")));
        rules.put(
                "POST /api/shop/{appid}/appointments/{appointmentId}/reschedule",
                staff(
                        memberNoEffect,
                        f -> Map.of(
                                "startsAt",
                                java.time.Instant.now()
                                        .plusSeconds(172_800)
                                        .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                                        .toString())));
    }

    /**
     * Order ahead: the setting is the brand's (HQ reads, HQ admins write); the make queue and the pause are store X's;
     * the member's queue status is for their own orders (the matrix's member has none: 404).
     */
    private static void orderAheadRules(Map<String, Rule> rules) {
        Map<Caller, Outcome> storeX = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.CLERK_X, Outcome.ALLOW);
        rules.put(
                "GET /api/hq/order-ahead",
                staff(Map.of(
                        Caller.A_ADMIN,
                        Outcome.ALLOW,
                        Caller.B_ADMIN,
                        Outcome.OWN,
                        Caller.REGION_MANAGER_OTHER,
                        Outcome.ALLOW)));
        rules.put(
                "PUT /api/hq/order-ahead",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN),
                        f -> Map.of("enabled", true, "prepMinutes", 4, "lanes", 2)));
        rules.put("GET /api/store/{storeId}/make-queue", staff(storeX));
        rules.put(
                "PUT /api/store/{storeId}/order-ahead/pause",
                staff(storeX, f -> Map.of("minutes", 5, "reason", "MB-" + f.suffix())));
        rules.put("DELETE /api/store/{storeId}/order-ahead/pause", staff(storeX));
        rules.put("GET /api/shop/{appid}/orders/{orderNo}/queue", staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT)));
        rules.put("GET /api/shop/{appid}/stores/{storeId}/order-ahead", open(f -> null));
    }

    /**
     * Courses: HQ's are brand-wide (admins of A; B's admin works in B). The matrix cancels A's course (the first write
     * that succeeds), so every later write on it is refused and changes nothing. Rosters and check-in are X's; the
     * session is two days ahead, so a check-in is refused. A member's enrolments are their own.
     */
    private static void courseRules(Map<String, Rule> rules) {
        Map<Caller, Outcome> storeX = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.CLERK_X, Outcome.ALLOW);
        Map<Caller, Outcome> onA = Map.of(Caller.A_ADMIN, Outcome.ALLOW);
        Map<Caller, Outcome> refusedOnA = Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT);
        Map<Caller, Outcome> member = Map.of(Caller.CONSUMER_A, Outcome.ALLOW);
        Map<Caller, Outcome> memberNoEffect = Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT);
        rules.put("GET /api/hq/courses", staff(Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.OWN)));
        rules.put(
                "POST /api/hq/courses",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.NO_EFFECT),
                        f -> course(
                                "N"
                                        + UUID.randomUUID()
                                                .toString()
                                                .substring(0, 8)
                                                .toUpperCase(),
                                f,
                                false)));
        rules.put("GET /api/hq/courses/{courseId}", staff(onA));
        rules.put("PUT /api/hq/courses/{courseId}", staff(refusedOnA, f -> course("MB-" + f.suffix(), f, false)));
        rules.put("POST /api/hq/courses/{courseId}/cancel", staff(onA, f -> Map.of("reason", "matrix")));
        rules.put("POST /api/hq/courses/{courseId}/close", staff(refusedOnA));
        rules.put("POST /api/hq/courses/{courseId}/open", staff(refusedOnA));
        rules.put("GET /api/hq/courses/{courseId}/enrolments", staff(onA));
        rules.put("GET /api/store/{storeId}/classes", staff(storeX));
        rules.put("GET /api/store/{storeId}/classes/sessions/{sessionId}", staff(storeX));
        rules.put(
                "POST /api/store/{storeId}/classes/sessions/{sessionId}/check-in",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT, Caller.CLERK_X, Outcome.NO_EFFECT),
                        f -> Map.of("code", f.course().code())));
        rules.put("GET /api/shop/{appid}/stores/{storeId}/courses", open(f -> null));
        rules.put("GET /api/shop/{appid}/courses/{courseId}", open(f -> null));
        rules.put("GET /api/shop/{appid}/message-templates", open(f -> null));
        rules.put(
                "POST /api/shop/{appid}/enrolments",
                staff(memberNoEffect, f -> Map.of("courseId", f.course().id())));
        rules.put("GET /api/shop/{appid}/enrolments", staff(member));
        rules.put("GET /api/shop/{appid}/enrolments/{enrolmentId}", staff(member));
        rules.put(
                "POST /api/shop/{appid}/enrolments/{enrolmentId}/cancel",
                staff(memberNoEffect, f -> Map.of("reason", "matrix")));
        rules.put("GET /api/shop/{appid}/courses/{courseId}/waitlist", staff(member));
        rules.put("POST /api/shop/{appid}/courses/{courseId}/waitlist", staff(memberNoEffect));
        rules.put("DELETE /api/shop/{appid}/courses/{courseId}/waitlist", staff(memberNoEffect));
    }

    /** A free course of one hour-long session two days ahead at X, taught by the matrix's person when asked. */
    private static Map<String, Object> course(String code, Fixture f, boolean taught) {
        return course(code, f.storeX(), taught ? f.bookingStaff() : null);
    }

    private static Map<String, Object> course(String code, long store, Long teacher) {
        Map<String, Object> course = new HashMap<>(Map.of(
                "code",
                code,
                "name",
                code,
                "storeId",
                store,
                "priceFen",
                0,
                "capacity",
                10,
                "minutes",
                60,
                "refundHours",
                24,
                "sessions",
                List.of(java.time.Instant.now()
                        .plusSeconds(172_800)
                        .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                        .toString())));
        if (teacher != null) {
            course.put("teacherId", teacher);
        }
        return course;
    }

    /** A room-like item (no person needed) of twelve hours with room for many, so every desk write finds a place. */
    private static Map<String, Object> bookingItem(String name) {
        return Map.of("code", name, "name", name, "minutes", 720, "priceFen", 0, "capacity", 100, "needsStaff", false);
    }

    private static Map<String, Object> bookingPerson(Fixture f, String name) {
        return Map.of(
                "name",
                name,
                "itemIds",
                List.of(f.serviceItem()),
                "weekly",
                io.mendian.testsupport.Bookings.everyDay(List.of("00:00-24:00")));
    }

    private static void membershipRules(Map<String, Rule> rules, Map<Caller, Outcome> brandWide) {
        // Phone sign-in is open to anyone (each caller asks for a code to a phone of its own); binding a phone takes
        // the
        // member's token and WeChat's code (an invalid one here: nothing changes).
        java.util.concurrent.atomic.AtomicInteger phones = new java.util.concurrent.atomic.AtomicInteger();
        rules.put(
                "POST /api/shop/{appid}/sms-codes",
                new Rule(
                        Map.of(),
                        f -> Map.of("phone", "1390" + String.format("%07d", phones.incrementAndGet() + f.memberA())),
                        true));
        rules.put(
                "POST /api/shop/{appid}/session/sms",
                new Rule(Map.of(), f -> Map.of("phone", "13900000000", "code", "000000"), true));
        rules.put(
                "POST /api/shop/{appid}/me/phone",
                staff(Map.of(Caller.CONSUMER_A, Outcome.NO_EFFECT), f -> Map.of("code", "not-a-code")));
        rules.put("GET /api/shop/{appid}/me/points", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put("GET /api/hq/members/points-rule", staff(brandWide));
        rules.put(
                "PUT /api/hq/members/points-rule",
                staff(
                        brandWide,
                        f -> Map.of(
                                "earnPerYuan",
                                2,
                                "redeemPointsPerYuan",
                                100,
                                "maxRedeemPercent",
                                30,
                                "expiryMonths",
                                6)));
        // The counter: A's member shows a fresh code; clerks look up and redeem coupons, managers adjust points. The
        // redemption fails (the member has no coupon here), which leaves the code unspent for the adjustment.
        Map<Caller, Outcome> counter = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.CLERK_X, Outcome.ALLOW);
        rules.put("GET /api/shop/{appid}/me/code", staff(Map.of(Caller.CONSUMER_A, Outcome.ALLOW)));
        rules.put("POST /api/store/{storeId}/members/scan", staff(counter, f -> Map.of("code", memberCode(f))));
        rules.put(
                "POST /api/store/{storeId}/members/points",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW),
                        f -> Map.of("code", memberCode(f), "delta", 1, "reason", "matrix")));
        rules.put(
                "POST /api/store/{storeId}/members/stored-value",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.ALLOW),
                        f -> Map.of("code", memberCode(f), "deltaFen", 100, "reason", "matrix")));
        rules.put(
                "POST /api/store/{storeId}/member-coupons/lookup", staff(counter, f -> Map.of("code", memberCode(f))));
        rules.put(
                "POST /api/store/{storeId}/member-coupons/{couponId}/redeem",
                staff(
                        Map.of(Caller.A_ADMIN, Outcome.NO_EFFECT, Caller.CLERK_X, Outcome.NO_EFFECT),
                        f -> Map.of("code", memberCode(f))));
        Map<Caller, Outcome> member = Map.of(Caller.A_ADMIN, Outcome.ALLOW, Caller.B_ADMIN, Outcome.NO_EFFECT);
        rules.put("GET /api/hq/members/{memberId}/points", staff(member));
        levelRules(rules, brandWide, member);
        walletRules(rules, brandWide, member);
        rules.put(
                "POST /api/hq/members/{memberId}/points/adjustments",
                staff(member, f -> Map.of("delta", 5, "reason", "matrix")));
    }

    /** A's member's code now, as their phone shows it. */
    private static String memberCode(Fixture f) {
        return given().auth()
                .oauth2(f.tokens().get(Caller.CONSUMER_A))
                .get("/api/shop/" + f.a().appid() + "/me/code")
                .then()
                .statusCode(200)
                .extract()
                .path("code");
    }

    @Test
    void everyOperationDeniesEveryCallerItDoesNotDeclareAndDeniedCallsChangeNothing() throws Exception {
        Fixture f = fixture();
        Map<String, Rule> rules = rules();
        List<String> failures = new ArrayList<>();
        Map<String, Set<String>> operations = liveOperations();
        int checked = 0;
        long issued = System.nanoTime();
        for (var entry : operations.entrySet()) {
            for (String method : entry.getValue()) {
                String op = method + " " + entry.getKey();
                // Keycloak's access tokens live five minutes and the matrix takes longer: sign in again every three.
                if (System.nanoTime() - issued > java.util.concurrent.TimeUnit.MINUTES.toNanos(3)) {
                    f.issuers().forEach((caller, issuer) -> f.tokens().put(caller, issuer.get()));
                    issued = System.nanoTime();
                }
                Rule rule = rules.get(op);
                if (rule == null) {
                    failures.add(op + ": no isolation rule declared; add one to IsolationMatrixTest.rules()");
                    continue;
                }
                for (Caller caller : Caller.values()) {
                    check(f, op, method, entry.getKey(), rule, caller, failures);
                    checked++;
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " isolation failures:\n" + String.join("\n", failures));
        }
        assertTrue(operations.size() >= 10, "the OpenAPI document lists the API");
        assertTrue(
                checked >= rules.size() * Caller.values().length,
                "every declared operation was exercised by every caller");
    }

    private void check(
            Fixture f, String op, String method, String template, Rule rule, Caller caller, List<String> failures)
            throws SQLException {
        Outcome expected = rule.of(caller);
        String path = resolve(template, f, op);
        Map<String, Long> before = rowCounts(f.a());
        Response response = request(f, caller, rule).request(method, path);
        int status = response.statusCode();
        String body = response.asString();
        String where = op + " as " + caller + " -> " + status;
        if (status >= 500) {
            failures.add(where + ": server error " + body);
            return;
        }
        if (rule.isPublic()) {
            Integer first = publicStatuses.putIfAbsent(op, status);
            if (first != null && first != status) {
                failures.add(where + ": a public operation answered " + caller + " differently (" + first
                        + " for the first caller)");
            }
            return;
        }
        switch (expected) {
            case ALLOW -> {
                if (status >= 400) {
                    failures.add(where + ": expected success, got " + body);
                }
            }
            case OWN -> {
                if (status >= 400) {
                    failures.add(where + ": expected success on own scope, got " + body);
                }
                if (!rowCounts(f.a()).equals(before)) {
                    failures.add(where + ": changed brand A's data");
                }
            }
            case NO_EFFECT -> {
                if (!rowCounts(f.a()).equals(before)) {
                    failures.add(where + ": changed brand A's data");
                }
            }
            case DENY -> {
                // Without a valid staff token: 401. A member's token is a valid token only in its own brand's shop,
                // where another brand's member is refused with 403.
                boolean unauthenticated = caller == Caller.NONE || caller == Caller.EXPIRED || caller == Caller.FORGED;
                boolean member = caller == Caller.CONSUMER_A || caller == Caller.CONSUMER_B;
                Set<Integer> denied =
                        unauthenticated ? Set.of(401, 404) : member ? Set.of(401, 403, 404) : Set.of(403, 404);
                if (!denied.contains(status)) {
                    failures.add(where + ": expected denial " + denied + ", got " + body);
                } else if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    failures.add(where + ": denial without a problem body (" + response.contentType() + ")");
                }
                if (!rowCounts(f.a()).equals(before)) {
                    failures.add(where + ": a denied call changed data");
                }
            }
        }
        if (!rule.isPublic() && expected != Outcome.ALLOW) {
            for (String marker : markersHiddenFrom(caller, f)) {
                if (body.contains(marker)) {
                    failures.add(where + ": leaked " + marker);
                }
            }
        }
    }

    private static List<String> markersHiddenFrom(Caller caller, Fixture f) {
        return switch (caller) {
            case REGION_MANAGER_OTHER -> List.of("MX-" + f.suffix(), "MY-" + f.suffix(), "EAST-" + f.suffix());
            default ->
                List.of(
                        "MX-" + f.suffix(),
                        "MY-" + f.suffix(),
                        "MZ-" + f.suffix(),
                        "EAST-" + f.suffix(),
                        "WEST-" + f.suffix(),
                        "MP-" + f.suffix(),
                        "MC-" + f.suffix(),
                        "MF-" + f.suffix(),
                        "MG-" + f.suffix(),
                        "MM-" + f.suffix(),
                        "ML-" + f.suffix(),
                        "MT-" + f.suffix(),
                        "MR-" + f.suffix(),
                        "MB-" + f.suffix(),
                        "SPARE-" + f.suffix());
        };
    }

    private static RequestSpecification request(Fixture f, Caller caller, Rule rule) {
        RequestSpecification spec = given().header("Idempotency-Key", "matrix-" + UUID.randomUUID());
        String token = f.tokens().get(caller);
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        if (!rule.query().isEmpty()) {
            Map<String, Object> query = new HashMap<>();
            rule.query().forEach((k, v) -> query.put(k, v instanceof String text ? resolve(text, f, "") : v));
            spec = spec.queryParams(query);
        }
        Object body = rule.body().apply(f);
        if (body != null) {
            spec = spec.contentType(ContentType.JSON).body(body);
        }
        return spec;
    }

    private static String resolve(String template, Fixture f, String op) {
        String regionTarget = String.valueOf(f.regionTemp());
        String tenantTarget = f.c().slug();
        String idTarget = op.contains("/coupons/")
                ? String.valueOf(f.coupon())
                : op.contains("/invoices/")
                        ? String.valueOf(f.invoice())
                        : op.contains("/regions/")
                                ? regionTarget
                                : op.contains("/categories/")
                                        ? String.valueOf(f.category())
                                        : op.contains("/products/")
                                                ? String.valueOf(f.product())
                                                : String.valueOf(f.storeX());
        String userTarget = op.startsWith("DELETE") ? f.staffVictim() : f.staffTarget();
        return template.replace("{id}", idTarget)
                .replace("{userId}", userTarget)
                .replace("{skuId}", String.valueOf(f.sku()))
                .replace("{productId}", String.valueOf(f.product()))
                .replace("{storeId}", String.valueOf(f.storeX()))
                .replace("{appid}", f.a().appid())
                .replace("{tenant}", tenantTarget)
                .replace("{job}", f.job())
                .replace("{slug}", f.a().slug())
                .replace("{invitationId}", f.invitation())
                .replace("{stocktakeId}", String.valueOf(f.stocktake()))
                .replace("{transferId}", String.valueOf(f.transfer()))
                .replace("{templateId}", String.valueOf(f.claimableCoupon()))
                .replace("{memberId}", String.valueOf(f.memberA()))
                .replace("{saleId}", String.valueOf(f.flashSale()))
                .replace("{groupBuyId}", String.valueOf(f.groupBuy()))
                .replace("{itemId}", String.valueOf(f.mallItem()))
                .replace("{levelId}", String.valueOf(f.level()))
                .replace("{planId}", String.valueOf(f.topUpPlan()))
                .replace("{reductionId}", String.valueOf(f.reduction()))
                .replace("{topupNo}", "T26120300000001")
                .replace("{teamId}", String.valueOf(f.groupBuy()))
                .replace("{couponId}", String.valueOf(f.claimableCoupon()))
                .replace("{orderNo}", "26120300000001")
                .replace("{serviceItemId}", String.valueOf(f.serviceItem()))
                .replace("{staffId}", String.valueOf(f.bookingStaff()))
                .replace("{appointmentId}", String.valueOf(f.appointment()))
                .replace("{courseId}", String.valueOf(f.course().id()))
                .replace("{sessionId}", String.valueOf(f.course().session()))
                .replace("{enrolmentId}", String.valueOf(f.course().enrolment()))
                .replace(
                        "{date}",
                        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                                .plusDays(1)
                                .toString());
    }

    /** Operations under /api from the live OpenAPI document, with resume ordered after suspend and deletes last. */
    private static Map<String, Set<String>> liveOperations() {
        Map<String, Object> paths = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        Map<String, Set<String>> operations = new TreeMap<>((x, y) -> {
            int byResume = Boolean.compare(x.endsWith("/resume"), y.endsWith("/resume"));
            return byResume != 0 ? byResume : x.compareTo(y);
        });
        paths.forEach((path, value) -> {
            if (path.startsWith("/api/")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> methods = (Map<String, Object>) value;
                Set<String> ordered = new java.util.TreeSet<>((x, y) -> {
                    int byDelete = Boolean.compare(x.equals("DELETE"), y.equals("DELETE"));
                    return byDelete != 0 ? byDelete : x.compareTo(y);
                });
                methods.keySet().stream()
                        .filter(m ->
                                Set.of("get", "post", "put", "patch", "delete").contains(m))
                        .forEach(m -> ordered.add(m.toUpperCase()));
                operations.put(path, ordered);
            }
        });
        return operations;
    }

    private Fixture fixture() throws Exception {
        Brand a = Brands.anActiveBrand("iso-a");
        Brand b = Brands.anActiveBrand("iso-b");
        Brand c = Brands.anActiveBrand("iso-c");
        String suffix = a.slug().toUpperCase().replace("ISO-A-", "");
        String adminA = a.adminToken();
        long east = create(adminA, "/api/hq/regions", Map.of("code", "EAST-" + suffix, "name", "East"));
        long west = create(adminA, "/api/hq/regions", Map.of("code", "WEST-" + suffix, "name", "West"));
        long temp = create(adminA, "/api/hq/regions", Map.of("code", "TMP-" + suffix, "name", "Temporary"));
        // Ids come from per-schema sequences, so brand B's first store is also id 1. Three fillers push A's targets
        // above the ids B creates during the run, so that "B reads id X" can only mean "B reached A's row".
        long filler = 0;
        for (int i = 1; i <= 3; i++) {
            filler = create(adminA, "/api/hq/stores", store("FILL" + i + "-" + suffix, east));
        }
        long x = create(adminA, "/api/hq/stores", store("MX-" + suffix, east));
        long y = create(adminA, "/api/hq/stores", store("MY-" + suffix, east));
        create(adminA, "/api/hq/stores", store("MZ-" + suffix, west));
        Map<Caller, java.util.function.Supplier<String>> issuers = new EnumMap<>(Caller.class);
        issuers.put(Caller.A_ADMIN, a::adminToken);
        issuers.put(Caller.B_ADMIN, b::adminToken);
        Brands.Login clerkX =
                Brands.aStaffLogin(accounts, a, "clerk-x", List.of(grant(a, Role.STORE_CLERK, new Scope.Store(x))));
        issuers.put(Caller.CLERK_X, () -> Keycloak.tokenFor(clerkX.email(), clerkX.password()));
        Brands.Login clerkY =
                Brands.aStaffLogin(accounts, a, "clerk-y", List.of(grant(a, Role.STORE_CLERK, new Scope.Store(y))));
        issuers.put(Caller.CLERK_Y, () -> Keycloak.tokenFor(clerkY.email(), clerkY.password()));
        Brands.Login west2 = Brands.aStaffLogin(
                accounts, a, "rm-west", List.of(grant(a, Role.REGION_MANAGER, new Scope.Region(west))));
        issuers.put(Caller.REGION_MANAGER_OTHER, () -> Keycloak.tokenFor(west2.email(), west2.password()));
        issuers.put(Caller.OPERATOR, Keycloak::operatorToken);
        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        issuers.forEach((caller, issuer) -> tokens.put(caller, issuer.get()));
        tokens.put(Caller.A_ADMIN, adminA);
        tokens.put(Caller.FORGED, Tokens.forged(adminA));
        tokens.put(Caller.EXPIRED, Tokens.expired(a.adminEmail(), a.adminPassword(), suffix.toLowerCase()));
        // Members of A and of B: consumer tokens are refused outside the shop (401) and by the other brand (403).
        tokens.put(Caller.CONSUMER_A, io.mendian.testsupport.Consumers.memberToken(a.appid(), "matrix-member"));
        tokens.put(Caller.CONSUMER_B, io.mendian.testsupport.Consumers.memberToken(b.appid(), "matrix-member"));
        String job = Brands.submit(Brands.signupBody(Brands.freshSlug("iso-job")), "k-" + UUID.randomUUID())
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Brands.awaitJob(job, "SUCCEEDED");
        // Same reason as the store fillers: B has the template's categories plus the one it creates during the run.
        for (int i = 1; i <= 8; i++) {
            create(adminA, "/api/hq/categories", Map.of("code", "FILLCAT" + i + "-" + suffix, "name", "Filler"));
        }
        long category =
                create(adminA, "/api/hq/categories", Map.of("code", "CAT-" + suffix, "name", "Matrix category"));
        long spare = create(adminA, "/api/hq/categories", Map.of("code", "SPARE-" + suffix, "name", "Spare"));
        Map<String, Object> productBody = new HashMap<>(product("MP-" + suffix, spare, false));
        productBody.put("skus", List.of(sku("MS-" + suffix)));
        long product = create(adminA, "/api/hq/products", productBody);
        long sku = ((Number) given().auth()
                        .oauth2(adminA)
                        .get("/api/hq/products/" + product)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("skus[0].id"))
                .longValue();
        Brands.aStaffMember(accounts, a, "target", List.of(grant(a, Role.STORE_CLERK, new Scope.Store(y))));
        Brands.aStaffMember(accounts, a, "victim", List.of(grant(a, Role.STORE_CLERK, new Scope.Store(y))));
        String target = accounts.findUser("target@" + a.slug() + ".example").orElseThrow();
        String victim = accounts.findUser("victim@" + a.slug() + ".example").orElseThrow();
        // A and B pay (so cancelling only schedules the end of the month); A's first invoice is the target of invoice
        // reads.
        for (Brand paying : List.of(a, b)) {
            given().auth()
                    .oauth2(paying.adminToken())
                    .header("Idempotency-Key", "k-" + UUID.randomUUID())
                    .post("/api/hq/subscription/activation")
                    .then()
                    .statusCode(200);
        }
        long invoice = ((Number) given().auth()
                        .oauth2(adminA)
                        .get("/api/hq/invoices")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("items[0].id"))
                .longValue();
        // An account of someone outside every brand, invited by A: nobody in the matrix may accept or decline it.
        String outsider = "outsider-" + suffix.toLowerCase() + "@matrix.example";
        accounts.ensureUser(outsider, "Outsider");
        String invitation = given().auth()
                .oauth2(adminA)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "fx-" + UUID.randomUUID())
                .body(Map.of(
                        "email", outsider, "grants", List.of(Map.of("role", "store_clerk", "scope", "store/" + y))))
                .post("/api/hq/staff")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        // Stock at X, a count sheet at X and a transfer from X to a filler store (not a marker: Y's clerk and the other
        // region's manager must not see it, and the stores they may see are not named in it).
        given().auth()
                .oauth2(adminA)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "fx-" + UUID.randomUUID())
                .body(Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 20))))
                .post("/api/store/" + x + "/stock/receipts")
                .then()
                .statusCode(201);
        long stocktake = create(adminA, "/api/store/" + x + "/stocktakes", Map.of("note", "matrix"));
        long transfer = create(
                adminA,
                "/api/store/" + filler + "/transfers",
                Map.of("fromStoreId", x, "lines", List.of(Map.of("skuId", sku, "quantity", 2))));
        // Coupons: fillers push A's targets above the ids B creates during the run; the target is X's proposal (PENDING
        // under the default policy); a member may claim the HQ coupon.
        for (int i = 1; i <= 3; i++) {
            create(adminA, "/api/hq/promotions/coupons", Coupons.coupon("FILLCOUPON" + i, 100, 0, 10));
        }
        long claimable = create(adminA, "/api/hq/promotions/coupons", Coupons.coupon("HQ matrix coupon", 100, 0, 10));
        long proposal = create(adminA, "/api/store/" + x + "/coupons", Coupons.coupon("MC-" + suffix, 100, 0, 10));
        // Flash sales: fillers above B's ids; the target runs at X (not open to shoppers) and carries a marker.
        for (int i = 1; i <= 3; i++) {
            create(adminA, "/api/hq/promotions/flash-sales", FlashSales.sale("FILLFLASH" + i, sku, 100, 5, 1));
        }
        long flashSale =
                create(adminA, "/api/hq/promotions/flash-sales", FlashSales.sale("MF-" + suffix, sku, 100, 5, 1, x));
        // Group buys: fillers above B's ids; the target runs at X and carries a marker.
        for (int i = 1; i <= 3; i++) {
            create(adminA, "/api/hq/promotions/group-buys", GroupBuys.buy("FILLGROUP" + i, sku, 100, 2));
        }
        long groupBuy = create(adminA, "/api/hq/promotions/group-buys", GroupBuys.buy("MG-" + suffix, sku, 100, 2, x));
        // The points mall: fillers above B's ids; the target lists A's HQ coupon and carries a marker.
        for (int i = 1; i <= 3; i++) {
            create(
                    adminA,
                    "/api/hq/promotions/mall-items",
                    Map.of("name", "FILLMALL" + i, "templateId", claimable, "points", 10, "perMemberLimit", 1));
        }
        long mallItem = create(
                adminA,
                "/api/hq/promotions/mall-items",
                Map.of("name", "MM-" + suffix, "templateId", claimable, "points", 10, "perMemberLimit", 1));
        // Levels: fillers above B's ids; the target carries a marker.
        for (int i = 1; i <= 3; i++) {
            create(
                    adminA,
                    "/api/hq/members/levels",
                    Map.of("name", "FILLLEVEL" + i, "minGrowth", 100 * i, "discountPercent", 0));
        }
        long level = create(
                adminA,
                "/api/hq/members/levels",
                Map.of("name", "ML-" + suffix, "minGrowth", 1000, "discountPercent", 1));
        // Top-up plans: fillers above B's ids; the target carries a marker.
        for (int i = 1; i <= 3; i++) {
            create(
                    adminA,
                    "/api/hq/members/topup-plans",
                    Map.of("name", "FILLPLAN" + i, "payFen", 1_000 * i, "giftFen", 0));
        }
        long topUpPlan = create(
                adminA, "/api/hq/members/topup-plans", Map.of("name", "MT-" + suffix, "payFen", 5_000, "giftFen", 100));
        // Full reductions: fillers above B's ids; the target runs at X and carries a marker.
        for (int i = 1; i <= 3; i++) {
            create(adminA, "/api/hq/promotions/full-reductions", reduction("FILLREDUCTION" + i));
        }
        Map<String, Object> atX = new HashMap<>(reduction("MR-" + suffix));
        atX.put("storeIds", List.of(x));
        long reduction = create(adminA, "/api/hq/promotions/full-reductions", atX);
        // Booking: fillers above B's ids; the target item, person and walk-in at X carry a marker.
        for (int i = 1; i <= 3; i++) {
            create(adminA, "/api/hq/booking/items", bookingItem("FILLITEM" + i));
        }
        long serviceItem = create(adminA, "/api/hq/booking/items", bookingItem("MB-" + suffix));
        long bookingStaff = create(
                adminA,
                "/api/store/" + x + "/booking/staff",
                Map.of(
                        "name",
                        "MB-" + suffix,
                        "itemIds",
                        List.of(serviceItem),
                        "weekly",
                        io.mendian.testsupport.Bookings.everyDay(List.of("00:00-24:00"))));
        var walkIn = given().auth()
                .oauth2(adminA)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "fx-" + UUID.randomUUID())
                .body(Map.of("itemId", serviceItem, "contactName", "MB-" + suffix))
                .post("/api/store/" + x + "/appointments")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        // Courses: fillers above B's ids; the target at X is taught by the matrix's person and carries a marker.
        for (int i = 1; i <= 3; i++) {
            create(adminA, "/api/hq/courses", course("FILLCOURSE" + i, x, null));
        }
        long courseId = create(adminA, "/api/hq/courses", course("MB-" + suffix, x, bookingStaff));
        long session = given().auth()
                .oauth2(adminA)
                .post("/api/hq/courses/" + courseId + "/open")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("sessions[0].id");
        var enrolment = given().auth()
                .oauth2(tokens.get(Caller.CONSUMER_A))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "fx-" + UUID.randomUUID())
                .body(Map.of("courseId", courseId))
                .post("/api/shop/" + a.appid() + "/enrolments")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        Course course = new Course(courseId, session, enrolment.getLong("id"), enrolment.getString("code"));
        long memberA = ((Number) given().auth()
                        .oauth2(tokens.get(Caller.CONSUMER_A))
                        .get("/api/shop/" + a.appid() + "/me")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("id"))
                .longValue();
        return new Fixture(
                a,
                b,
                c,
                x,
                y,
                east,
                west,
                temp,
                suffix,
                job,
                tokens,
                issuers,
                category,
                spare,
                product,
                sku,
                target,
                victim,
                invoice,
                invitation,
                stocktake,
                transfer,
                proposal,
                claimable,
                memberA,
                flashSale,
                groupBuy,
                mallItem,
                level,
                topUpPlan,
                reduction,
                serviceItem,
                bookingStaff,
                walkIn.getLong("id"),
                walkIn.getString("code"),
                course);
    }

    private static Grant grant(Brand brand, Role role, Scope scope) {
        return new Grant(brand.tenant(), role, scope);
    }

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

    /** Row counts of every table in brand A's schema and the platform schema. */
    private static Map<String, Long> rowCounts(Brand a) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = InfraTestResource.infra().dataSource().getConnection();
                var statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (var rs = statement.executeQuery(
                    "select table_schema || '.' || table_name from information_schema.tables where table_schema = '"
                            + a.tenant().schema()
                            + "' and table_type = 'BASE TABLE' and table_name not like 'databasechangelog%' order by 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            // Platform rows are A's when they name A: other brands legitimately meter usage or get invoices meanwhile.
            try (var rs = statement.executeQuery(
                    "select 'platform.' || table_name from information_schema.columns where table_schema = 'platform' "
                            + "and column_name = 'tenant_id' order by 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1) + " where tenant_id = '" + a.slug() + "'");
                }
            }
            for (String table : tables) {
                try (var rs = statement.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
