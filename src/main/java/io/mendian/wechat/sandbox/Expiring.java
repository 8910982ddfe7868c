package io.mendian.wechat.sandbox;

import java.time.Instant;
import java.util.Map;

import io.mendian.wechat.WxApiException;

/**
 * A credential the sandbox issued (a token or a code), who it was issued to, and until when it works. Its own type
 * because both {@link SandboxComponent} and {@link SandboxAuthorizations} issue tokens and must reject a wrong or
 * stale one with the same errcodes WeChat uses.
 */
record Expiring(String subject, Instant expiresAt) {

    boolean live() {
        return Instant.now().isBefore(expiresAt);
    }

    /** The live credential {@code token} in {@code issued}, or WeChat's 40001 (unknown) or 42001 (expired). */
    static Expiring live(Map<String, Expiring> issued, String token) {
        Expiring found = token == null ? null : issued.get(token);
        if (found == null) {
            throw new WxApiException(40001, "invalid credential, access_token is invalid or not latest");
        }
        if (!found.live()) {
            throw new WxApiException(42001, "access_token expired");
        }
        return found;
    }
}
