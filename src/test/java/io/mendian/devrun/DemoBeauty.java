package io.mendian.devrun;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A second demo brand, a beauty salon chain started from the beauty template, so that booking (C8) has something to
 * show from every side: priced service items, people with weekly shifts and a day off, members' bookings for
 * tomorrow (one waiting for confirmation), and today's walk-in already at the store.
 */
final class DemoBeauty {

    /** Signs a staff e-mail in with the demo password (setting it first). */
    interface Login {
        String token(String email) throws Exception;
    }

    static final String SLUG = "demo-beauty";
    static final String ADMIN = "admin@beauty.mendian.local";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Map<String, Object> HOURS = Map.of(
            "weekly",
            Map.of(
                    "MONDAY", List.of("10:00-21:00"),
                    "TUESDAY", List.of("10:00-21:00"),
                    "WEDNESDAY", List.of("10:00-21:00"),
                    "THURSDAY", List.of("10:00-21:00"),
                    "FRIDAY", List.of("10:00-21:00"),
                    "SATURDAY", List.of("10:00-22:00"),
                    "SUNDAY", List.of("10:00-22:00")));

    private final DemoOrders.Api api;
    private final Login login;

    DemoBeauty(DemoOrders.Api api, Login login) {
        this.api = api;
        this.login = login;
    }

    /** Seeds the brand and returns the banner's lines. */
    String seed() throws Exception {
        JsonNode job = api.send(
                "POST",
                "/api/signup",
                null,
                Map.of(
                        "brandName", "Mendian Demo Beauty",
                        "slug", SLUG,
                        "adminEmail", ADMIN,
                        "industry", "beauty",
                        "plan", "pro"));
        JsonNode done = job;
        for (int i = 0; i < 600 && !"SUCCEEDED".equals(done.path("status").asText()); i++) {
            Thread.sleep(250);
            done = api.send("GET", "/api/signup/" + job.path("id").asText(), null, null);
            if ("FAILED".equals(done.path("status").asText())) {
                throw new IllegalStateException("demo beauty signup failed: " + done);
            }
        }
        String appid = done.path("result").path("appid").asText();
        String admin = login.token(ADMIN);
        long jingan = store(admin, "BJ-001", "Beauty Jing'an", "31.224100", "121.446500");
        long xuhui = store(admin, "BJ-002", "Beauty Xujiahui", "31.195100", "121.437500");

        // The template's items, priced by HQ, and one more: a massage bed room that needs no person to book.
        Map<String, Long> items = new HashMap<>();
        for (JsonNode item :
                api.send("GET", "/api/hq/booking/items", admin, null).path("items")) {
            items.put(item.path("code").asText(), item.path("id").asLong());
        }
        price(admin, items.get("FACIAL"), "FACIAL", "Facial treatment 深层补水护理", 60, 19_800);
        price(admin, items.get("HAIRCUT"), "HAIRCUT", "Haircut 洗剪吹", 45, 8_800);
        long spa = api.send("POST", "/api/hq/booking/items", admin, item("SPA", "Spa room 芳香水疗房", 90, 26_800, 2, false))
                .path("id")
                .asLong();

        // Paid online when booked (C8 "confirmed when paid"): the payment confirms the booking.
        Map<String, Object> peel = new HashMap<>(item("PEEL", "Deep cleanse 深层清洁（在线支付）", 60, 15_800, 1, false));
        peel.put("prepay", true);
        api.send("POST", "/api/hq/booking/items", admin, peel);

        List<String> days = List.of("09:30-12:30", "13:30-19:00");
        long lin = person(admin, jingan, "林美", "Senior therapist", List.of(items.get("FACIAL")), days);
        person(admin, jingan, "陈静", "Therapist", List.of(items.get("FACIAL"), items.get("HAIRCUT")), days);
        person(admin, jingan, "Tony", "Stylist", List.of(items.get("HAIRCUT")), List.of("11:00-20:00"));
        person(admin, xuhui, "王芳", "Therapist", List.of(items.get("FACIAL"), items.get("HAIRCUT")), days);
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        api.send(
                "PUT",
                "/api/store/" + jingan + "/booking/staff/" + lin + "/exceptions/" + tomorrow.plusDays(1),
                admin,
                Map.of("intervals", List.of(), "note", "annual leave"));

        // Members book tomorrow at Jing'an; one has not confirmed yet (her hold shows as waiting, then lapses).
        record Booking(String member, long item, String time, boolean confirm) {}
        for (Booking b : List.of(
                new Booking("alice", items.get("FACIAL"), "10:00", true),
                new Booking("bob", items.get("HAIRCUT"), "14:00", true),
                new Booking("carol", spa, "15:00", true),
                new Booking("dave", items.get("FACIAL"), "16:00", false))) {
            String me = member(appid, b.member());
            String startsAt = tomorrow.atTime(java.time.LocalTime.parse(b.time()))
                    .atZone(SHANGHAI)
                    .toInstant()
                    .toString();
            long id = api.send(
                            "POST",
                            "/api/shop/" + appid + "/appointments",
                            me,
                            Map.of("storeId", jingan, "itemId", b.item(), "startsAt", startsAt))
                    .path("id")
                    .asLong();
            if (b.confirm()) {
                api.send("POST", "/api/shop/" + appid + "/appointments/" + id + "/confirm", me, null);
            }
        }
        // Today's walk-in, here now.
        api.send(
                "POST",
                "/api/store/" + jingan + "/appointments",
                admin,
                Map.of("itemId", spa, "contactName", "李女士", "checkIn", true));
        String course = course(admin, appid, xuhui, items.get("FACIAL"));
        return String.join(
                "\n",
                " Booking (a second demo brand, \"" + SLUG + "\", a beauty salon chain):",
                "   HQ admin " + ADMIN + " → 预约服务 (items and policy; 深层清洁 is paid online when booked); store console"
                        + " → 预约 / 服务人员与排班",
                course,
                "   Storefront /shop/#/" + appid + "/stores/" + jingan + " → 可预约服务 (book tomorrow; any name signs in)");
    }

