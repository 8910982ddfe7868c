package io.mendian.platform;

import static io.mendian.testsupport.Api.as;
import static io.mendian.testsupport.Api.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.platform.billing.BillingPeriod;
import io.mendian.platform.billing.Dunning;
import io.mendian.platform.billing.InvoiceRun;
import io.mendian.platform.billing.UsageMeter;
import io.mendian.platform.billing.persistence.InvoiceEntity;
import io.mendian.platform.signup.Faults;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.UsageChanged.Metric;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Keycloak;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Subscription lifecycle, metering, the invoice run, dunning and payments (P3). Runs name their brands, so tests never bill each other's. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class BillingTest {

    @Inject
    InvoiceRun invoiceRun;

    @Inject
    Dunning dunning;

    @Inject
    UsageMeter meter;

    @Inject
    Faults faults;

    private static Map<String, Object> store(String code) {
        return Map.of(
                "code",
                code,
                "name",
                code,
                "city",
                "Xi'an",
                "address",
                "1 Rd",
                "latitude",
                34.34,
                "longitude",
                108.94,
                "status",
                "OPEN");
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    private long invoicesOf(String tenant, BillingPeriod period) {
        return QuarkusTransaction.requiringNew()
                .call(() -> InvoiceEntity.count("tenantId = ?1 and period = ?2", tenant, period.toString()));
    }

    private static void activate(Brand brand) {
        as(brand.adminToken())
                .post("/api/hq/subscription/activation")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void storesAreMeteredFromEventsAndEndingTheTrialIssuesAProratedFirstInvoice() {
        Brand brand = Brands.anActiveBrand("bill", "pro");
        String admin = brand.adminToken();
        create(admin, "/api/hq/stores", store("M1"));
        create(admin, "/api/hq/stores", store("M2"));
        TenantId tenant = new TenantId(brand.slug());
        Eventually.isTrue(
                Duration.ofSeconds(10),
                () -> QuarkusTransaction.requiringNew().call(() -> meter.level(tenant, Metric.STORES)) == 2);

        activate(brand);
        as(admin)
                .get("/api/hq/subscription")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("nextInvoiceEstimateFen", equalTo(99900 + 2 * 5000));
        as(admin)
                .get("/api/hq/subscription/usage")
                .then()
                .statusCode(200)
                .body("[0].current.stores", equalTo(2))
                .body("[0].peak.stores", equalTo(2))
                .body("[0].current.staff", equalTo(1));
        given().auth()
                .oauth2(Keycloak.operatorToken())
                .get("/api/platform/billing/subscriptions/" + brand.slug())
                .then()
                .statusCode(200)
                .body("subscription.status", equalTo("ACTIVE"))
                .body("usage[0].peak.stores", equalTo(2));
        var invoices = as(admin)
                .get("/api/hq/invoices")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .extract();
        long id = ((Number) invoices.path("items[0].id")).longValue();
        var invoice = as(admin)
                .get("/api/hq/invoices/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("lines.kind", hasItem("plan"))
                .body("lines.kind", hasItem("stores"))
                .body("dunning.step", hasItem("issued"))
                .extract();
        long total = ((Number) invoice.path("totalFen")).longValue();
        List<Integer> amounts = invoice.path("lines.amountFen");
        assertEquals(total, amounts.stream().mapToLong(Integer::longValue).sum());
        assertTrue(total > 0 && total <= 99900 + 2 * 5000, "a first invoice covers at most the month: " + total);

        // Ending a trial twice is a conflict, not a second invoice.
        as(admin).post("/api/hq/subscription/activation").then().statusCode(409);
        // Another brand's admin cannot read it.
        Brand other = Brands.anActiveBrand("bill-other", "pro");
        as(other.adminToken()).get("/api/hq/invoices/" + id).then().statusCode(404);
    }

    @Test
    void anInvoiceRunKilledMidwayThenRestartedAndRacedIssuesEachInvoiceExactlyOnce() throws Exception {
        List<Brand> brands = List.of(
                Brands.anActiveBrand("run", "basic"),
                Brands.anActiveBrand("run", "basic"),
                Brands.anActiveBrand("run", "pro"));
        brands.forEach(BillingTest::activate);
        Set<String> slugs =
                Set.of(brands.get(0).slug(), brands.get(1).slug(), brands.get(2).slug());
        BillingPeriod period = BillingPeriod.of(Instant.now()).next().next();
        Instant at = period.start().plus(Duration.ofMinutes(5));

        // Killed right after the first brand committed: that brand's invoice stands, nobody else has one.
        faults.arm("invoice-run.after-brand");
        assertThrows(Faults.SimulatedCrash.class, () -> invoiceRun.run(period, at, slugs));
        assertEquals(1, slugs.stream().mapToLong(s -> invoicesOf(s, period)).sum());
        // A brand that fails inside its transaction leaves no half invoice; the run carries on with the others.
        faults.arm("invoice-run.before-commit");
        assertEquals(1, invoiceRun.run(period, at, slugs).failed());
        assertEquals(2, slugs.stream().mapToLong(s -> invoicesOf(s, period)).sum());

        List<Callable<InvoiceRun.Result>> racers =
                List.of(() -> invoiceRun.run(period, at, slugs), () -> invoiceRun.run(period, at, slugs));
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (var future : pool.invokeAll(racers)) {
                assertEquals(0, future.get().failed());
            }
        }
        for (String slug : slugs) {
            assertEquals(1, invoicesOf(slug, period), slug);
        }
        invoiceRun.run(period, at, slugs);
        assertEquals(3, slugs.stream().mapToLong(s -> invoicesOf(s, period)).sum());
    }

    @Test
    void unpaidInvoicesAreChasedThenTheBrandIsSuspendedWithDataKeptAndPaymentReactivatesIt() {
        Brand brand = Brands.anActiveBrand("dun", "basic");
        String admin = brand.adminToken();
        long store = create(admin, "/api/hq/stores", store("D1"));
        activate(brand);
        long invoice =
                ((Number) as(admin).get("/api/hq/invoices").then().extract().path("items[0].id")).longValue();
        Instant issued = Instant.now();
        Set<String> only = Set.of(brand.slug());

        assertEquals(1, dunning.run(issued.plus(Duration.ofDays(5)), only).reminded());
        assertEquals(0, dunning.run(issued.plus(Duration.ofDays(5)), only).reminded(), "each step is taken once");
        assertEquals(1, dunning.run(issued.plus(Duration.ofDays(8)), only).pastDue());
        as(admin).get("/api/hq/subscription").then().body("status", equalTo("PAST_DUE"));
        assertEquals(1, dunning.run(issued.plus(Duration.ofDays(19)), only).finalNotices());
        as(admin).get("/api/hq/stores").then().statusCode(200);
        assertEquals(
                1,
                dunning.run(issued.plus(Duration.ofDays(7 + 14)).plus(Duration.ofHours(1)), only)
                        .suspended());

        Eventually.holds(
                Duration.ofSeconds(10),
                () -> as(admin)
                        .get("/api/hq/stores")
                        .then()
                        .statusCode(403)
                        .body("type", equalTo("https://mendian.io/problems/tenant-suspended")));
        given().get("/api/shop/" + brand.appid() + "/stores?lat=34.3&lng=108.9")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/tenant-suspended"));
        as(admin).get("/api/hq/subscription").then().statusCode(200).body("status", equalTo("SUSPENDED"));
        var owed = as(admin)
                .get("/api/hq/invoices/" + invoice)
                .then()
                .statusCode(200)
                .body("dunning.step", hasItem("final-notice"))
                .extract();
        long outstanding = ((Number) owed.path("outstandingFen")).longValue();

        String operator = Keycloak.operatorToken();
        String payKey = key();
        Map<String, Object> payment = Map.of("amountFen", outstanding, "method", "bank-transfer", "reference", "TX-1");
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("amountFen", outstanding + 1, "method", "bank-transfer"))
                .header("Idempotency-Key", key())
                .post("/api/platform/billing/invoices/" + invoice + "/payments")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(payment)
                .header("Idempotency-Key", payKey)
                .post("/api/platform/billing/invoices/" + invoice + "/payments")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(payment)
                .header("Idempotency-Key", payKey)
                .post("/api/platform/billing/invoices/" + invoice + "/payments")
                .then()
                .statusCode(200)
                .body("replayed", equalTo(true));

        Eventually.holds(
                Duration.ofSeconds(10),
                () -> as(admin)
                        .get("/api/hq/stores/" + store)
                        .then()
                        .statusCode(200)
                        .body("code", equalTo("D1")));
        as(admin).get("/api/hq/subscription").then().body("status", equalTo("ACTIVE"));
        as(admin)
                .get("/api/hq/invoices/" + invoice)
                .then()
                .body("status", equalTo("PAID"))
                .body("outstandingFen", equalTo(0));
    }

    @Test
    void aDowngradeMustFitTheNewPlanAndIsProratedOnTheNextInvoice() {
        Brand brand = Brands.anActiveBrand("plan", "pro");
        String admin = brand.adminToken();
        for (int i = 1; i <= 6; i++) {
            create(admin, "/api/hq/stores", store("P" + i));
        }
        activate(brand);
        as(admin)
                .body(Map.of("plan", "enterprise"))
                .post("/api/hq/subscription/plan-change")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/plan-not-self-service"));
        as(admin)
                .body(Map.of("plan", "gold"))
                .post("/api/hq/subscription/plan-change")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mendian.io/problems/unknown-plan"));
        as(admin)
                .body(Map.of("plan", "basic"))
                .post("/api/hq/subscription/plan-change")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://mendian.io/problems/usage-exceeds-plan"))
                .body("allowed", equalTo(5))
                .body("used", equalTo(6));

        long last = ((Number) as(admin)
                        .queryParam("q", "P6")
                        .get("/api/hq/stores")
                        .then()
                        .extract()
                        .path("items[0].id"))
                .longValue();
        as(admin)
                .body(Map.of(
                        "code",
                        "P6",
                        "name",
                        "P6",
                        "city",
                        "Xi'an",
                        "address",
                        "1 Rd",
                        "latitude",
                        34.34,
                        "longitude",
                        108.94,
                        "status",
                        "CLOSED"))
                .put("/api/hq/stores/" + last)
                .then()
                .statusCode(200);
        String changeKey = key();
        for (String replayed : List.of("null", "true")) {
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .header("Idempotency-Key", changeKey)
                    .body(Map.of("plan", "basic"))
                    .post("/api/hq/subscription/plan-change")
                    .then()
                    .statusCode(200)
                    .body("plan", equalTo("basic"))
                    .header(
                            "Idempotent-Replayed",
                            "null".equals(replayed) ? org.hamcrest.Matchers.nullValue() : equalTo(replayed));
        }

        BillingPeriod next = BillingPeriod.of(Instant.now()).next();
        invoiceRun.run(next, next.start().plus(Duration.ofMinutes(1)), Set.of(brand.slug()));
        // Early in a month the downgrade's credit exceeds the new month's price: the invoice is then 0 and PAID.
        var invoice =
                as(admin).queryParam("size", 100).get("/api/hq/invoices").then().extract();
        long id = ((Number) invoice.path("items.find { it.period == '" + next + "' }.id")).longValue();
        var detail = as(admin)
                .get("/api/hq/invoices/" + id)
                .then()
                .statusCode(200)
                .body("plan", equalTo("basic"))
                .body("lines.kind", hasItem("proration"))
                .extract();
        List<Integer> amounts = detail.path("lines.amountFen");
        long total = ((Number) detail.path("totalFen")).longValue();
        assertEquals(Math.max(0, amounts.stream().mapToLong(Integer::longValue).sum()), total);
        assertEquals(total == 0 ? "PAID" : "OPEN", detail.path("status"));
    }

    @Test
    void aDowngradeCreditsWhatWasInvoicedNotTodaysRecomputedPrice() throws Exception {
        Brand brand = Brands.anActiveBrand("credit", "pro");
        String admin = brand.adminToken();
        long last = 0;
        for (int i = 1; i <= 5; i++) {
            last = create(admin, "/api/hq/stores", store("CR" + i));
        }
        activate(brand); // invoiced: Pro and 5 stores for the rest of the month
        Map<String, Object> closed = new java.util.HashMap<>(store("CR5"));
        closed.put("status", "CLOSED");
        as(admin).body(closed).put("/api/hq/stores/" + last).then().statusCode(200); // today's price counts 4
        as(admin)
                .body(Map.of("plan", "basic"))
                .post("/api/hq/subscription/plan-change")
                .then()
                .statusCode(200);

        BillingPeriod period = BillingPeriod.of(Instant.now());
        try (var connection = InfraTestResource.infra().dataSource().getConnection();
                var statement = connection.createStatement()) {
            var invoiced = statement.executeQuery(
                    "select coalesce(sum(l.amount_fen), 0) from platform.invoice_line l join platform.invoice i "
                            + "on i.id = l.invoice_id where i.tenant_id = '" + brand.slug() + "' and i.period = '"
                            + period + "' "
                            + "and l.kind in ('plan', 'stores')");
            invoiced.next();
            long charged = invoiced.getLong(1);
            var change = statement.executeQuery(
                    "select credit_fen from platform.plan_change where tenant_id = '" + brand.slug() + "'");
            change.next();
            long credit = change.getLong(1);
            // Seconds passed between invoicing and the change: the credit is what was charged, to a few fen.
            assertTrue(
                    Math.abs(charged - credit) <= Math.max(2, charged / 10_000),
                    "credited " + credit + " of " + charged + " charged");
        }
    }

    @Test
    void aCancelledPaidSubscriptionRunsToTheEndOfTheMonthThenTheBrandIsSuspendedWithItsDataKept() {
        Brand brand = Brands.anActiveBrand("cancel", "basic");
        String admin = brand.adminToken();
        long store = create(admin, "/api/hq/stores", store("C1"));
        activate(brand);
        as(admin)
                .post("/api/hq/subscription/cancellation")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("cancelAtPeriodEnd", equalTo(true));
        BillingPeriod now = BillingPeriod.of(Instant.now());
        Set<String> only = Set.of(brand.slug());
        assertEquals(
                0,
                invoiceRun.run(now, Instant.now(), only).cancelled(),
                "the daily pass inside the paid month changes nothing");
        as(admin).get("/api/hq/subscription").then().body("status", equalTo("ACTIVE"));
        assertEquals(
                1,
                invoiceRun
                        .run(now.next(), now.next().start().plusSeconds(60), only)
                        .cancelled());
        assertEquals(0, invoicesOf(brand.slug(), now.next()), "a cancelled brand is not billed for the next month");
        Eventually.holds(
                Duration.ofSeconds(10),
                () -> as(admin)
                        .get("/api/hq/stores/" + store)
                        .then()
                        .statusCode(403)
                        .body("type", equalTo("https://mendian.io/problems/tenant-suspended")));
        as(admin).get("/api/hq/subscription").then().statusCode(200).body("status", equalTo("CANCELLED"));

        given().auth()
                .oauth2(Keycloak.operatorToken())
                .post("/api/platform/billing/subscriptions/" + brand.slug() + "/reactivation")
                .then()
                .statusCode(200)
                .body("subscription.status", equalTo("ACTIVE"));
        Eventually.holds(
                Duration.ofSeconds(10),
                () -> as(admin)
                        .get("/api/hq/stores/" + store)
                        .then()
                        .statusCode(200)
                        .body("code", equalTo("C1")));
        given().auth()
                .oauth2(Keycloak.operatorToken())
                .post("/api/platform/billing/subscriptions/" + brand.slug() + "/reactivation")
                .then()
                .statusCode(409);
    }

    @Test
    void twoConcurrentPaymentsOfTheWholeInvoiceRecordOnlyOne() throws Exception {
        Brand brand = Brands.anActiveBrand("twice", "basic");
        activate(brand);
        var invoice = as(brand.adminToken()).get("/api/hq/invoices").then().extract();
        long id = ((Number) invoice.path("items[0].id")).longValue();
        long outstanding = ((Number) invoice.path("items[0].outstandingFen")).longValue();
        String operator = Keycloak.operatorToken();
        List<Callable<Integer>> payers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            payers.add(() -> given().auth()
                    .oauth2(operator)
                    .contentType(ContentType.JSON)
                    .header("Idempotency-Key", key())
                    .body(Map.of("amountFen", outstanding, "method", "bank-transfer"))
                    .post("/api/platform/billing/invoices/" + id + "/payments")
                    .statusCode());
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (var future : pool.invokeAll(payers)) {
                statuses.add(future.get());
            }
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        as(brand.adminToken())
                .get("/api/hq/invoices/" + id)
                .then()
                .body("paidFen", equalTo((int) outstanding))
                .body("status", equalTo("PAID"));
    }

    @Test
    void deliveryIsAProFeatureAndUpgradingUnlocksIt() {
        Brand brand = Brands.anActiveBrand("feat", "basic");
        Map<String, Object> delivering = new java.util.HashMap<>(store("F1"));
        delivering.put(
                "fulfilment",
                Map.of(
                        "pickup",
                        true,
                        "express",
                        false,
                        "delivery",
                        Map.of("enabled", true, "radiusMeters", 3000, "feeFen", 600, "minimumOrderFen", 3000)));
        as(brand.adminToken())
                .body(delivering)
                .post("/api/hq/stores")
                .then()
                .statusCode(403)
                .body("type", equalTo("https://mendian.io/problems/feature-not-in-plan"))
                .body("feature", equalTo("delivery"))
                .body("detail", equalTo("plan Basic does not include delivery; upgrade your plan to use it"));
        as(brand.adminToken())
                .body(Map.of("plan", "pro"))
                .post("/api/hq/subscription/plan-change")
                .then()
                .statusCode(200);
        Eventually.holds(
                Duration.ofSeconds(15),
                () -> as(brand.adminToken())
                        .body(delivering)
                        .post("/api/hq/stores")
                        .then()
                        .statusCode(201));
    }

    @Test
    void billingJobsAreOnTheClusteredQuartzStoreAndTheOperatorSeesMrrAndOverdueInvoices() {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = InvoiceEntity.getEntityManager();
            Number jobs = (Number) em.createNativeQuery(
                            "select count(*) from quartz.qrtz_triggers where trigger_name like 'billing-%'")
                    .getSingleResult();
            Number nodes = (Number) em.createNativeQuery("select count(*) from quartz.qrtz_scheduler_state")
                    .getSingleResult();
            assertEquals(2, jobs.intValue());
            assertTrue(nodes.intValue() >= 1);
        });
        String operator = Keycloak.operatorToken();
        given().auth()
                .oauth2(operator)
                .get("/api/platform/overview")
                .then()
                .statusCode(200)
                .body("mrrFen", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        given().auth()
                .oauth2(operator)
                .queryParam("status", "OVERDUE")
                .get("/api/platform/billing/invoices")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(operator)
                .queryParam("status", "LATE")
                .get("/api/platform/billing/invoices")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(operator)
                .contentType(ContentType.JSON)
                .body(Map.of("period", "2026-13"))
                .post("/api/platform/billing/invoice-runs")
                .then()
                .statusCode(400);
    }
}
