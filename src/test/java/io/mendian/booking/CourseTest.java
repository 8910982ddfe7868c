package io.mendian.booking;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.booking.course.app.EnrolmentExpiry;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Bookings;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Courses;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.MiniApps;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Courses and classes (C13): seats taken exactly, tuition paid through checkout, the waiting list served when a seat
 * frees, refunds for sessions still ahead, the teacher's time booked, and attendance as progress.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class CourseTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    EnrolmentExpiry expiry;

    @Inject
    DataSource data;

    @Test
    void manyMembersAskingForTheLastSeatGetExactlyOneEnrolmentAndTheRestHearItIsFull() throws Exception {
        Shop s = Shops.shop("coursefull");
        String appid = s.brand().appid();
        long course = Courses.openWithOneSession(s, "LAST", 0, 1, DAY.multipliedBy(2));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            members.add(Consumers.memberToken(appid, "seat" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(30);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String member : members) {
            answers.add(pool.submit(() -> Courses.enrol(appid, member, course).statusCode()));
        }
        int won = 0;
        int full = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get();
            won += status == 201 ? 1 : 0;
            full += status == 409 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, won, "exactly one enrolment");
        assertEquals(29, full, "every other member is told the course is full");
        Api.as(s.brand().adminToken())
                .get("/api/hq/courses/" + course)
                .then()
                .body("enrolled", equalTo(1))
                .body("seatsLeft", equalTo(0));
    }

    @Test
    void tuitionIsPaidThroughCheckoutAndTheSeatIsHeldUntilThen() {
        Shop s = Shops.shop("coursepay");
        String appid = s.brand().appid();
        long course = Courses.openWithOneSession(s, "PAID", 48_000, 8, DAY.multipliedBy(3));
        String member = Consumers.memberToken(appid, "payer");
        JsonPath held = Courses.enrol(appid, member, course)
                .then()
                .statusCode(201)
                .body("status", equalTo("HELD"))
                .body("holdExpiresAt", notNullValue())
                .extract()
                .jsonPath();
        String orderNo = held.getString("orderNo");
        // A second tap answers the same enrolment, not a second seat.
        Courses.enrol(appid, member, course).then().statusCode(201).body("id", equalTo(held.getInt("id")));
        Courses.payAndAwaitConfirmed(s, member, held.getLong("id"), orderNo);
        Shops.member(member)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .body("totalFen", equalTo(48_000))
                .body("status", equalTo("PAID"));
    }

    @Test
    void cancellingRefundsTheSessionsStillBeyondTheRefundHoursInProportion() {
        Shop s = Shops.shop("courserefund");
        String appid = s.brand().appid();
        // Four sessions: the first within the 24 hours of the refund rule, three beyond it.
        List<Instant> starts = List.of(
                Courses.in(Duration.ofHours(3)),
                Courses.in(DAY.plusHours(3)),
                Courses.in(DAY.multipliedBy(2).plusHours(3)),
                Courses.in(DAY.multipliedBy(3).plusHours(3)));
        long course = Courses.open(
                s.brand().adminToken(), Courses.course("REFUND", s.pickupStore(), null, 10_001, 8, starts));
        String member = Consumers.memberToken(appid, "leaver");
        JsonPath held = Courses.enrol(appid, member, course)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        long id = held.getLong("id");
        Courses.payAndAwaitConfirmed(s, member, id, held.getString("orderNo"));

        Courses.cancel(appid, member, id, "moving away")
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                // 10001 × 3 / 4 = 7500.75: rounded down to the fen.
                .body("refundFen", equalTo(7500));
        Shops.member(member)
                .get("/api/shop/" + appid + "/orders/" + held.getString("orderNo"))
                .then()
                .body("status", equalTo("COMPLETED"));
        // The rest was kept for the session given: an after-sales request would bypass the course's rule.
        Api.as(member)
                .body(Map.of("kind", "REFUND", "amountFen", 2501, "reason", "all of it back"))
                .post("/api/shop/" + appid + "/orders/" + held.getString("orderNo") + "/after-sales")
                .then()
                .statusCode(409)
                .body("type", endsWith("service-order"));
    }

    @Test
    void aLateLearnerPaysForTheSessionsStillAheadAndIsRefundedInThatProportion() {
        Shop s = Shops.shop("courselate");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        List<Instant> starts = List.of(
                Courses.in(Duration.ofHours(1)),
                Courses.in(Duration.ofHours(3)),
                Courses.in(DAY.plusHours(3)),
                Courses.in(DAY.multipliedBy(2).plusHours(3)));
        Map<String, Object> late =
                new java.util.HashMap<>(Courses.course("LATE", s.pickupStore(), null, 10_000, 8, starts));
        late.put("lateEnrolment", true);
        long course = Courses.open(admin, late);
        long strict =
                Courses.open(admin, Courses.course("STRICT", s.pickupStore(), null, 10_000, 8, List.of(starts.get(0))));
        // The first session has been given (moved into the past, as time would).
        String schema = s.brand().tenant().schema();
        Sql.execute(
                data,
                "update " + schema + ".course_session set starts_at = now() - interval '2 hours', ends_at = now() - "
                        + "interval '1 hour' where seq = 1 and course_id in (" + course + ", " + strict + ")");

        io.restassured.RestAssured.given()
                .get("/api/shop/" + appid + "/courses/" + course)
                .then()
                .body("sessionsAhead", equalTo(3))
                .body("priceNowFen", equalTo(7500));
        String member = Consumers.memberToken(appid, "latecomer");
        Courses.enrol(appid, member, strict).then().statusCode(409).body("type", endsWith("already-begun"));
        JsonPath held = Courses.enrol(appid, member, course)
                .then()
                .statusCode(201)
                .body("priceFen", equalTo(7500))
                .body("sessions", equalTo(3))
                .extract()
                .jsonPath();
        long id = held.getLong("id");
        Courses.payAndAwaitConfirmed(s, member, id, held.getString("orderNo"));
        // The session given before they joined is not theirs: not on its roster.
        long given = io.restassured.RestAssured.given()
                .get("/api/shop/" + appid + "/courses/" + course)
                .then()
                .extract()
                .jsonPath()
                .getLong("sessions[0].id");
        Api.as(admin)
                .get("/api/store/" + s.pickupStore() + "/classes/sessions/" + given)
                .then()
                .statusCode(200)
                .body("learners", org.hamcrest.Matchers.empty());
        // Of the three sessions paid for, two are still beyond the 24 hours of the refund rule: 7500 × 2 / 3.
        Courses.cancel(appid, member, id, "moving").statusCode(200).body("refundFen", equalTo(5000));
    }

    @Test
    void noSeatIsPromisedForTuitionWhileTheBrandCannotTakePayments() {
        io.mendian.testsupport.Brands.Brand brand = io.mendian.testsupport.Brands.anActiveBrand("coursenopay", "pro");
        String admin = brand.adminToken();
        long store = Shops.store(
                admin,
                "NP1",
                "31.2304",
                Map.of(
                        "pickup",
                        true,
                        "express",
                        false,
                        "delivery",
                        Map.of("enabled", false, "radiusMeters", 0, "feeFen", 0, "minimumOrderFen", 0)),
                Bookings.everyDay(List.of("00:00-23:59")));
        long course = Courses.open(
                admin, Courses.course("NOPAY", store, null, 5_000, 3, List.of(Courses.in(DAY.multipliedBy(2)))));
        String member = Consumers.memberToken(brand.appid(), "eager");
        Courses.enrol(brand.appid(), member, course)
                .then()
                .statusCode(409)
                .body("type", endsWith("payments-not-ready"));
        Api.as(admin).get("/api/hq/courses/" + course).then().body("enrolled", equalTo(0));
    }

    @Test
    void aSeatGivenBackGoesToTheFirstMemberWaitingAndNeverToSomeoneWhoDidNotWait() {
        Shop s = Shops.shop("coursewait");
        String appid = s.brand().appid();
        long course = Courses.openWithOneSession(s, "WAIT", 0, 1, DAY.multipliedBy(2));
        String first = Consumers.memberToken(appid, "first");
        String waiter = Consumers.memberToken(appid, "waiter");
        String second = Consumers.memberToken(appid, "secondwaiter");
        String latecomer = Consumers.memberToken(appid, "latecomer");
        long seat = Courses.enrolled(appid, first, course);
        Courses.enrol(appid, waiter, course).then().statusCode(409).body("type", endsWith("course-full"));
        Courses.join(appid, waiter, course).body("position", equalTo(1));
        Courses.join(appid, second, course).body("position", equalTo(2));

        Courses.cancel(appid, first, seat, "cannot come").statusCode(200);
        // The freed seat was the waiter's before anyone else could ask.
        Courses.enrol(appid, latecomer, course).then().statusCode(409).body("waiting", equalTo(1));
        Api.as(waiter)
                .get("/api/shop/" + appid + "/enrolments")
                .then()
                .body("items[0].courseId", equalTo((int) course))
                .body("items[0].status", equalTo("CONFIRMED"))
                .body("items[0].fromWaitlist", equalTo(true));
        Api.as(second)
                .get("/api/shop/" + appid + "/courses/" + course + "/waitlist")
                .then()
                .body("position", equalTo(1));
    }

    @Test
    void aMemberOfferedASeatFromTheWaitingListIsToldByWeChatMessageWhenTheyAllowedIt() {
        Shop s = Shops.shop("courseoffer");
        String appid = MiniApps.freshAppid();
        MiniApps.authorize(s.brand(), appid);
        long course = Courses.openWithOneSession(s, "OFFER", 0, 1, DAY.multipliedBy(2));
        String first = Consumers.memberToken(appid, "firstseat");
        String told = Consumers.memberToken(appid, "toldwaiter");
        String untold = Consumers.memberToken(appid, "untoldwaiter");
        MiniApps.allowMessages(appid, "toldwaiter", "SEAT_OFFERED_SANDBOX");
        long seat = Courses.enrolled(appid, first, course);
        for (String waiter : List.of(told, untold)) {
            Courses.join(appid, waiter, course).statusCode(200);
        }
        Courses.cancel(appid, first, seat, "cannot come").statusCode(200);
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> "SENT"
                        .equals(Api.as(s.brand().adminToken())
                                .get("/api/hq/courses/" + course + "/enrolments")
                                .path("items.find { it.fromWaitlist }.offerNotice")));
        MiniApps.messages(appid, "toldwaiter")
                .body("size()", equalTo(1))
                .body("[0].data.thing1.value", equalTo("Course OFFER"))
                .body("[0].data.phrase4.value", equalTo("候补成功"));

        // The next seat goes to a member who never allowed course messages: the roster says they were not told.
        long offered = Api.as(told)
                .get("/api/shop/" + appid + "/enrolments")
                .then()
                .extract()
                .jsonPath()
                .getLong("items[0].id");
        Courses.cancel(appid, told, offered, "changed my mind").statusCode(200);
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> "NOT_SUBSCRIBED"
                        .equals(Api.as(untold)
                                .get("/api/shop/" + appid + "/enrolments")
                                .path("items[0].offerNotice")));
    }

    @Test
    void aLapsedHoldGivesTheSeatToTheNextMemberWaitingOnceAndALatePaymentIsRefunded() {
        Shop s = Shops.shop("courselapse");
        String appid = s.brand().appid();
        long course = Courses.openWithOneSession(s, "LAPSE", 5_000, 1, DAY.multipliedBy(2));
        String slow = Consumers.memberToken(appid, "slow");
        String patient = Consumers.memberToken(appid, "patient");
        // A free seat is for enrolling, not for waiting (waiting would hold it back from everyone).
        Courses.join(appid, patient, course).statusCode(409).body("type", endsWith("seats-free"));
        JsonPath held = Courses.enrol(appid, slow, course)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        Courses.enrol(appid, patient, course).then().statusCode(409).body("type", endsWith("course-full"));
        Courses.join(appid, patient, course).statusCode(200);

        Sql.execute(
                data,
                "update " + s.brand().tenant().schema()
                        + ".enrolment set hold_expires_at = now() - interval '1 second'");
        assertEquals(1, expiry.expire(s.brand().tenant()));
        assertEquals(0, expiry.expire(s.brand().tenant()), "a lapsed hold is released once");

        Api.as(slow)
                .get("/api/shop/" + appid + "/enrolments/" + held.getLong("id"))
                .then()
                .body("status", equalTo("EXPIRED"));
        Api.as(patient)
                .get("/api/shop/" + appid + "/enrolments")
                .then()
                .body("items[0].status", equalTo("HELD"))
                .body("items[0].fromWaitlist", equalTo(true))
                .body("items[0].orderNo", notNullValue());
        Api.as(s.brand().adminToken())
                .get("/api/hq/courses/" + course)
                .then()
                .body("enrolled", equalTo(1))
                .body("waiting", equalTo(0));
        // The slow member pays after all: the seat is someone else's, so the money goes back whole.
        String outTradeNo = Shops.member(slow)
                .post("/api/shop/" + appid + "/orders/" + held.getString("orderNo") + "/payment")
                .then()
                .statusCode(200)
                .extract()
                .path("outTradeNo");
        io.mendian.testsupport.Pay.customerPays(s.brand(), outTradeNo, true);
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> "CANCELLED"
                        .equals(Shops.member(slow)
                                .get("/api/shop/" + appid + "/orders/" + held.getString("orderNo"))
                                .path("status")));
    }

    @Test
    void openingBooksTheTeacherAndRefusesAClassThatClashesWithTheirTime() {
        Shop s = Shops.shop("courseteach");
        String admin = s.brand().adminToken();
        long item = Api.create(admin, "/api/hq/booking/items", Bookings.item("YOGA1", 60, 1, true));
        long teacher = Bookings.person(admin, s.pickupStore(), "Mia", item, List.of("00:00-24:00"));
        Instant at = Courses.in(DAY.multipliedBy(4));
        Courses.open(admin, Courses.course("MORNING", s.pickupStore(), teacher, 0, 5, List.of(at)));
        long clash = Api.create(
                admin,
                "/api/hq/courses",
                Courses.course("CLASH", s.pickupStore(), teacher, 0, 5, List.of(at.plus(Duration.ofMinutes(30)))));
        Api.as(admin)
                .post("/api/hq/courses/" + clash + "/open")
                .then()
                .statusCode(409)
                .body("type", endsWith("teacher-busy"));
    }

    @Test
    void checkingInAtTheDeskCountsTowardsTheLearnersProgress() {
        Shop s = Shops.shop("courseattend");
        String appid = s.brand().appid();
        String admin = s.brand().adminToken();
        long course = Courses.open(
                admin,
                Courses.course(
                        "ATTEND",
                        s.pickupStore(),
                        null,
                        0,
                        5,
                        List.of(Courses.in(Duration.ofMinutes(30)), Courses.in(DAY.multipliedBy(7)))));
        String learner = Consumers.memberToken(appid, "learner");
        JsonPath enrolment = Courses.enrol(appid, learner, course)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        long session = Api.as(admin)
                .get("/api/hq/courses/" + course)
                .then()
                .extract()
                .jsonPath()
                .getLong("sessions[0].id");

        Api.as(admin)
                .body(Map.of("code", enrolment.getString("code").toLowerCase()))
                .post("/api/store/" + s.pickupStore() + "/classes/sessions/" + session + "/check-in")
                .then()
                .statusCode(200)
                .body("learners[0].checkedInAt", notNullValue());
        // Too early for the session a week ahead.
        long later = Api.as(admin)
                .get("/api/hq/courses/" + course)
                .then()
                .extract()
                .jsonPath()
                .getLong("sessions[1].id");
        Api.as(admin)
                .body(Map.of("code", enrolment.getString("code")))
                .post("/api/store/" + s.pickupStore() + "/classes/sessions/" + later + "/check-in")
                .then()
                .statusCode(409)
                .body("type", endsWith("not-now"));
        Api.as(learner)
                .get("/api/shop/" + appid + "/enrolments/" + enrolment.getLong("id"))
                .then()
                .body("attended", equalTo(1))
                .body("sessions", equalTo(2));
    }
}
