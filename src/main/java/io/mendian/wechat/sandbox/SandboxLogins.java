package io.mendian.wechat.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mendian.wechat.WxApiException;

/**
 * {@code wx.login()} and {@code sns/component/jscode2session} as WeChat runs them: a code is valid for five minutes
 * and once (40029 invalid, 40163 used), belongs to one mini-program (61003 when asked through a component the app
 * never authorized, here: any appid the code was not issued for), and resolves to a stable openid per (appid, user).
 */
@ApplicationScoped
class SandboxLogins {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Code(String appid, String user, Instant issuedAt) {}

    /** Bounded: the sandbox is a test double, but it still must not grow without bound under a load test. */
    private final Cache<String, Code> codes = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(CODE_LIFETIME.multipliedBy(2))
            .build();

    private final Cache<String, Boolean> used = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(CODE_LIFETIME.multipliedBy(2))
            .build();

    /** What {@code wx.login()} gives the mini-program running as {@code user}. */
    String issue(String appid, String user) {
        String code = newCode("0");
        codes.put(code, new Code(appid, user, Instant.now()));
        return code;
    }

    /** A random 32-character code starting with the prefix (WeChat's codes look like this). */
    private static String newCode(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes).substring(0, 31);
    }

    Map<String, Object> session(String appid, String jsCode) {
        Code code = jsCode == null ? null : codes.getIfPresent(jsCode);
        if (code == null || Instant.now().isAfter(code.issuedAt().plus(CODE_LIFETIME))) {
            throw new WxApiException(40029, "invalid code");
        }
        if (!code.appid().equals(appid)) {
            throw new WxApiException(61003, "component is not authorized by this account");
        }
        if (used.asMap().putIfAbsent(jsCode, Boolean.TRUE) != null) {
            throw new WxApiException(40163, "code been used");
        }
        return Map.of(
                "openid", openid(appid, code.user()),
                "session_key", Base64.getEncoder().encodeToString(digest("session:" + jsCode, 16)));
    }

    private record PhoneCode(String appid, String phone, Instant issuedAt) {}

    private final Cache<String, PhoneCode> phoneCodes = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(CODE_LIFETIME.multipliedBy(2))
            .build();

    /** What the mini-program's getPhoneNumber button gives when the user agrees to share {@code phone}. */
    String issuePhoneCode(String appid, String phone) {
        String code = newCode("p");
        phoneCodes.put(code, new PhoneCode(appid, phone, Instant.now()));
        return code;
    }

    /** {@code wxa/business/getuserphonenumber}: the phone behind a single-use code, for the mini-program it was issued to. */
    Map<String, Object> phoneNumber(String appid, String phoneCode) {
        PhoneCode code = phoneCode == null ? null : phoneCodes.getIfPresent(phoneCode);
        if (code == null
                || !code.appid().equals(appid)
                || Instant.now().isAfter(code.issuedAt().plus(CODE_LIFETIME))) {
            throw new WxApiException(40029, "invalid code");
        }
        if (used.asMap().putIfAbsent(phoneCode, Boolean.TRUE) != null) {
            throw new WxApiException(40163, "code been used");
        }
        return Map.of(
                "errcode",
                0,
                "errmsg",
                "ok",
                "phone_info",
                Map.of(
                        "phoneNumber",
                        "+86 " + code.phone(),
                        "purePhoneNumber",
                        code.phone(),
                        "countryCode",
                        "86",
                        "watermark",
                        Map.of("timestamp", Instant.now().getEpochSecond(), "appid", appid)));
    }

    static String openid(String appid, String user) {
        return "o"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(digest(appid + ":" + user, 20))
                        .substring(0, 27);
    }

    private static byte[] digest(String value, int length) {
        try {
            byte[] full = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(full, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
