package io.mendian.booking;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.booking.app.HoldExpiry;
import io.mendian.booking.app.Reminders;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Bookings;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.MiniApps;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Appointments on real PostgreSQL and tokens: starts follow shifts, breaks and the store's own clock (across a
 * daylight-saving change too); the last place goes to exactly one of 200 racing members and the rest get
 * alternatives; a failed reschedule keeps the original; lapsed holds give their place back once, whoever sweeps.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class BookingTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    HoldExpiry expiry;

    @Inject
    DataSource data;

    @Inject
    Reminders reminders;

    @Test
    void aMemberBooksAndConfirmsAndTheStoreSeesItAndChecksInAWalkIn() {
        Shop s = Shops.shop("bookflow");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        long item = Api.create(admin, "/api/hq/booking/items", Bookings.item("FACIAL", 60, 1, true));
        long ann = Bookings.person(admin, s.pickupStore(), "Ann", item, List.of("09:00-12:00", "13:00-18:00"));
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);

        JsonPath day = Bookings.slots(appid, s.pickupStore(), item, tomorrow)
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("Asia/Shanghai"))
                .extract()
                .jsonPath();
        List<String> times = day.getList("slots.localTime");
        assertEquals("09:00", times.getFirst());
        assertTrue(times.contains("11:00") && !times.contains("11:15"), "a start must end before the break: " + times);
        assertFalse(times.contains("12:00") || times.contains("12:30"), "no start in the break: " + times);
        assertEquals("17:00", times.getLast());
        Instant ten = tomorrow.atTime(10, 0).atZone(SHANGHAI).toInstant();

        String member = Consumers.memberToken(appid, "bella");
        Response held = Bookings.book(appid, member, s.pickupStore(), item, ten);
        held.then()
                .statusCode(201)
                .body("status", equalTo("HELD"))
                .body("staffId", equalTo((int) ann))
                .body("localTime", equalTo("10:00"));
        long id = held.jsonPath().getLong("id");
        String code = held.jsonPath().getString("code");
        Shops.member(member)
                .post("/api/shop/" + appid + "/appointments/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        Bookings.slots(appid, s.pickupStore(), item, tomorrow)
                .then()
                .body("slots.find { it.localTime == '10:00' }.left", equalTo(0))
                .body("slots.find { it.localTime == '09:15' }.left", equalTo(0))
                .body("slots.find { it.localTime == '09:00' }.left", equalTo(1));
        Api.as(admin)
                .queryParam("date", tomorrow.toString())
                .get("/api/store/" + s.pickupStore() + "/booking/board")
                .then()
                .statusCode(200)
                .body("staff[0].intervals", equalTo(List.of("09:00-12:00", "13:00-18:00")))
                .body("appointments.code", equalTo(List.of(code)));
        // Check-in opens an hour before the start.
        Api.as(admin)
                .body(Map.of("code", code))
                .post("/api/store/" + s.pickupStore() + "/appointments/check-in")
                .then()
                .statusCode(409)
                .body("type", endsWith("check-in-too-early"));
        Shops.member(member)
                .body(Map.of("reason", "plans changed"))
                .post("/api/shop/" + appid + "/appointments/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("feeFen", equalTo(0));
        Bookings.slots(appid, s.pickupStore(), item, tomorrow)
                .then()
                .body("slots.find { it.localTime == '10:00' }.left", equalTo(1));
        Shops.member(member)
                .get("/api/shop/" + appid + "/appointments/" + id)
                .then()
                .body("timeline.kind", equalTo(List.of("HELD", "CONFIRMED", "CANCELLED")));

        // A walk-in now, at a store open all day, with a person working all day: checked in by its code, completed.
        long late = Bookings.person(admin, s.deliveryStore(), "Cai", item, List.of("00:00-24:00"));
        // A shift to midnight is kept as 24:00, not the minute before.
        Api.as(admin)
                .get("/api/store/" + s.deliveryStore() + "/booking/staff")
                .then()
                .body("find { it.id == " + late + " }.weekly.MONDAY", equalTo(List.of("00:00-24:00")));
        Response walkIn = Api.as(admin)
                .body(Map.of("itemId", item, "contactName", "Mr Wang"))
                .post("/api/store/" + s.deliveryStore() + "/appointments");
        walkIn.then().statusCode(201).body("status", equalTo("CONFIRMED")).body("source", equalTo("WALK_IN"));
        Api.as(admin)
                .body(Map.of("code", walkIn.jsonPath().getString("code").toLowerCase()))
                .post("/api/store/" + s.deliveryStore() + "/appointments/check-in")
                .then()
                .statusCode(200)
                .body("status", equalTo("CHECKED_IN"))
                .body("staffId", equalTo((int) late));
        Api.as(admin)
                .post("/api/store/" + s.deliveryStore() + "/appointments/"
                        + walkIn.jsonPath().getLong("id") + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
        // Another store's code is not found here.
        Api.as(admin)
                .body(Map.of("code", code))
                .post("/api/store/" + s.deliveryStore() + "/appointments/check-in")
                .then()
                .statusCode(404);
    }

    @Test
    void twoHundredRacingBookingsForTheLastPlaceGiveExactlyOneWinnerAndAlternativesToTheRest() throws Exception {
        Shop s = Shops.shop("bookrace");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        long room = Api.create(admin, "/api/hq/booking/items", Bookings.item("ROOM", 30, 1, false));
        Instant start = LocalDate.now(SHANGHAI)
                .plusDays(1)
                .atTime(15, 0)
                .atZone(SHANGHAI)
                .toInstant();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(Consumers.memberToken(appid, "racer" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String member = members.get(i % members.size());
            attempts.add(pool.submit(() -> Bookings.book(appid, member, s.pickupStore(), room, start)));
        }
        Map<Integer, Integer> outcomes = new HashMap<>();
        for (Future<Response> attempt : attempts) {
            Response r = attempt.get();
            outcomes.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 409 && r.jsonPath().getString("type").endsWith("slot-taken")) {
                List<String> alternatives = r.jsonPath().getList("alternatives.startsAt");
                assertFalse(alternatives.isEmpty(), "a refused booking offers alternatives");
                assertFalse(alternatives.contains(start.toString()));
            }
        }
        pool.shutdown();
        assertEquals(1, outcomes.getOrDefault(201, 0), "outcomes " + outcomes);
        assertEquals(199, outcomes.getOrDefault(409, 0), "outcomes " + outcomes);
        String schema = s.brand().tenant().schema();
        assertEquals(1, Sql.scalar(data, "select count(*) from " + schema + ".appointment where status = 'HELD'"));
        assertEquals(
                6,
                Sql.scalar(data, "select count(*) from " + schema + ".booking_cell where taken = 1"),
                "one place in each of the six cells of 30 minutes");
        assertEquals(0, Sql.scalar(data, "select count(*) from " + schema + ".booking_cell where taken > 1"));
    }

    @Test
    void startsFollowTheStoresOwnClockAcrossADaylightSavingChange() {
        Shop s = Shops.shop("bookdst");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        Bookings.policy(admin, Map.of("slotMinutes", 60, "horizonDays", 365));
        Map<String, Object> body = new HashMap<>(Map.of(
                "code",
                "NYC",
                "name",
                "New York",
                "city",
                "New York",
                "address",
                "5th Ave",
                "latitude",
                new java.math.BigDecimal("40.7128"),
                "longitude",
                new java.math.BigDecimal("-74.0060"),
                "status",
                "OPEN",
                "timeZone",
                "America/New_York"));
        body.put("hours", Map.of("weekly", Bookings.everyDay(List.of("00:00-24:00"))));
        body.put(
                "fulfilment",
                Map.of(
                        "pickup",
                        true,
                        "express",
                        false,
                        "delivery",
                        Map.of("enabled", false, "radiusMeters", 0, "feeFen", 0, "minimumOrderFen", 0)));
        long nyc = Api.create(admin, "/api/hq/stores", body);
        long item = Api.create(admin, "/api/hq/booking/items", Bookings.item("MASSAGE", 60, 1, true));
        Bookings.person(admin, nyc, "Dana", item, List.of("00:00-05:00"));
        // The second Sunday of March 2027: New York's clocks go from 02:00 to 03:00. Five wall-clock hours are four
        // real ones, so four starts, and none at 02:00, which does not exist that night.
        LocalDate springForward = LocalDate.of(2027, 3, 14);
        if (LocalDate.now().plusDays(360).isBefore(springForward)) {
            return; // only when the day is inside the one-year horizon
        }
        Bookings.slots(appid, nyc, item, springForward)
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("America/New_York"))
                .body("slots.localTime", equalTo(List.of("00:00", "01:00", "03:00", "04:00")))
                .body(
                        "slots.startsAt",
                        equalTo(List.of(
                                "2027-03-14T05:00:00Z",
                                "2027-03-14T06:00:00Z",
                                "2027-03-14T07:00:00Z",
                                "2027-03-14T08:00:00Z")));
        // The day before, an ordinary night: five starts.
        Bookings.slots(appid, nyc, item, springForward.minusDays(1))
                .then()
                .body("slots", hasSize(5))
                .body("slots[0].startsAt", equalTo("2027-03-13T05:00:00Z"));
        // The same shift in Shanghai starts eight... thirteen hours earlier in real time.
        long sh = Bookings.person(admin, s.pickupStore(), "Mei", item, List.of("00:00-05:00"));
        Bookings.slots(appid, s.pickupStore(), item, springForward)
                .then()
                .body("slots[0].startsAt", equalTo("2027-03-13T16:00:00Z"))
                .body("slots[0].staffIds", equalTo(List.of((int) sh)));
    }

    @Test
    void aRescheduleThatFailsKeepsTheOriginalAndItsPlace() {
        Shop s = Shops.shop("bookmove");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        long room = Api.create(admin, "/api/hq/booking/items", Bookings.item("SAUNA", 60, 1, false));
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        Instant ten = tomorrow.atTime(10, 0).atZone(SHANGHAI).toInstant();
        Instant eleven = tomorrow.atTime(11, 0).atZone(SHANGHAI).toInstant();
        String ann = Consumers.memberToken(appid, "ann");
        String bob = Consumers.memberToken(appid, "bob");
        long annId = Bookings.book(appid, ann, s.pickupStore(), room, ten)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        Bookings.book(appid, bob, s.pickupStore(), room, eleven).then().statusCode(201);
        // Ann's own 10:00 place is given back first inside the move; the 11:00 start then fails, and all of it rolls
        // back.
        Shops.member(ann)
                .body(Map.of(
                        "startsAt",
                        tomorrow.atTime(10, 30).atZone(SHANGHAI).toInstant().toString()))
                .post("/api/shop/" + appid + "/appointments/" + annId + "/reschedule")
                .then()
                .statusCode(409)
                .body("type", endsWith("slot-taken"))
                .body("alternatives", not(empty()));
        Shops.member(ann)
                .get("/api/shop/" + appid + "/appointments/" + annId)
                .then()
                .body("startsAt", equalTo(ten.toString()))
                .body("status", equalTo("HELD"));
        Bookings.slots(appid, s.pickupStore(), room, tomorrow)
                .then()
                .body("slots.find { it.localTime == '10:00' }.left", equalTo(0));
        // A move into a free start works, and frees the old one.
        Shops.member(ann)
                .body(Map.of(
                        "startsAt",
                        tomorrow.atTime(14, 0).atZone(SHANGHAI).toInstant().toString()))
                .post("/api/shop/" + appid + "/appointments/" + annId + "/reschedule")
                .then()
                .statusCode(200)
                .body("localTime", equalTo("14:00"));
        Bookings.slots(appid, s.pickupStore(), room, tomorrow)
                .then()
                .body("slots.find { it.localTime == '10:00' }.left", equalTo(1))
                .body("slots.find { it.localTime == '14:00' }.left", equalTo(0));
    }

    @Test
    void lapsedHoldsGiveTheirPlaceBackExactlyOnceWhenTwoSweepersRace() throws Exception {
        Shop s = Shops.shop("bookexpiry");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        long room = Api.create(admin, "/api/hq/booking/items", Bookings.item("POD", 30, 1, false));
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        int holds = 12;
        for (int i = 0; i < holds; i++) {
            String member = Consumers.memberToken(appid, "lapse" + i);
            Instant at =
                    tomorrow.atTime(8, 0).plusMinutes(30L * i).atZone(SHANGHAI).toInstant();
            Bookings.book(appid, member, s.pickupStore(), room, at).then().statusCode(201);
        }
        String schema = s.brand().tenant().schema();
        Sql.execute(data, "update " + schema + ".appointment set hold_expires_at = now() - interval '1 second'");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Integer> first = pool.submit(() -> expiry.expire(s.brand().tenant()));
        Future<Integer> second = pool.submit(() -> expiry.expire(s.brand().tenant()));
        int expired = first.get() + second.get();
        pool.shutdown();
        assertEquals(holds, expired);
        assertEquals(0, Sql.scalar(data, "select coalesce(sum(taken), 0) from " + schema + ".booking_cell"));
        assertEquals(
                holds, Sql.scalar(data, "select count(*) from " + schema + ".appointment where status = 'EXPIRED'"));
        assertEquals(0, expiry.expire(s.brand().tenant()));
        Bookings.slots(appid, s.pickupStore(), room, tomorrow)
                .then()
                .body("slots.find { it.localTime == '08:00' }.left", equalTo(1));
    }

    @Test
    void lateCancellingFollowsThePolicyAndBadInputIsRefusedInWords() {
        Shop s = Shops.shop("bookpolicy");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        long room = Api.create(admin, "/api/hq/booking/items", Bookings.item("STUDIO", 30, 2, false));
        Bookings.policy(admin, Map.of("cancelCutoffMinutes", 2880));
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        Instant nine = tomorrow.atTime(9, 0).atZone(SHANGHAI).toInstant();
        String member = Consumers.memberToken(appid, "late");
        long id = Bookings.book(appid, member, s.pickupStore(), room, nine)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        Shops.member(member).post("/api/shop/" + appid + "/appointments/" + id + "/confirm");
        Shops.member(member)
                .body(Map.of())
                .post("/api/shop/" + appid + "/appointments/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body("type", endsWith("too-late-to-cancel"));
        Bookings.policy(admin, Map.of("lateCancellation", "FEE", "lateCancelFeeFen", 2000));
        Shops.member(member)
                .body(Map.of())
                .post("/api/shop/" + appid + "/appointments/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("feeFen", equalTo(2000));

        // Bad input: words, not 500s.
        Api.as(admin)
                .body(Map.of("name", "X", "itemIds", List.of(room), "weekly", Map.of("MONDAY", List.of("18:00-09:00"))))
                .post("/api/store/" + s.pickupStore() + "/booking/staff")
                .then()
                .statusCode(422)
                .body("type", endsWith("invalid-intervals"));
        Api.as(admin)
                .body(Map.of("name", "X", "itemIds", List.of(room), "weekly", Map.of("MONDAY", List.of("09:03-10:00"))))
                .post("/api/store/" + s.pickupStore() + "/booking/staff")
                .then()
                .statusCode(422);
        Api.as(admin)
                .body(Bookings.item("STUDIO", 30, 2, false))
                .post("/api/hq/booking/items")
                .then()
                .statusCode(409)
                .body("type", endsWith("code-taken"));
        Api.as(admin)
                .body(Bookings.item("ODD", 17, 1, false))
                .post("/api/hq/booking/items")
                .then()
                .statusCode(422);
        io.restassured.RestAssured.given()
                .queryParam("date", "2026-13-40")
                .get("/api/shop/" + appid + "/stores/" + s.pickupStore() + "/service-items/" + room + "/slots")
                .then()
                .statusCode(400);
        Bookings.book(appid, member, s.pickupStore(), room, nine.plusSeconds(60))
                .then()
                .statusCode(409)
                .body("type", endsWith("slot-taken"));
        Bookings.book(appid, member, s.pickupStore(), 999_999L, nine).then().statusCode(404);
        Bookings.book(appid, member, s.pickupStore(), room, "+100000-01-01T00:00:00Z")
                .then()
                .statusCode(409)
                .body("type", endsWith("slot-taken"));
        Api.as(admin)
                .queryParam("date", "+999999999-12-31")
                .get("/api/store/" + s.pickupStore() + "/booking/board")
                .then()
                .statusCode(400)
                .body("type", endsWith("invalid-date"));
        // Here now means now: a walk-in checked in for tomorrow would hold its place past any cancel.
        Api.as(admin)
                .body(Map.of("itemId", room, "contactName", "Soon", "startsAt", nine.toString(), "checkIn", true))
                .post("/api/store/" + s.pickupStore() + "/appointments")
                .then()
                .statusCode(422)
                .body("type", endsWith("check-in-too-early"));
        long here = Api.as(admin)
                .body(Map.of("itemId", room, "contactName", "Here", "checkIn", true))
                .post("/api/store/" + s.pickupStore() + "/appointments")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        Api.as(admin)
                .body(Map.of("reason", "left before her turn"))
                .post("/api/store/" + s.pickupStore() + "/appointments/" + here + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
        Api.as(admin)
                .body(Map.of("itemId", room, "contactName", "Far", "startsAt", "9999-01-01T00:00:00Z"))
                .post("/api/store/" + s.pickupStore() + "/appointments")
                .then()
                .statusCode(422);
    }

    @Test
    void aConfirmedAppointmentIsRemindedOnceAndOnlyMembersWhoAllowedItAreMessaged() {
        Shop s = Shops.shop("bookremind");
        String admin = s.brand().adminToken();
        String appid = MiniApps.freshAppid();
        MiniApps.authorize(s.brand(), appid);
        long room = Api.create(admin, "/api/hq/booking/items", Bookings.item("NAILS", 30, 5, false));
        Bookings.policy(admin, Map.of("reminderMinutes", 4320));
        Instant start = LocalDate.now(SHANGHAI)
                .plusDays(1)
                .atTime(16, 0)
                .atZone(SHANGHAI)
                .toInstant();
        String eve = Consumers.memberToken(appid, "eve");
        String zoe = Consumers.memberToken(appid, "zoe");
        MiniApps.allowMessages(appid, "eve", "APPOINTMENT_REMINDER_SANDBOX");
        Map<String, Long> ids = new HashMap<>();
        for (String member : List.of(eve, zoe)) {
            long id = Bookings.book(appid, member, s.pickupStore(), room, start)
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("id");
            Shops.member(member)
                    .post("/api/shop/" + appid + "/appointments/" + id + "/confirm")
                    .then()
                    .statusCode(200);
            ids.put(member, id);
        }
        reminders.remind(s.brand().tenant());
        reminders.remind(s.brand().tenant());
        MiniApps.messages(appid, "eve").body("", hasSize(1));
        Shops.member(eve)
                .get("/api/shop/" + appid + "/appointments/" + ids.get(eve))
                .then()
                .body(
                        "timeline.findAll { it.kind == 'REMINDED' }.detail",
                        equalTo(List.of("the member was reminded by WeChat message")));
        Shops.member(zoe)
                .get("/api/shop/" + appid + "/appointments/" + ids.get(zoe))
                .then()
                .body(
                        "timeline.findAll { it.kind == 'REMINDED' }.detail",
                        equalTo(List.of("not reminded: the member has not allowed reminders")));
    }

    @Test
    void aBeautyBrandStartsWithTheTemplatesServiceItems() {
        var brand = Brands.anActiveBrand("bookbeauty", "pro", "beauty");
        Api.as(brand.adminToken())
                .get("/api/hq/booking/items")
                .then()
                .statusCode(200)
                .body("items.code", equalTo(List.of("FACIAL", "HAIRCUT")))
                .body("items.find { it.code == 'FACIAL' }.minutes", equalTo(60))
                .body("items[0].allStores", equalTo(true));
    }

    @Test
    void hqSeesUtilisationAndNoShowsAndTheDeskMarksANoShowOnlyAfterTheStart() {
        Shop s = Shops.shop("bookreport");
        String admin = s.brand().adminToken();
        String appid = s.brand().appid();
        long item = Api.create(admin, "/api/hq/booking/items", Bookings.item("MANI", 60, 1, true));
        long ann = Bookings.person(admin, s.pickupStore(), "Ann", item, List.of("00:00-04:00", "04:00-08:00"));
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate tomorrow = today.plusDays(1);
        String member = Consumers.memberToken(appid, "rita");
        long booked = Bookings.book(
                        appid,
                        member,
                        s.pickupStore(),
                        item,
                        tomorrow.atTime(2, 0).atZone(SHANGHAI).toInstant())
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        Shops.member(member).post("/api/shop/" + appid + "/appointments/" + booked + "/confirm");
        Api.as(admin)
                .post("/api/store/" + s.pickupStore() + "/appointments/" + booked + "/no-show")
                .then()
                .statusCode(409)
                .body("type", endsWith("too-early-for-no-show"));
        // Its start passes (moved back in time by hand): now the desk may mark it.
        String schema = s.brand().tenant().schema();
        Sql.execute(
                data,
                "update " + schema + ".appointment set starts_at = starts_at - interval '2 days', ends_at = ends_at "
                        + "- interval '2 days' where id = " + booked);
        Api.as(admin)
                .post("/api/store/" + s.pickupStore() + "/appointments/" + booked + "/no-show")
                .then()
                .statusCode(200)
                .body("status", equalTo("NO_SHOW"));
        long second = Bookings.book(
                        appid,
                        member,
                        s.pickupStore(),
                        item,
                        tomorrow.atTime(5, 0).atZone(SHANGHAI).toInstant())
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        Shops.member(member).post("/api/shop/" + appid + "/appointments/" + second + "/confirm");

        JsonPath report = Api.as(admin)
                .queryParam("from", today.minusDays(1).toString())
                .queryParam("to", tomorrow.toString())
                .get("/api/hq/booking/report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(2, report.getInt("total.appointments"));
        assertEquals(1, report.getInt("total.noShows"));
        assertEquals(60, report.getInt("total.bookedMinutes"), "a no-show's minutes are not counted as used");
        assertEquals(960, report.getInt("total.workedMinutes"), "eight hours a day from the day she was added");
        assertEquals(6.3f, report.getFloat("total.utilisationPercent"));
        assertEquals(100.0f, report.getFloat("total.noShowPercent"));
        assertEquals(List.of(2, 5), report.getList("hours.hour"));
        assertEquals((int) ann, report.getInt("staff[0].staffId"));
        assertEquals(s.pickupStore(), report.getLong("stores[0].storeId"));
        Api.as(admin)
                .queryParam("from", tomorrow.toString())
                .queryParam("to", today.toString())
                .get("/api/hq/booking/report")
                .then()
                .statusCode(400)
                .body("type", endsWith("invalid-period"));
    }
}
