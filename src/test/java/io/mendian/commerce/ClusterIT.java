package io.mendian.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mendian.testsupport.Api;
import io.mendian.testsupport.Bookings;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Cluster;
import io.mendian.testsupport.CommerceHistories;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.FlashSales;
import io.mendian.testsupport.Keycloak;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.restassured.RestAssured;

/**
 * Three instances of the packaged app, one truth (issue 13): clustered jobs run once per firing, the WeChat token is
 * refreshed once when due, a change committed on one instance holds on every instance at once, a clerk's live feed on
 * one instance hears of an order paid through another, and a flash sale sells exactly its units across all three.
 * Caches keep long TTLs and the feed a slow poll here, so that only the cluster signals can make those changes show.
 */
class ClusterIT {

    private static final String[] SETTINGS = {
        // Every clustered job fires every second or few, so that each test sees dozens of firings.
        "mendian.ordering.expiry-every=1s",
        "mendian.ordering.expiry-delay=1s",
        "mendian.ordering.group-expiry-every=1s",
        "mendian.inventory.expiry-every=1s",
        "mendian.booking.expiry-every=1s",
        "mendian.booking.expiry-delay=1s",
        "mendian.booking.reminders-every=2s",
        "mendian.booking.reminders-delay=1s",
        "mendian.membership.points-expiry-every=2s",
        "mendian.pay.refund-sweep-every=1s",
        "mendian.pay.refund-sweep-delay=1s",
        "mendian.pay.profit-sharing-every=2s",
        "mendian.pii.rotation-every=2s",
        "mendian.pii.rotation-delay=1s",
        "mendian.billing.invoice-cron=*/3 * * * * ?",
        "mendian.promotion.birthday-cron=*/3 * * * * ?",
        // The WeChat tokens fall due 3 s after each refresh; every instance looks for due ones every second.
        "mendian.wechat.component.refresh-ahead=7197S",
        "mendian.wechat.token-refresh-interval=1s",
        // Long TTLs and a slow feed poll: only a cluster signal can make a change show elsewhere at once.
        "mendian.tenancy.directory-cache-ttl=60S",
        "mendian.ordering.feed-poll=60S",
        "mendian.signup.rate-limit-per-hour=1000",
        "mendian.wechat.sandbox.pay.applyment-delay=0S"
    };
    private static final List<String> CLUSTERED_JOBS = List.of(
            "ordering-payment-expiry",
            "ordering-group-buy-expiry",
            "inventory-reservation-expiry",
            "booking-hold-expiry",
            "booking-reminders",
            "membership-points-expiry",
            "payment-refund-sweep",
            "payment-profit-sharing",
            "privacy-pii-rotation",
            "billing-monthly-invoice-run",
            "promotion-birthday-coupons");
    private static final Pattern JOB_RUN = Pattern.compile("scheduled job (\\S+) ran for (\\S+)");
    private static final Pattern TOKEN_REFRESH =
            Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d+) .*refreshed the component token of (\\S+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Cluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start("cluster", 3, SETTINGS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void eachFiringOfAClusteredJobRunsOnExactlyOneInstance() throws Exception {
        // Some jobs start a minute after the instance (their delay): wait until every one has fired a few times.
        Eventually.isTrue(Duration.ofSeconds(150), () -> {
            Map<String, Long> firings = runs().values().stream()
                    .collect(java.util.stream.Collectors.groupingBy(Run::job, java.util.stream.Collectors.counting()));
            return firings.getOrDefault("ordering-payment-expiry", 0L) > 20
                    && CLUSTERED_JOBS.stream().allMatch(job -> firings.getOrDefault(job, 0L) >= 2);
        });
        Map<String, Run> runs = runs();
        Map<String, List<String>> byInstance = new TreeMap<>();
        for (Run run : runs.values()) {
            byInstance.computeIfAbsent(run.job(), j -> new ArrayList<>()).add(run.instances());
            assertEquals(
                    1, run.instances().length(), run.job() + " fired for " + run.at() + " ran on " + run.instances());
        }
        for (String job : CLUSTERED_JOBS) {
            assertTrue(byInstance.containsKey(job), job + " ran at all: " + byInstance.keySet());
        }
        System.out.println("CLUSTER JOBS: firings by job and instance " + byInstance);
    }

    @Test
    void theWeChatComponentTokenIsRefreshedOnceEachTimeItFallsDue() throws Exception {
        // A member's first sign-in asks WeChat through the component token, which is then kept fresh.
        Shop s = Shops.shop("cltok");
        io.mendian.testsupport.Consumers.memberToken(s.brand().appid(), "token-member");
        int before = refreshes().size();
        Eventually.isTrue(Duration.ofSeconds(90), () -> refreshes().size() >= before + 5);
        List<LocalTime> refreshes = refreshes();
        for (int i = 1; i < refreshes.size(); i++) {
            long gap = Duration.between(refreshes.get(i - 1), refreshes.get(i)).toMillis();
            assertTrue(gap >= 1_000, "two refreshes of one due token " + gap + " ms apart: " + refreshes);
        }
        System.out.println("CLUSTER TOKEN: " + refreshes.size() + " refreshes, three instances looking every second");
    }

    @Test
    void aSuspensionCommittedOnOneInstanceHoldsOnEveryInstanceAtOnce() throws Exception {
        Brands.Brand brand = Brands.anActiveBrand("clsus");
        String admin = brand.adminToken();
        for (int i = 0; i < cluster.size(); i++) {
            Api.as(admin).port(cluster.port(i)).get("/api/hq/stores").then().statusCode(200); // cached as active
        }
        String operator = Keycloak.operatorToken();
        change(operator, 1, brand.slug(), "suspend");
        everyInstanceAnswers(admin, "/api/hq/stores", 403);
        change(operator, 2, brand.slug(), "resume");
        everyInstanceAnswers(admin, "/api/hq/stores", 200);
    }

    /** The operator suspends or resumes the brand through one instance. */
    private static void change(String operator, int instance, String brand, String action) {
        Api.as(operator)
                .port(cluster.port(instance))
                .body(Map.of("reason", "cluster test: " + action))
                .post("/api/platform/tenants/" + brand + "/" + action)
                .then()
                .statusCode(200);
    }

    /** Each instance, asked directly, answers {@code status} within 5 s (the caches' TTL is 60 s here). */
    private static void everyInstanceAnswers(String token, String path, int status) {
        for (int i = 0; i < cluster.size(); i++) {
            int instance = i;
            Eventually.isTrue(
                    Duration.ofSeconds(5),
                    () -> Api.as(token).port(cluster.port(instance)).get(path).statusCode() == status);
        }
    }

    @Test
    void aClerkConnectedToOneInstanceHearsOfAnOrderPaidThroughAnother() throws Exception {
        Shop s = Shops.shop("clfeed");
        CommerceHistories.prepare(s, 20, 0, "unused-");
        String member = io.mendian.testsupport.Consumers.memberToken(s.brand().appid(), "feed-member");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        HttpRequest follow = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + cluster.port(2) + "/api/store/" + s.pickupStore() + "/orders/feed"))
                .header("Authorization", "Bearer " + s.brand().adminToken())
                .header("Accept", "text/event-stream")
                .build();
        var stream = HTTP.sendAsync(follow, HttpResponse.BodyHandlers.ofLines());
        Thread.ofVirtual().start(() -> {
            try (Stream<String> lines = stream.get().body()) {
                lines.forEach(heard::add);
            } catch (Exception closed) {
                // the test is over
            }
        });
        int before = RestAssured.port;
        String orderNo;
        try {
            RestAssured.port = cluster.port(0);
            Shops.put(s.brand().appid(), member, s.pickupStore(), s.tea(), 1);
            orderNo = Shops.checkoutPickup(s.brand().appid(), member, s.pickupStore());
            Shops.pay(s.brand(), member, orderNo);
        } finally {
            RestAssured.port = before;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        boolean found = false;
        while (!found && System.nanoTime() < deadline) {
            String line = heard.poll(1, TimeUnit.SECONDS);
            found = line != null && line.contains(orderNo) && line.contains("PAID");
        }
        stream.cancel(true);
        assertTrue(found, "the clerk on instance 2 heard of " + orderNo + " (the poll is 60 s here): " + heard);
    }

    @Test
    void twoThousandAttemptsAcrossThreeInstancesSellExactlyTheHundredUnitsEvenWithRedisFlushedMidRush()
            throws Exception {
        int units = 100;
        int attempts = 2_000;
        Shop s = Shops.shop("clflash");
        List<String> members = CommerceHistories.prepare(s, 2 * units, 400, "f-");
        String appid = s.brand().appid();
        long sale = Api.create(
                s.brand().adminToken(),
                "/api/hq/promotions/flash-sales",
                FlashSales.sale("整点秒杀", s.tea(), 990, units, 1, s.pickupStore()));
        AtomicInteger done = new AtomicInteger();
        Map<Integer, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(200);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            String member = members.get(i % members.size());
            running.add(pool.submit(() -> {
                var answer = FlashSales.buy(appid, member, sale, s.pickupStore(), 1)
                        .then()
                        .extract();
                outcomes.computeIfAbsent(answer.statusCode(), k -> new AtomicInteger())
                        .incrementAndGet();
                if (answer.statusCode() >= 500) {
                    failures.computeIfAbsent(answer.path("type"), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                if (done.incrementAndGet() == attempts / 20) {
                    flushRedis();
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        System.out.println("CLUSTER FLASH SALE: outcomes " + outcomes + ", 5xx " + failures + ", connections per "
                + "instance " + cluster.served());
        assertEquals(units, outcomes.get(201).get(), "orders placed: " + outcomes);
        assertTrue(
                outcomes.keySet().stream().allMatch(code -> code == 201 || code == 409 || code == 503),
                "only orders, clear refusals or a brief 503: " + outcomes);
        try (Connection c = cluster.infra().dataSource().getConnection()) {
            c.createStatement()
                    .execute("set search_path to " + s.brand().tenant().schema());
            assertEquals(units, single(c, "select sold from flash_sale where id = " + sale));
            assertEquals(units, single(c, "select count(*) from flash_sale_claim where status = 'HELD'"));
            assertEquals(units, single(c, "select count(distinct member_id) from flash_sale_claim"));
        }
    }

    @Test
    void lapsedBookingHoldsGiveTheirPlaceBackExactlyOnceWhileEveryInstanceSweeps() throws Exception {
        Shop s = Shops.shop("clbook");
        String appid = s.brand().appid();
        long room = Api.create(s.brand().adminToken(), "/api/hq/booking/items", Bookings.item("POD", 30, 1, false));
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        java.time.LocalDate tomorrow = java.time.LocalDate.now(shanghai).plusDays(1);
        int holds = 24;
        for (int i = 0; i < holds; i++) {
            String member = Consumers.memberToken(appid, "hold" + i);
            java.time.Instant at =
                    tomorrow.atTime(0, 0).plusMinutes(30L * i).atZone(shanghai).toInstant();
            Bookings.book(appid, member, s.pickupStore(), room, at).then().statusCode(201);
        }
        try (Connection c = cluster.infra().dataSource().getConnection()) {
            c.createStatement()
                    .execute("set search_path to " + s.brand().tenant().schema());
            assertEquals(holds, single(c, "select coalesce(sum(taken), 0) from booking_cell") / 6);
            c.createStatement().execute("update appointment set hold_expires_at = now() - interval '1 second'");
            Eventually.isTrue(Duration.ofSeconds(60), () -> {
                try {
                    return single(c, "select count(*) from appointment where status = 'EXPIRED'") == holds;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(0, single(c, "select coalesce(sum(taken), 0) from booking_cell"));
            assertEquals(holds, single(c, "select count(*) from appointment_event where kind = 'EXPIRED'"));
        }
    }

    /** One firing of a clustered job: the instances (numbers) whose logs say they ran it. */
    private record Run(String job, String at, String instances) {}

    private static Map<String, Run> runs() {
        Map<String, Run> runs = new TreeMap<>();
        try {
            for (String line : cluster.logLines()) {
                Matcher m = JOB_RUN.matcher(line);
                if (m.find() && CLUSTERED_JOBS.contains(m.group(1))) {
                    String instance = line.substring(0, line.indexOf('\t'));
                    runs.merge(
                            m.group(1) + "@" + m.group(2),
                            new Run(m.group(1), m.group(2), instance),
                            (a, b) -> new Run(a.job(), a.at(), a.instances() + b.instances()));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return runs;
    }

    /** When the component token was refreshed, by any instance, in order. */
    private static List<LocalTime> refreshes() {
        List<LocalTime> at = new ArrayList<>();
        try {
            for (String line : cluster.logLines()) {
                Matcher m = TOKEN_REFRESH.matcher(line.substring(line.indexOf('\t') + 1));
                if (m.find() && m.group(2).equals("wx0000000000c0de01")) {
                    at.add(LocalTime.parse(m.group(1)));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        at.sort(null);
        return at;
    }

    /** FLUSHALL on the shared Redis, as an operator's mistake or a failover to an empty replica would. */
    private static void flushRedis() {
        String hosts = cluster.infra().config().get("quarkus.redis.hosts");
        int port = Integer.parseInt(hosts.substring(hosts.lastIndexOf(':') + 1));
        try (Socket redis = new Socket("127.0.0.1", port)) {
            OutputStream out = redis.getOutputStream();
            out.write("FLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            redis.getInputStream().read(new byte[16]);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long single(Connection c, String sql) throws Exception {
        try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