    /**
     * A class (C13) at Xujiahui: "瑜伽塑形", twice a week for four weeks with its teacher's time booked, three seats,
     * two paid by members and one held by a third who has not paid yet; erin waits for the next seat.
     */
    private String course(String admin, String appid, long store, long facial) throws Exception {
        payments(admin);
        long yoki = person(admin, store, "Yoki", "Yoga teacher", List.of(facial), List.of("09:00-21:30"));
        LocalDate from = LocalDate.now(SHANGHAI).plusDays(1);
        Map<String, Object> course = new HashMap<>(Map.of(
                "code",
                "YOGA-8",
                "name",
                "瑜伽塑形 8 节课",
                "description",
                "小班教学，适合零基础；请穿运动服、自带瑜伽垫。",
                "storeId",
                store,
                "teacherId",
                yoki,
                "priceFen",
                48_000,
                "capacity",
                3,
                "minutes",
                60,
                "refundHours",
                24));
        course.put("lateEnrolment", true); // members may still join once it runs, for the sessions ahead
        course.put(
                "series",
                Map.of(
                        "from",
                        from.toString(),
                        "weekdays",
                        List.of(
                                from.getDayOfWeek().getValue(),
                                from.plusDays(3).getDayOfWeek().getValue()),
                        "at",
                        "19:00",
                        "weeks",
                        4));
        long id = api.send("POST", "/api/hq/courses", admin, course).path("id").asLong();
        api.send("POST", "/api/hq/courses/" + id + "/open", admin, null);
        for (String name : List.of("alice", "bob", "frank")) {
            String me = member(appid, name);
            JsonNode enrolment = api.send("POST", "/api/shop/" + appid + "/enrolments", me, Map.of("courseId", id));
            if (!"frank".equals(name)) {
                String prepay = api.send(
                                "POST",
                                "/api/shop/" + appid + "/orders/"
                                        + enrolment.path("orderNo").asText() + "/payment",
                                me,
                                null)
                        .path("package")
                        .asText()
                        .replace("prepay_id=", "");
                api.send("POST", "/sandbox/wechat/pay/test/prepays/" + prepay + "/pay", null, null);
            }
        }
        api.send("POST", "/api/shop/" + appid + "/courses/" + id + "/waitlist", member(appid, "erin"), null);
        return "   Classes: HQ → 课程 (瑜伽塑形 at BJ-002: 3 seats taken, erin waiting); store console BJ-002 → 课堂; "
                + "storefront /shop/#/" + appid + "/stores/" + store + " → 课程 (full: join the waiting list)";
    }

    /** Tuition is paid online: the brand's WeChat Pay sub-merchant first (the sandbox reviews it in seconds). */
    private void payments(String admin) throws Exception {
        api.send(
                "POST",
                "/api/hq/payment/sub-merchant/applyment",
                admin,
                Map.of(
                        "companyName", "门店示范美业有限公司",
                        "licenseNumber", "91310000MA1K000001",
                        "merchantShortname", "门店美业",
                        "contactName", "李四",
                        "contactPhone", "13800000001",
                        "accountName", "门店示范美业有限公司",
                        "accountBank", "招商银行",
                        "accountNumber", "6225880000000001"));
        for (int i = 0;
                i < 120
                        && !api.send("GET", "/api/hq/payment/sub-merchant", admin, null)
                                .path("canTakePayments")
                                .asBoolean();
                i++) {
            Thread.sleep(500);
        }
    }

    private long store(String token, String code, String name, String lat, String lng) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of(
                "code",
                code,
                "name",
                name,
                "city",
                "Shanghai",
                "address",
                "1 Beauty Rd",
                "status",
                "OPEN",
                "latitude",
                new java.math.BigDecimal(lat),
                "longitude",
                new java.math.BigDecimal(lng),
                "phone",
                "400-820-0001"));
        body.put("hours", HOURS);
        body.put(
                "fulfilment",
                Map.of(
                        "pickup",
                        true,
                        "express",
                        false,
                        "delivery",
                        Map.of("enabled", false, "radiusMeters", 0, "feeFen", 0, "minimumOrderFen", 0)));
        return api.send("POST", "/api/hq/stores", token, body).path("id").asLong();
    }

    private void price(String token, long id, String code, String name, int minutes, long fen) throws Exception {
        api.send("PUT", "/api/hq/booking/items/" + id, token, item(code, name, minutes, fen, 1, true));
    }

    private static Map<String, Object> item(
            String code, String name, int minutes, long fen, int capacity, boolean needsStaff) {
        return Map.of(
                "code", code,
                "name", name,
                "minutes", minutes,
                "priceFen", fen,
                "capacity", capacity,
                "needsStaff", needsStaff);
    }

    private long person(String token, long store, String name, String title, List<Long> items, List<String> hours)
            throws Exception {
        Map<String, Object> weekly = new HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            weekly.put(day, hours);
        }
        return api.send(
                        "POST",
                        "/api/store/" + store + "/booking/staff",
                        token,
                        Map.of("name", name, "title", title, "itemIds", items, "weekly", weekly))
                .path("id")
                .asLong();
    }

    private String member(String appid, String name) throws Exception {
        String code = api.send("POST", "/sandbox/wechat/open/test/apps/" + appid + "/js-codes?user=" + name, null, null)
                .path("code")
                .asText();
        return api.send("POST", "/api/shop/" + appid + "/session", null, Map.of("code", code))
                .path("accessToken")
                .asText();
    }
}
