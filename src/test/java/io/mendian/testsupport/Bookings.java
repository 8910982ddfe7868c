package io.mendian.testsupport;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;

/** Service items, the people who perform them and bookings, as HQ, a store and a member make them. */
public final class Bookings {

    private Bookings() {}

    public static Map<String, Object> item(String code, int minutes, int capacity, boolean needsStaff) {
        Map<String, Object> item = new HashMap<>();
        item.put("code", code);
        item.put("name", "Item " + code);
        item.put("minutes", minutes);
        item.put("priceFen", 9900);
        item.put("capacity", capacity);
        item.put("needsStaff", needsStaff);
        return item;
    }

    /** Every day of the week the same intervals. */
    public static Map<String, Object> everyDay(List<String> intervals) {
        Map<String, Object> weekly = new HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            weekly.put(day, intervals);
        }
        return weekly;
    }

    public static long person(String token, long store, String name, long item, List<String> intervals) {
        return Api.create(
                token,
                "/api/store/" + store + "/booking/staff",
                Map.of("name", name, "title", "Therapist", "itemIds", List.of(item), "weekly", everyDay(intervals)));
    }

    public static Response slots(String appid, long store, long item, LocalDate day) {
        return io.restassured.RestAssured.given()
                .queryParam("date", day.toString())
                .get("/api/shop/" + appid + "/stores/" + store + "/service-items/" + item + "/slots");
    }

    public static Response book(String appid, String member, long store, long item, Object startsAt) {
        return Api.as(member)
                .body(Map.of("storeId", store, "itemId", item, "startsAt", startsAt.toString()))
                .post("/api/shop/" + appid + "/appointments");
    }

    public static void policy(String admin, Map<String, Object> changes) {
        Map<String, Object> policy = new HashMap<>(Api.as(admin)
                .get("/api/hq/booking/policy")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class));
        policy.putAll(changes);
        Api.as(admin).body(policy).put("/api/hq/booking/policy").then().statusCode(200);
    }
}
