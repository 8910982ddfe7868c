package io.mendian.wechat.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.wechat.WeChatEndpoints;
import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.WxCrypto;
import io.mendian.wechat.WxXml;
import io.quarkus.logging.Log;

/**
 * Delivers pushes the way WeChat does: the XML message encrypted with the component's key, wrapped in
 * {@code <xml><AppId|ToUserName/><Encrypt/></xml>}, signed in the query string, POSTed to the platform's URLs.
 */
@ApplicationScoped
public class SandboxPusher {

    /** The platform's authorization-event URL (tickets, authorized/unauthorized). */
    public static final String AUTH_EVENTS = "/wechat/open/notify/auth";
    /** The platform's message-and-event URL, per authorizer appid (audit results). */
    public static final String APP_EVENTS = "/wechat/open/notify/apps/";

    private final WeChatSettings settings;
    private final WxCrypto crypto;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public SandboxPusher(WeChatSettings settings) {
        this.settings = settings;
        this.crypto = WxCrypto.of(settings.component());
    }

    /** Pushes an authorization event; true when the platform answered "success". */
    public boolean pushAuthEvent(Map<String, Object> fields) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("AppId", settings.component().appid());
        message.put("CreateTime", Instant.now().getEpochSecond());
        message.putAll(fields);
        return push(AUTH_EVENTS, "AppId", settings.component().appid(), WxXml.write(message));
    }

    /** Pushes an event about one authorized mini-program (its original id is ToUserName). */
    public boolean pushAppEvent(String appid, Map<String, Object> fields) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ToUserName", originalId(appid));
        message.put("FromUserName", "o" + appid);
        message.put("CreateTime", Instant.now().getEpochSecond());
        message.put("MsgType", "event");
        message.putAll(fields);
        // WeChat pushes again, up to three times, when the receiver does not answer "success".
        for (int attempt = 0; attempt < 3; attempt++) {
            if (push(APP_EVENTS + appid, "ToUserName", originalId(appid), WxXml.write(message))) {
                return true;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    public static String originalId(String appid) {
        return "gh_" + appid.substring(2, 14);
    }

    private boolean push(String path, String outerKey, String outerValue, String plaintext) {
        String encrypted = crypto.encrypt(plaintext);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = WxCrypto.nonce();
        String body = WxXml.write(Map.of(outerKey, outerValue, "Encrypt", encrypted));
        String query = "?timestamp=" + timestamp + "&nonce=" + nonce + "&encrypt_type=aes&msg_signature="
                + URLEncoder.encode(crypto.signature(timestamp, nonce, encrypted), StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(WeChatEndpoints.local() + path + query))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "text/xml")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean ok = response.statusCode() == 200
                    && "success".equals(response.body().strip());
            if (!ok) {
                Log.warnf("sandbox push to %s answered %d %s", path, response.statusCode(), response.body());
            }
            return ok;
        } catch (Exception e) {
            Log.debugf("sandbox push to %s failed: %s", path, e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
