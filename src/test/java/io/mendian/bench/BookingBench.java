package io.mendian.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import io.mendian.devrun.LocalStack;
import io.mendian.tenancy.TenantId;
import io.mendian.testsupport.Pay;

/**
 * Booking (./mvnw -Pbench -Dbench.main=io.mendian.bench.BookingBench), two measurements with their baselines taken in
 * the same run:
 *
 * <ol>
 *   <li>Open starts of a day at a store with 20 people and a month of bookings (4,800 appointments), read one after
 *       another over HTTP, against the raw PostgreSQL query of the same day's bookings of that store: p99 ratio.
 *   <li>200 members booking the last place of one start at once (exactly one must win) against 200 members checking
 *       out the last unit of one SKU at once (the stock reservation): attempts per second, ratio.
 * </ol>
 */
public final class BookingBench {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int PEOPLE = 20;
    private static final int DAYS = 30;
    private static final int PER_DAY = 8;
    private static final int RACERS = 200;
    private final LocalStack stack = new LocalStack();
    private final BenchClient client = new BenchClient(stack);
    private final List<String> report = new ArrayList<>();
    private final int rounds = Integer.getInteger("bench.booking.rounds", 3);
    private final int reads = Integer.getInteger("bench.booking.reads", 300);

    public static void main(String[] args) throws Exception {
        var bench = new BookingBench();
        Runtime.getRuntime().addShutdownHook(new Thread(bench.stack::close, "bench-shutdown"));
        try {
            bench.run();
        } finally {
            bench.stack.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        stack.startInfrastructure(0);
        stack.startApp(
                0,
                "bench-booking.log",
                "mendian.signup.expose-temporary-password=true",
                "mendian.signup.rate-limit-per-hour=100000",
                "mendian.shop.rate-limit.per-client-per-minute=1000000000",
                "mendian.shop.rate-limit.per-appid-per-minute=1000000000");
        var brand = client.signUp("booking", "beauty", "pro");
        String admin = client.token(brand);
        activatePay(admin);
        long store = store(admin);
        // Staff tokens live five minutes: each phase signs in again.
        if (Boolean.parseBoolean(System.getProperty("bench.booking.slots", "true"))) {
            slotReads(brand, client.token(brand), store);
        }
        lastPlace(brand, store);
        Path out = Path.of("target/bench-booking.txt");
        Files.writeString(out, String.join("\n", report) + "\n");
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** A month of bookings for 20 people, then the day's open starts against the raw query of its bookings. */
    private void slotReads(BenchClient.Brand brand, String admin, long store) throws Exception {
        long item = client.send("POST", "/api/hq/booking/items", admin, item("FACE", 60, PEOPLE, true))
                .path("id")
                .asLong();
        Map<String, Object> weekly = new HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            weekly.put(day, List.of("09:00-13:00", "14:00-21:00"));
        }
        List<Long> people = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            people.add(client.send(
                            "POST",
                            "/api/store/" + store + "/booking/staff",
                            admin,
                            Map.of("name", "P" + p, "itemIds", List.of(item), "weekly", weekly))
                    .path("id")
                    .asLong());
        }
        LocalDate first = LocalDate.now(SHANGHAI).plusDays(1);
        long started = System.nanoTime();
        String walkIn = stack.api() + "/api/store/" + store + "/appointments";
        BenchClient.Burst seeded = BenchClient.burst(8, PEOPLE * DAYS * PER_DAY, i -> {
            int person = i % PEOPLE;
            int day = i / (PEOPLE * PER_DAY);
            int slot = (i / PEOPLE) % PER_DAY;
            Instant at = first.plusDays(day)
                    .atTime(9, 0)
                    .plusMinutes(90L * slot)
                    .atZone(SHANGHAI)
                    .toInstant();
            return post(
                    walkIn,
                    admin,
                    "{\"itemId\":" + item + ",\"staffId\":" + people.get(person) + ",\"startsAt\":\"" + at
                            + "\",\"contactName\":\"W" + i + "\"}");
        });
        if (seeded.statuses().getOrDefault(201, 0) != PEOPLE * DAYS * PER_DAY) {
            throw new IllegalStateException("seeding the month answered " + seeded.statuses());
        }
        line(
                "Seeded %d appointments (%d people x %d days x %d) through the desk API in %.0f s (%.0f/s, p99 %.1f ms)",
                PEOPLE * DAYS * PER_DAY,
                PEOPLE,
                DAYS,
                PER_DAY,
                (System.nanoTime() - started) / 1e9,
                seeded.perSecond(),
                seeded.p99());
        String schema = new TenantId(brand.slug()).schema();
        DataSource data = stack.infra().dataSource();
        line("Open starts of a day (20 people, 60-minute item, 15-minute spacing), %d reads one after another:", reads);
        double sum = 0;
        for (int r = 0; r <= rounds; r++) {
            List<Double> raw = new ArrayList<>();
            try (Connection c = data.getConnection();
                    PreparedStatement q = c.prepareStatement("select id, staff_id, item_id, starts_at, ends_at, status "
                            + "from " + schema + ".appointment where store_id = ? and starts_at >= ? and starts_at < ? "
                            + "and status in ('HELD', 'CONFIRMED', 'CHECKED_IN') order by starts_at")) {
                for (int i = 0; i < reads; i++) {
                    LocalDate day = first.plusDays(i % DAYS);
                    long began = System.nanoTime();
                    q.setLong(1, store);
                    q.setObject(2, day.atStartOfDay(SHANGHAI).toOffsetDateTime());
                    q.setObject(3, day.plusDays(1).atStartOfDay(SHANGHAI).toOffsetDateTime());
                    int rows = 0;
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                    if (rows != PEOPLE * PER_DAY) {
                        throw new IllegalStateException("the raw query found " + rows + " bookings on " + day);
                    }
                    raw.add((System.nanoTime() - began) / 1e6);
                }
            }
            List<Double> slots = new ArrayList<>();
            for (int i = 0; i < reads; i++) {
                LocalDate day = first.plusDays(i % DAYS);
                long began = System.nanoTime();
                var answer = BenchClient.HTTP.send(
                        HttpRequest.newBuilder(URI.create(stack.api() + "/api/shop/" + brand.appid() + "/stores/"
                                        + store + "/service-items/" + item + "/slots?date=" + day))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("slots answered " + answer.statusCode() + " " + answer.body());
                }
                slots.add((System.nanoTime() - began) / 1e6);
            }
            if (r == 0) {
                continue; // warm-up
            }
            double rawP99 = BenchClient.percentile(raw, 99);
            double slotsP99 = BenchClient.percentile(slots, 99);
            sum += slotsP99 / rawP99;
            line(
                    "  round %d: raw query p50 %.2f ms p99 %.2f ms; open starts p50 %.2f ms p99 %.2f ms; p99 ratio %.1f",
                    r,
                    BenchClient.percentile(raw, 50),
                    rawP99,
                    BenchClient.percentile(slots, 50),
                    slotsP99,
                    slotsP99 / rawP99);
        }
        line("  mean p99 ratio open starts / raw query = %.1f", sum / rounds);
    }

