package io.mendian.inventory;

import static io.mendian.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.identity.Grant;
import io.mendian.identity.Role;
import io.mendian.identity.Scope;
import io.mendian.identity.StaffAccounts;
import io.mendian.inventory.InventoryApi.Line;
import io.mendian.inventory.app.ReservationExpiry;
import io.mendian.tenancy.Tenants;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class InventoryTest {

    @Inject
    InventoryApi inventory;

    @Inject
    Tenants tenants;

    @Inject
    ReservationExpiry expiry;

    @Inject
    DataSource data;

    @Inject
    StaffAccounts accounts;

    private InventoryApi.Reservation reserve(InventoryFixture f, String reference, Duration ttl, Line... lines) {
        return tenants.runAs(
                f.brand().tenant(),
                () -> QuarkusTransaction.requiringNew()
                        .call(() -> inventory.reserve(reference, List.of(lines), ttl, "test")));
    }

    private boolean settle(InventoryFixture f, UUID id, boolean commit) {
        return tenants.runAs(
                f.brand().tenant(),
                () -> QuarkusTransaction.requiringNew()
                        .call(() -> commit ? inventory.commit(id, "test") : inventory.release(id, "test", "test")));
    }

    @Test
    void twoHundredConcurrentBuyersOfAHotSkuNeverOversell() throws Exception {
        InventoryFixture f = InventoryFixture.of("hot", 1, 1);
        long store = f.stores().get(0);
        long sku = f.skus().get(0);
        f.receive(store, sku, 50);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String reference = "order-" + i;
            runs.add(pool.submit(() -> {
                try {
                    reserve(f, reference, Duration.ofMinutes(15), new Line(store, sku, 1));
                    won.incrementAndGet();
                } catch (ProblemException e) {
                    assertTrue(e.problem().getType().toString().endsWith("insufficient-stock"));
                    refused.incrementAndGet();
                }
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        assertEquals(50, won.get(), "exactly the stock on hand was sold");
        assertEquals(150, refused.get());
        assertArrayEquals(new long[] {50, 50, 0}, f.level(data, store, sku));
        assertEquals(List.of(), f.brokenInvariants(data));
    }

    @Test
    void aRetriedReservationHoldsStockOnceAndAnOrderIsAllOrNothing() throws Exception {
        InventoryFixture f = InventoryFixture.of("retry", 1, 2);
        long store = f.stores().get(0);
        long a = f.skus().get(0);
        long b = f.skus().get(1);
        f.receive(store, a, 5);
        f.receive(store, b, 1);
        var first = reserve(f, "order-r", Duration.ofMinutes(5), new Line(store, a, 2));
        var again = reserve(f, "order-r", Duration.ofMinutes(5), new Line(store, a, 2));
        assertEquals(first.id(), again.id());
        assertArrayEquals(new long[] {5, 2, 0}, f.level(data, store, a));
        assertThrows(
                ProblemException.class,
                () -> reserve(f, "order-x", Duration.ofMinutes(5), new Line(store, a, 1), new Line(store, b, 2)));
        assertArrayEquals(new long[] {5, 2, 0}, f.level(data, store, a), "the line that fitted was not held either");
        assertEquals(0, f.count(data, "stock_reservation where reference = 'order-x'"));
        assertEquals(List.of(), f.brokenInvariants(data));
    }

    @Test
    void expiredReservationsReturnStockExactlyOnceWhenSweepsAndCommitsRace() throws Exception {
        InventoryFixture f = InventoryFixture.of("expiry", 1, 1);
        long store = f.stores().get(0);
        long sku = f.skus().get(0);
        f.receive(store, sku, 100);
        List<UUID> held = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            held.add(reserve(f, "exp-" + i, Duration.ZERO, new Line(store, sku, 2))
                    .id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        // Two sweeps (as if two instances fired) race each other and commits of half the holds.
        runs.add(pool.submit(() -> expiry.expire(f.brand().tenant())));
        runs.add(pool.submit(() -> expiry.expire(f.brand().tenant())));
        runs.add(pool.submit(() -> held.subList(0, 20).forEach(id -> {
            try {
                settle(f, id, true);
            } catch (ProblemException e) {
                // released by a sweep first: that is the race this test runs
            }
        })));
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        long committed = f.count(data, "stock_reservation where status = 'COMMITTED'");
        long released = f.count(data, "stock_reservation where status = 'RELEASED'");
        assertEquals(40, committed + released);
        assertEquals(released, f.count(data, "stock_movement where kind = 'RELEASE'"), "one release movement each");
        assertEquals(committed, f.count(data, "stock_movement where kind = 'COMMIT'"), "one commit movement each");
        assertArrayEquals(new long[] {100 - 2 * committed, 0, 0}, f.level(data, store, sku));
        assertEquals(List.of(), f.brokenInvariants(data));
    }

    @Test
    void storeStaffReceiveLoseAndCountStockAndTheLedgerExplainsEveryUnit() throws Exception {
        InventoryFixture f = InventoryFixture.of("work", 2, 2);
        long store = f.stores().get(0);
        long sku = f.skus().get(0);
        String clerk = Brands.aStaffMember(
                accounts,
                f.brand(),
                "clerk",
                List.of(new Grant(f.brand().tenant(), Role.STORE_CLERK, new Scope.Store(store))));
        String manager = Brands.aStaffMember(
                accounts,
                f.brand(),
                "manager",
                List.of(new Grant(f.brand().tenant(), Role.STORE_MANAGER, new Scope.Store(store))));
        as(clerk)
                .body(Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 30)), "reference", "DN-7"))
                .post("/api/store/" + store + "/stock/receipts")
                .then()
                .statusCode(201)
                .body("[0].onHand", equalTo(30));
        as(clerk)
                .body(Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 31)), "reason", "DAMAGED"))
                .post("/api/store/" + store + "/stock/losses")
                .then()
                .statusCode(409)
                .body("available", equalTo(30));
        as(clerk)
                .body(Map.of(
                        "lines", List.of(Map.of("skuId", sku, "quantity", 2)), "reason", "DAMAGED", "note", "dropped"))
                .post("/api/store/" + store + "/stock/losses")
                .then()
                .statusCode(201)
                .body("[0].onHand", equalTo(28));
        as(clerk)
                .body(Map.of("lines", List.of(Map.of("skuId", 999_999, "quantity", 1))))
                .post("/api/store/" + store + "/stock/receipts")
                .then()
                .statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("unknown-sku"));

        // A stocktake: a clerk counts, only a manager applies; the variance becomes one STOCKTAKE movement.
        long sheet = ((Number) as(clerk)
                        .body(Map.of("note", "monthly"))
                        .post("/api/store/" + store + "/stocktakes")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
        as(clerk)
                .body(Map.of("counts", List.of(Map.of("skuId", sku, "counted", 25))))
                .put("/api/store/" + store + "/stocktakes/" + sheet + "/counts")
                .then()
                .statusCode(200)
                .body("lines[0].variance", equalTo(-3));
        as(clerk)
                .post("/api/store/" + store + "/stocktakes/" + sheet + "/apply")
                .then()
                .statusCode(403);
        as(manager)
                .post("/api/store/" + store + "/stocktakes/" + sheet + "/apply")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPLIED"))
                .body("lines[0].onHand", equalTo(28))
                .body("lines[0].variance", equalTo(-3));
        assertArrayEquals(new long[] {25, 0, 0}, f.level(data, store, sku));
        as(manager)
                .post("/api/store/" + store + "/stocktakes/" + sheet + "/apply")
                .then()
                .statusCode(409);

        given().auth()
                .oauth2(clerk)
                .queryParam("skuId", sku)
                .get("/api/store/" + store + "/stock/ledger")
                .then()
                .statusCode(200)
                .body("items.kind", org.hamcrest.Matchers.contains("STOCKTAKE", "LOSS", "STOCK_IN"))
                .body("items[2].reference", equalTo("DN-7"))
                .body("items[1].reason", equalTo("DAMAGED: dropped"));
        // The clerk's scope is one store: the other store's stock is not theirs to see or move.
        long other = f.stores().get(1);
        given().auth()
                .oauth2(clerk)
                .get("/api/store/" + other + "/stock")
                .then()
                .statusCode(403);
        as(clerk)
                .body(Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 1))))
                .post("/api/store/" + other + "/stock/receipts")
                .then()
                .statusCode(403);
        given().auth().oauth2(clerk).get("/api/hq/stock").then().statusCode(403);
        assertEquals(List.of(), f.brokenInvariants(data));
    }

    @Test
    void theLedgerCannotBeRewritten() throws Exception {
        InventoryFixture f = InventoryFixture.of("ledger", 1, 1);
        f.receive(f.stores().get(0), f.skus().get(0), 3);
        try (Connection c = data.getConnection();
                var s = c.createStatement()) {
            SQLException refused = assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate(
                            "update " + f.brand().tenant().schema() + ".stock_movement set on_hand_delta = 300"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }

    @Test
    void aTransferHoldsShipsAndReceivesThroughTransitRecordingAShortfall() throws Exception {
        InventoryFixture f = InventoryFixture.of("transfer", 2, 1);
        long from = f.stores().get(0);
        long to = f.stores().get(1);
        long sku = f.skus().get(0);
        f.receive(from, sku, 10);
        long id = ((Number) as(f.admin())
                        .body(Map.of("fromStoreId", from, "lines", List.of(Map.of("skuId", sku, "quantity", 6))))
                        .post("/api/store/" + to + "/transfers")
                        .then()
                        .statusCode(201)
                        .body("status", equalTo("REQUESTED"))
                        .extract()
                        .path("id"))
                .longValue();
        // The receiving store cannot approve its own request.
        as(f.admin())
                .post("/api/store/" + to + "/transfers/" + id + "/approve")
                .then()
                .statusCode(403);
        as(f.admin())
                .post("/api/store/" + from + "/transfers/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
        assertArrayEquals(new long[] {10, 6, 0}, f.level(data, from, sku), "approved goods are held at the sender");
        as(f.admin())
                .post("/api/store/" + from + "/transfers/" + id + "/ship")
                .then()
                .statusCode(200);
        assertArrayEquals(new long[] {4, 0, 0}, f.level(data, from, sku));
        assertArrayEquals(new long[] {0, 0, 6}, f.level(data, to, sku));
        as(f.admin())
                .body(Map.of("received", List.of(Map.of("skuId", sku, "quantity", 5))))
                .post("/api/store/" + to + "/transfers/" + id + "/receive")
                .then()
                .statusCode(200)
                .body("status", equalTo("RECEIVED"))
                .body("lines[0].received", equalTo(5));
        assertArrayEquals(new long[] {5, 0, 0}, f.level(data, to, sku), "one unit never arrived");
        given().auth()
                .oauth2(f.admin())
                .queryParam("kind", "TRANSFER_RECEIVED")
                .get("/api/hq/stock/ledger")
                .then()
                .statusCode(200)
                .body("items[0].reason", equalTo("from store " + from + "; short by 1"));
        assertEquals(List.of(), f.brokenInvariants(data));
    }

    @Test
    void lowStockRaisesOneAlertAndClearsWhenRestocked() throws Exception {
        InventoryFixture f = InventoryFixture.of("alert", 1, 1);
        long store = f.stores().get(0);
        long sku = f.skus().get(0);
        f.receive(store, sku, 5);
        as(f.admin())
                .body(Map.of("lowThreshold", 3))
                .put("/api/store/" + store + "/stock/" + sku + "/threshold")
                .then()
                .statusCode(200);
        for (int i = 0; i < 4; i++) {
            reserve(f, "low-" + i, Duration.ofMinutes(5), new Line(store, sku, 1));
        }
        given().auth()
                .oauth2(f.admin())
                .get("/api/hq/stock/alerts")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].availableNow", equalTo(1))
                .body("items[0].threshold", equalTo(3));
        given().auth()
                .oauth2(f.admin())
                .queryParam("low", "true")
                .get("/api/store/" + store + "/stock")
                .then()
                .body("items", hasSize(1));
        f.receive(store, sku, 10);
        given().auth()
                .oauth2(f.admin())
                .get("/api/store/" + store + "/stock/alerts")
                .then()
                .body("items", hasSize(0));
    }

    @Test
    void shoppersSeeLiveAvailabilityAndTheNearestStoresThatHaveTheSku() throws Exception {
        InventoryFixture f = InventoryFixture.of("shopstock", 3, 1);
        long sku = f.skus().get(0);
        f.receive(f.stores().get(1), sku, 3);
        f.receive(f.stores().get(2), sku, 50);
        String appid = f.brand().appid();
        given().queryParam("skuIds", sku + ",999999")
                .get("/api/shop/" + appid + "/stores/" + f.stores().get(1) + "/stock")
                .then()
                .statusCode(200)
                .body("[0].inStock", equalTo(true))
                .body("[0].remaining", equalTo(3))
                .body("[1].inStock", equalTo(false));
        given().queryParam("skuIds", sku)
                .get("/api/shop/" + appid + "/stores/" + f.stores().get(2) + "/stock")
                .then()
                .body("[0].remaining", nullValue());
        reserve(f, "buy-all", Duration.ofMinutes(5), new Line(f.stores().get(1), sku, 3));
        given().queryParam("skuIds", sku)
                .get("/api/shop/" + appid + "/stores/" + f.stores().get(1) + "/stock")
                .then()
                .body("[0].inStock", equalTo(false));
        io.mendian.testsupport.Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> given()
                        .queryParam("lat", "31.23")
                        .queryParam("lng", "121.47")
                        .queryParam("radius", "50000")
                        .queryParam("skuId", sku)
                        .get("/api/shop/" + appid + "/stores/nearby")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<Number>>path("id")
                        .stream()
                        .map(Number::longValue)
                        .toList()
                        .equals(List.of(f.stores().get(2))));
        given().queryParam("skuIds", "abc")
                .get("/api/shop/" + appid + "/stores/1/stock")
                .then()
                .statusCode(400);
    }
}
