package io.mendian.payment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.payment.app.ProfitSharing;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The platform's fee by WeChat Pay profit sharing: taken only once an order is final, on what was paid less what was
 * refunded, exactly once however many sweeps race; the rest released to the brand; nothing when all was refunded.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class ProfitSharingTest {

    private static final int PRO_FEE_BPS = 30; // tenant-provisioning/plans.yaml

    @Inject
    DataSource data;

    @Inject
    ProfitSharing sharing;

    @Test
    void theFeeIsSharedOnceAfterTheAfterSalesWindowOnWhatTheBrandKept() throws Exception {
        Shop s = Shops.shop("share");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        String schema = s.brand().tenant().schema();
        String ann = Consumers.memberToken(appid, "ann");

        // Completed in full; completed and almost all refunded by HQ; paid and cancelled before the store accepted.
        String kept = order(s, ann, s.tea(), 2);
        Shops.handOver(s, ann, kept);
        String refunded = order(s, ann, s.cake(), 2);
        Shops.handOver(s, ann, refunded);
        long refundedPaid = paid(schema, refunded);
        Api.as(admin)
                .body(Map.of("amountFen", refundedPaid - 50, "reason", "口味不佳"))
                .post("/api/hq/orders/" + refunded + "/refunds")
                .then()
                .statusCode(200);
        String cancelled = order(s, ann, s.tea(), 1);
        Shops.member(ann)
                .post("/api/shop/" + appid + "/orders/" + cancelled + "/cancel")
                .then()
                .statusCode(200);
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> Sql.scalar(data, "select count(*) from " + schema + ".refund where status <> 'SUCCESS'") == 0);

        // Inside the after-sales window nothing moves: the money stays frozen for refunds. The cancelled order has
        // ended, refunded in full: nothing is left to share.
        sharing.sweep(s.brand().tenant());
        assertEquals(2, count(schema, "WAITING"));
        assertEquals(1, count(schema, "NOT_NEEDED"));
        assertEquals(
                0,
                Sql.scalar(
                        data,
                        "select count(*) from " + schema + ".profit_share where order_no = '" + kept
                                + "' and check_after < now() + interval '6 days'"),
                "a completed order is looked at again when its window closes");

        // The window closed (moved back in time); two sweeps race.
        Sql.execute(
                data,
                "update " + schema + ".customer_order set updated_at = now() - interval '8 days' where order_no in ('"
                        + kept + "', '" + refunded + "')");
        Sql.execute(data, "update " + schema + ".profit_share set check_after = now()");
        List<Thread> sweeps = List.of(
                Thread.ofPlatform().start(() -> sharing.sweep(s.brand().tenant())),
                Thread.ofPlatform().start(() -> sharing.sweep(s.brand().tenant())));
        for (Thread t : sweeps) {
            t.join();
        }
        Eventually.isTrue(Duration.ofSeconds(20), () -> {
            sharing.sweep(s.brand().tenant());
            return count(schema, "FINISHED") == 2;
        });
        long keptPaid = paid(schema, kept);
        assertEquals(
                keptPaid * PRO_FEE_BPS / 10_000,
                Sql.scalar(data, "select amount_fen from " + schema + ".profit_share where order_no = '" + kept + "'"));
        assertEquals(
                0,
                Sql.scalar(
                        data, "select amount_fen from " + schema + ".profit_share where order_no = '" + refunded + "'"),
                "50 fen kept: no fee, everything released");
        assertEquals(1, count(schema, "NOT_NEEDED"), "refunded in full: nothing was left to share");
        sharing.sweep(s.brand().tenant());
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> Sql.scalar(
                                data,
                                "select coalesce(sum((payload->>'value')::bigint), 0) from platform.outbox where "
                                        + "tenant_id = '" + s.brand().slug()
                                        + "' and payload->>'metric' = 'PLATFORM_FEE_FEN'")
                        == keptPaid * PRO_FEE_BPS / 10_000);
        assertEquals(
                1,
                Sql.scalar(
                        data,
                        "select count(*) from platform.outbox where tenant_id = '"
                                + s.brand().slug() + "' and payload->>'metric' = 'PLATFORM_FEE_FEN'"),
                "one fee event, however many sweeps");

        // HQ sees each share and its state.
        Api.as(admin)
                .get("/api/hq/payment/profit-shares")
                .then()
                .statusCode(200)
                .body("items", hasSize(3))
                .body("total", equalTo(3));
        Api.as(admin)
                .queryParam("status", "FINISHED")
                .queryParam("orderNo", kept)
                .get("/api/hq/payment/profit-shares")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].feeBps", equalTo(PRO_FEE_BPS))
                .body("items[0].baseFen", equalTo((int) keptPaid));
        Api.as(admin)
                .queryParam("status", "SHARED")
                .get("/api/hq/payment/profit-shares")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/invalid-status"));
    }

    private String order(Shop s, String member, long sku, int quantity) {
        Shops.put(s.brand().appid(), member, s.pickupStore(), sku, quantity);
        String orderNo = Shops.checkoutPickup(s.brand().appid(), member, s.pickupStore());
        Shops.pay(s.brand(), member, orderNo);
        return orderNo;
    }

    private long paid(String schema, String orderNo) {
        return Sql.scalar(
                data,
                "select amount_fen from " + schema + ".payment where status = 'PAID' and order_no = '" + orderNo + "'");
    }

    private long count(String schema, String status) {
        return Sql.scalar(data, "select count(*) from " + schema + ".profit_share where status = '" + status + "'");
    }
}