    /** Per round: 200 members race for one place, and 200 for one unit, alternating. */
    private void lastPlace(BenchClient.Brand brand, long store) throws Exception {
        String admin = client.token(brand);
        long room = client.send("POST", "/api/hq/booking/items", admin, item("ROOM", 30, 1, false))
                .path("id")
                .asLong();
        long sku = sku(admin, store);
        client.send("POST", "/sandbox/wechat/open/test/tickets", null, null);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            String code = client.send(
                            "POST",
                            "/sandbox/wechat/open/test/apps/" + brand.appid() + "/js-codes?user=r" + i,
                            null,
                            null)
                    .path("code")
                    .asText();
            members.add(client.send("POST", "/api/shop/" + brand.appid() + "/session", null, Map.of("code", code))
                    .path("accessToken")
                    .asText());
        }
        String shop = stack.api() + "/api/shop/" + brand.appid();
        line(
                "The last place and the last seat of a course against the last unit: %d members at once, one winner each:",
                RACERS);
        double sum = 0;
        double seatSum = 0;
        for (int r = 0; r <= rounds; r++) {
            Instant start = LocalDate.now(SHANGHAI)
                    .plusDays(2)
                    .atTime(8, 0)
                    .plusMinutes(30L * r)
                    .atZone(SHANGHAI)
                    .toInstant();
            String booking = "{\"storeId\":" + store + ",\"itemId\":" + room + ",\"startsAt\":\"" + start + "\"}";
            BenchClient.Burst book =
                    BenchClient.burst(RACERS, RACERS, i -> post(shop + "/appointments", members.get(i), booking));
            client.send(
                    "POST",
                    "/api/store/" + store + "/stock/receipts",
                    client.token(brand),
                    Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 1))));
            for (String member : members) {
                client.send(
                        "PUT",
                        "/api/shop/" + brand.appid() + "/cart/stores/" + store + "/items/" + sku,
                        member,
                        Map.of("quantity", 1));
            }
            String order = "{\"orders\":[{\"storeId\":" + store + ",\"mode\":\"PICKUP\",\"pickupAt\":\""
                    + Instant.now().plus(2, ChronoUnit.HOURS) + "\"}]}";
            BenchClient.Burst reserve =
                    BenchClient.burst(RACERS, RACERS, i -> post(shop + "/checkout", members.get(i), order));
            long course = client.send(
                            "POST",
                            "/api/hq/courses",
                            client.token(brand),
                            Map.of(
                                    "code",
                                    "LAST-" + r,
                                    "name",
                                    "Last seat " + r,
                                    "storeId",
                                    store,
                                    "priceFen",
                                    100,
                                    "capacity",
                                    1,
                                    "minutes",
                                    60,
                                    "refundHours",
                                    24,
                                    "sessions",
                                    List.of(start.plus(1, ChronoUnit.DAYS).toString())))
                    .path("id")
                    .asLong();
            client.send("POST", "/api/hq/courses/" + course + "/open", client.token(brand), null);
            String enrolment = "{\"courseId\":" + course + "}";
            BenchClient.Burst enrol =
                    BenchClient.burst(RACERS, RACERS, i -> post(shop + "/enrolments", members.get(i), enrolment));
            if (book.statuses().getOrDefault(201, 0) != 1
                    || reserve.statuses().getOrDefault(201, 0) != 1
                    || enrol.statuses().getOrDefault(201, 0) != 1) {
                throw new IllegalStateException("round " + r + ": bookings " + book.statuses() + ", checkouts "
                        + reserve.statuses() + ", enrolments " + enrol.statuses());
            }
            if (r == 0) {
                continue; // warm-up
            }
            double ratio = book.perSecond() / reserve.perSecond();
            sum += ratio;
            line(
                    "  round %d: last place %.0f attempts/s (p50 %.0f ms, p99 %.0f ms) %s; last unit %.0f/s (p50 %.0f ms, "
                            + "p99 %.0f ms) %s; ratio %.2f",
                    r,
                    book.perSecond(),
                    book.p50(),
                    book.p99(),
                    book.statuses(),
                    reserve.perSecond(),
                    reserve.p50(),
                    reserve.p99(),
                    reserve.statuses(),
                    ratio);
            double seat = enrol.perSecond() / reserve.perSecond();
            seatSum += seat;
            line(
                    "  round %d: last seat %.0f attempts/s (p50 %.0f ms, p99 %.0f ms) %s; ratio to the last unit %.2f",
                    r, enrol.perSecond(), enrol.p50(), enrol.p99(), enrol.statuses(), seat);
        }
        line("  mean ratio last place / last unit = %.2f", sum / rounds);
        line("  mean ratio last seat of a course / last unit = %.2f", seatSum / rounds);
    }

    private static HttpRequest post(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "bb-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static Map<String, Object> item(String code, int minutes, int capacity, boolean needsStaff) {
        return Map.of(
                "code", code,
                "name", code,
                "minutes", minutes,
                "priceFen", 0,
                "capacity", capacity,
                "needsStaff", needsStaff);
    }

    private void activatePay(String admin) throws Exception {
        client.send("POST", "/api/hq/payment/sub-merchant/applyment", admin, Pay.application());
        for (int i = 0;
                i < 120
                        && !client.send("GET", "/api/hq/payment/sub-merchant", admin, null)
                                .path("canTakePayments")
                                .asBoolean();
                i++) {
            Thread.sleep(500);
        }
    }

    /** One store open around the clock. */
    private long store(String admin) throws Exception {
        Map<String, Object> weekly = new HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            weekly.put(day, List.of("00:00-24:00"));
        }
        return client.send(
                        "POST",
                        "/api/hq/stores",
                        admin,
                        Map.of(
                                "code", "B1",
                                "name", "Booking store",
                                "city", "Shanghai",
                                "address", "1 Rd",
                                "latitude", new java.math.BigDecimal("31.2300"),
                                "longitude", new java.math.BigDecimal("121.4700"),
                                "status", "OPEN",
                                "hours", Map.of("weekly", weekly)))
                .path("id")
                .asLong();
    }

    /** A SKU the store sells, with no stock yet (each round adds the one unit raced for). */
    private long sku(String admin, long store) throws Exception {
        long category = client.send("POST", "/api/hq/categories", admin, Map.of("code", "BK", "name", "Bench"))
                .path("id")
                .asLong();
        long product = client.send(
                        "POST",
                        "/api/hq/products",
                        admin,
                        Map.of(
                                "code",
                                "CREAM",
                                "name",
                                "Cream",
                                "categoryId",
                                category,
                                "skus",
                                List.of(Map.of(
                                        "code", "CREAM-S",
                                        "basePriceFen", 2800,
                                        "minPriceFen", 2000,
                                        "maxPriceFen", 3500))))
                .path("id")
                .asLong();
        return client.send("GET", "/api/hq/products/" + product, admin, null)
                .path("skus")
                .get(0)
                .path("id")
                .asLong();
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.add(text);
    }
}
