package io.mendian.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.platform.miniapp.TokenStore;
import io.mendian.wechat.OpenPlatformApi;
import io.mendian.wechat.WxApiException;
import io.quarkus.logging.Log;

/**
 * Subscription messages (订阅消息) to a brand's customers, through the platform's authorization of the brand's
 * mini-program. A user who has not accepted the template (or used up an acceptance) is not an error but an outcome:
 * WeChat answers 43101 and the caller records that the customer was not told.
 */
@ApplicationScoped
public class WeChatMessages {

    /** What happened to one message. */
    public enum Outcome {
        SENT,
        NOT_SUBSCRIBED,
        NO_AUTHORIZED_MINI_PROGRAM,
        FAILED;

        /**
         * The outcome in words for a timeline, e.g. {@code words("customer", "told", "order messages")}: "the customer
         * was told by WeChat message", "not told: the customer has not allowed order messages" …
         */
        public String words(String who, String verb, String what) {
            return switch (this) {
                case SENT -> "the " + who + " was " + verb + " by WeChat message";
                case NOT_SUBSCRIBED -> "not " + verb + ": the " + who + " has not allowed " + what;
                case NO_AUTHORIZED_MINI_PROGRAM -> "not " + verb + ": the brand's mini-program is not authorized";
                case FAILED -> "not " + verb + ": WeChat refused the message";
            };
        }
    }

    private final OpenPlatformApi api;
    private final TokenStore tokens;
    private final String readyTemplate;
    private final String reminderTemplate;
    private final String seatTemplate;

    public WeChatMessages(
            OpenPlatformApi api,
            TokenStore tokens,
            @ConfigProperty(name = "mendian.wechat.templates.order-ready", defaultValue = "ORDER_READY_SANDBOX")
                    String readyTemplate,
            @ConfigProperty(
                            name = "mendian.wechat.templates.appointment-reminder",
                            defaultValue = "APPOINTMENT_REMINDER_SANDBOX")
                    String reminderTemplate,
            @ConfigProperty(name = "mendian.wechat.templates.seat-offered", defaultValue = "SEAT_OFFERED_SANDBOX")
                    String seatTemplate) {
        this.api = api;
        this.tokens = tokens;
        this.readyTemplate = readyTemplate;
        this.reminderTemplate = reminderTemplate;
        this.seatTemplate = seatTemplate;
    }

    /** The templates this deployment sends, by the moment each serves. */
    public record Templates(String orderReady, String appointmentReminder, String seatOffered) {}

    public Templates templates() {
        return new Templates(readyTemplate, reminderTemplate, seatTemplate);
    }

    /**
     * "A seat came free for you": the course, the store, and until when the seat is kept unpaid (or the first session,
     * for a free course), opening the enrolment.
     */
    public Outcome seatOffered(
            String appid, String openid, long enrolmentId, String course, String store, String until, boolean toPay) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("thing1", Map.of("value", clip(course)));
        data.put("thing2", Map.of("value", clip(store)));
        data.put("time3", Map.of("value", until));
        data.put("phrase4", Map.of("value", toPay ? "待付款" : "候补成功"));
        return send(appid, message(openid, seatTemplate, "pages/class/index?id=" + enrolmentId, data));
    }

    private static Map<String, Object> message(String openid, String template, String page, Map<String, Object> data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("touser", openid);
        message.put("template_id", template);
        message.put("page", page);
        message.put("miniprogram_state", "formal");
        message.put("lang", "zh_CN");
        message.put("data", data);
        return message;
    }

    /** "Your appointment is coming": the item, the store, the start on the store's clock, opening the appointment. */
    public Outcome appointmentReminder(
            String appid, String openid, long appointmentId, String item, String store, String start) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("thing1", Map.of("value", clip(item)));
        data.put("thing2", Map.of("value", clip(store)));
        data.put("time3", Map.of("value", start));
        data.put("phrase4", Map.of("value", "即将开始"));
        return send(appid, message(openid, reminderTemplate, "pages/appointment/index?id=" + appointmentId, data));
    }

    /** WeChat's "thing" fields hold at most 20 characters. */
    private static String clip(String text) {
        return text.length() > 20 ? text.substring(0, 20) : text;
    }

    /** "Your order is ready": order number, store, pickup code, opening the order's page in the mini-program. */
    public Outcome orderReady(String appid, String openid, String orderNo, String store, String pickupCode) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("character_string1", Map.of("value", orderNo));
        data.put("thing2", Map.of("value", clip(store)));
        data.put("character_string3", Map.of("value", pickupCode == null ? "-" : pickupCode));
        data.put("phrase4", Map.of("value", "待取餐"));
        return send(appid, message(openid, readyTemplate, "pages/order/index?no=" + orderNo, data));
    }

    private Outcome send(String appid, Map<String, Object> message) {
        String token;
        try {
            token = tokens.authorizerToken(appid);
        } catch (RuntimeException e) {
            return Outcome.NO_AUTHORIZED_MINI_PROGRAM;
        }
        if (token == null) {
            return Outcome.NO_AUTHORIZED_MINI_PROGRAM;
        }
        try {
            api.subscribeSend(token, message);
            return Outcome.SENT;
        } catch (WxApiException e) {
            if (e.errcode() == 43101) {
                return Outcome.NOT_SUBSCRIBED;
            }
            Log.warnf("subscription message to %s failed: %s", appid, e.getMessage());
            return Outcome.FAILED;
        }
    }
}
