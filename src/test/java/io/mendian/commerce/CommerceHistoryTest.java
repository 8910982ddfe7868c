package io.mendian.commerce;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.ordering.app.OrderExpiry;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.CommerceHistories;
import io.mendian.testsupport.Pay;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Randomized histories: 200 concurrent members check out, pay (with and without WeChat Pay's callback), cancel
 * before and after paying, and leave orders to expire, against two hot SKUs with little stock; then expiry runs from
 * two threads at once. Whatever the interleaving, the books must balance: no stock oversold or negative, the ledger
 * sums to the stock rows, every hold settled once, every paid order paid exactly once, every refund reversed once.
 * (CommerceCrashIT runs the same histories against the packaged app and kills it mid-run.)
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class CommerceHistoryTest {

    private static final int CLIENTS = 200;
    private static final int ROUNDS = 2;
    private static final int STOCK = 60;

    @Inject
    DataSource data;

    @Inject
    OrderExpiry expiry;

    @Test
    void randomizedHistoriesNeverOversellAndBalanceEveryHoldPaymentAndRefund() throws Exception {
        AtomicLong operations = new AtomicLong();
        int histories = 0;
        for (int history = 0; history < ROUNDS; history++) {
            run("hist" + history, operations);
            histories++;
        }
        System.out.printf(
                "HISTORIES: %d histories of %d concurrent clients, %d operations checked%n",
                histories, CLIENTS, operations.get());
    }

    private void run(String prefix, AtomicLong operations) throws Exception {
        Shop s = Shops.shop(prefix);
        String schema = s.brand().tenant().schema();
        List<String> members = CommerceHistories.prepare(s, STOCK, CLIENTS, "h");
        String subMchid = Pay.subMchid(s.brand());
        ExecutorService clients = CommerceHistories.clients();
        List<Future<?>> running = new ArrayList<>();
        for (String member : members) {
            running.add(clients.submit(() -> {
                for (int step = 0; step < 2; step++) {
                    CommerceHistories.act(s, member, subMchid, operations);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();

        // Everything still unpaid is past its deadline now; two sweeps race to expire it.
        Sql.execute(
                data,
                "update " + schema + ".customer_order set pay_by = now() - interval '1 second' where "
                        + "status = 'PENDING_PAYMENT'");
        List<Thread> sweeps = List.of(
                Thread.ofPlatform().start(() -> expiry.expire(s.brand().tenant())),
                Thread.ofPlatform().start(() -> expiry.expire(s.brand().tenant())));
        for (Thread t : sweeps) {
            t.join();
        }
        CommerceHistories.awaitSettled(data, s);
        CommerceHistories.check(data, s, STOCK);
    }
}
