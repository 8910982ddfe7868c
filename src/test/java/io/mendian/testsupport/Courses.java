package io.mendian.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;

/** Courses as HQ writes and opens them, and enrolments as a member makes them. */
public final class Courses {

    private Courses() {}

    /** A course at the store with sessions at the given starts (each {@code minutes} long). */
    public static Map<String, Object> course(
            String code, long store, Long teacher, long priceFen, int capacity, List<Instant> starts) {
        Map<String, Object> course = new HashMap<>();
        course.put("code", code);
        course.put("name", "Course " + code);
        course.put("storeId", store);
        course.put("priceFen", priceFen);
        course.put("capacity", capacity);
        course.put("minutes", 60);
        course.put("refundHours", 24);
        course.put("sessions", starts.stream().map(Instant::toString).toList());
        if (teacher != null) {
            course.put("teacherId", teacher);
        }
        return course;
    }

    /** Creates and opens the course; answers its id. */
    public static long open(String admin, Map<String, Object> course) {
        long id = Api.create(admin, "/api/hq/courses", course);
        Api.as(admin).post("/api/hq/courses/" + id + "/open").then().statusCode(200);
        return id;
    }

    /** A five-minute mark {@code ahead} from now. */
    public static Instant in(Duration ahead) {
        Instant at = Instant.now().plus(ahead).truncatedTo(ChronoUnit.MINUTES);
        return at.minus(Duration.ofMinutes(at.atZone(java.time.ZoneOffset.UTC).getMinute() % 5));
    }

    /** A course opened at the shop's pickup store, with one session {@code ahead} from now. */
    public static long openWithOneSession(Shops.Shop s, String code, long priceFen, int seats, Duration ahead) {
        return open(s.brand().adminToken(), course(code, s.pickupStore(), null, priceFen, seats, List.of(in(ahead))));
    }

    /** Pays a held enrolment's order in the sandbox and waits until the payment has confirmed the seat. */
    public static void payAndAwaitConfirmed(Shops.Shop s, String member, long enrolmentId, String orderNo) {
        Shops.pay(s.brand(), member, orderNo);
        String appid = s.brand().appid();
        Eventually.isTrue(
                Duration.ofSeconds(20),
                () -> "CONFIRMED"
                        .equals(Api.as(member)
                                .get("/api/shop/" + appid + "/enrolments/" + enrolmentId)
                                .path("status")));
    }

    /** Enrols the member, expecting a seat; answers the enrolment's id. */
    public static long enrolled(String appid, String member, long course) {
        return enrol(appid, member, course)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** The member joins the course's waiting list. */
    public static io.restassured.response.ValidatableResponse join(String appid, String member, long course) {
        return Api.as(member)
                .post("/api/shop/" + appid + "/courses/" + course + "/waitlist")
                .then();
    }

    /** The member cancels their enrolment, giving a reason. */
    public static io.restassured.response.ValidatableResponse cancel(
            String appid, String member, long enrolmentId, String reason) {
        return Api.as(member)
                .body(Map.of("reason", reason))
                .post("/api/shop/" + appid + "/enrolments/" + enrolmentId + "/cancel")
                .then();
    }

    public static Response enrol(String appid, String member, long course) {
        return Api.as(member).body(Map.of("courseId", course)).post("/api/shop/" + appid + "/enrolments");
    }
}
