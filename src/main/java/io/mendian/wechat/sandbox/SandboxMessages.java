package io.mendian.wechat.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.wechat.WxApiException;

/**
 * One-time subscription messages as WeChat handles them: each time a user taps "allow" in
 * {@code wx.requestSubscribeMessage} they may receive one message of that template; without an unused acceptance the
 * send fails with 43101. Values are checked like WeChat checks them (47003 names the field). Bounded in memory.
 */
@ApplicationScoped
class SandboxMessages {

    private static final int KEPT = 1000;

    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Map<String, Object>> sent = new ConcurrentLinkedDeque<>();

    /** The user tapped "allow" for the template once. */
    void accept(String appid, String user, String template) {
        if (accepted.size() < 100_000) {
            accepted.computeIfAbsent(key(appid, SandboxLogins.openid(appid, user), template), k -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    Map<String, Object> send(String appid, JsonNode message) {
        String openid = message.path("touser").asText();
        String template = message.path("template_id").asText();
        if (openid.isEmpty()) {
            throw new WxApiException(40003, "invalid openid");
        }
        if (template.isEmpty()) {
            throw new WxApiException(40037, "invalid template_id");
        }
        message.path("data").fields().forEachRemaining(field -> {
            String value = field.getValue().path("value").asText();
            String name = field.getKey();
            boolean ok = name.startsWith("thing")
                    ? value.length() <= 20
                    : name.startsWith("character_string")
                            ? value.length() <= 32
                            : name.startsWith("phrase") ? value.length() <= 5 : true;
            if (!ok) {
                throw new WxApiException(47003, "argument invalid! data." + name + ".value invalid");
            }
        });
        AtomicInteger left = accepted.get(key(appid, openid, template));
        if (left == null || left.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
            throw new WxApiException(43101, "user refuse to accept the msg");
        }
        sent.addFirst(Map.of("appid", appid, "touser", openid, "template_id", template, "data", message.path("data")));
        while (sent.size() > KEPT) {
            sent.pollLast();
        }
        return Map.of("msgid", System.nanoTime());
    }

    /** The messages a user of the mini-program received, newest first. */
    List<Map<String, Object>> received(String appid, String user) {
        String openid = SandboxLogins.openid(appid, user);
        List<Map<String, Object>> mine = new ArrayList<>();
        for (Map<String, Object> m : sent) {
            if (appid.equals(m.get("appid")) && openid.equals(m.get("touser"))) {
                mine.add(m);
            }
        }
        return mine;
    }

    private static String key(String appid, String openid, String template) {
        return appid + "|" + openid + "|" + template;
    }
}
