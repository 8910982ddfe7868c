package io.mendian.messaging;

import static io.mendian.testsupport.Api.create;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.platform.billing.UsageMeter;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.UsageChanged;
import io.mendian.tenancy.UsageChanged.Metric;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OutboxTest {

    @Inject
    DataSource data;

    @Inject
    UsageMeter meter;

    @Inject
    Event<UsageChanged> usage;

    private long level(TenantId tenant, Metric metric) {
        return QuarkusTransaction.requiringNew().call(() -> meter.level(tenant, metric));
    }

    @Test
    void eventsCommittedWhileTheBrokerIsDownGoOutWhenItReturnsAndAreCountedOnce() throws Exception {
        Brand brand = Brands.anActiveBrand("outage");
        String admin = brand.adminToken();
        long category = create(admin, "/api/hq/categories", Map.of("code", "OUT", "name", "Outage"));
        InfraTestResource.infra().stopBroker();
        try {
            for (int i = 0; i < 3; i++) {
                create(
                        admin,
                        "/api/hq/products",
                        Map.of(
                                "code",
                                "P" + i,
                                "name",
                                "Product " + i,
                                "categoryId",
                                category,
                                "skus",
                                java.util.List.of(Map.of(
                                        "code",
                                        "S" + i,
                                        "basePriceFen",
                                        100,
                                        "minPriceFen",
                                        100,
                                        "maxPriceFen",
                                        100))));
            }
            Thread.sleep(3000);
            assertEquals(
                    3,
                    Sql.scalar(
                            data,
                            "select count(*) from platform.outbox where tenant_id = '" + brand.slug()
                                    + "' and type = 'UsageChanged' and published_at is null and payload->>'metric' = 'SKUS'"),
                    "the writes committed; their events wait in the outbox");
        } finally {
            InfraTestResource.infra().startBroker();
        }
        Eventually.isTrue(Duration.ofSeconds(60), () -> level(brand.tenant(), Metric.SKUS) == 3);
        Eventually.isTrue(Duration.ofSeconds(30), () -> {
            return Sql.scalar(
                            data,
                            "select count(*) from platform.outbox where tenant_id = '" + brand.slug()
                                    + "' and published_at is null")
                    == 0;
        });
        // Published means the broker has it; the meter may still be receiving it (redelivered after the outage).
        Eventually.isTrue(Duration.ofSeconds(90), () -> {
            return Sql.scalar(data, "select count(*) from platform.outbox where tenant_id = '" + brand.slug() + "'")
                    == Sql.scalar(
                            data,
                            "select count(*) from platform.consumed_event c join platform.outbox o on "
                                    + "o.event_id = c.event_id where o.tenant_id = '" + brand.slug()
                                    + "' and c.handler = 'billing.usage-meter'");
        });
        assertEquals(3, level(brand.tenant(), Metric.SKUS), "every event reached the meter, each once");
        // One shared queue whatever the reconnects: a queue per receiver link would strand what was sent to the old
        // one before the receiver re-attached (a CI run lost events this way).
        assertEquals(
                java.util.List.of("mendian.domain-events"),
                InfraTestResource.infra().queuesOf("mendian.domain-events"));
    }

    @Test
    void aRedeliveredEventIsCountedOnceAndARolledBackOneNeverLeaves() throws Exception {
        Brand brand = Brands.anActiveBrand("redeliver");
        TenantId tenant = brand.tenant();
        QuarkusTransaction.requiringNew().run(() -> usage.fire(UsageChanged.add(tenant, Metric.ORDERS, 5)));
        Eventually.isTrue(Duration.ofSeconds(30), () -> level(tenant, Metric.ORDERS) == 5);

        // The relay sends the same event again (as after a crash between the broker's ack and the commit).
        Sql.execute(
                data,
                "update platform.outbox set published_at = null where tenant_id = '" + brand.slug()
                        + "' and payload->>'metric' = 'ORDERS'");
        Eventually.isTrue(Duration.ofSeconds(30), () -> {
            return Sql.scalar(
                            data,
                            "select count(*) from platform.outbox where tenant_id = '" + brand.slug()
                                    + "' and published_at is null")
                    == 0;
        });
        Thread.sleep(1500);
        assertEquals(5, level(tenant, Metric.ORDERS), "the redelivered event was not counted again");

        try {
            QuarkusTransaction.requiringNew().run(() -> {
                usage.fire(UsageChanged.add(tenant, Metric.ORDERS, 100));
                throw new IllegalStateException("the order failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        Thread.sleep(1500);
        assertEquals(5, level(tenant, Metric.ORDERS));
        assertEquals(
                1,
                Sql.scalar(
                        data,
                        "select count(*) from platform.outbox where tenant_id = '" + brand.slug()
                                + "' and payload->>'metric' = 'ORDERS'"),
                "the rolled-back change left no event");
    }
}
