package io.mendian.platform.miniapp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.tenancy.RedisKeys;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * A signed WeChat push is still only trusted once: its timestamp must be within the window (a captured push cannot be
 * replayed next week, say an old "unauthorized" after the brand authorized again), and a push already handled inside
 * the window is acknowledged without being handled again. WeChat itself re-sends a push it got no "success" for,
 * so a push is remembered only after it was handled; its memory lives as long as the window.
 *
 * <p>Only pushes whose signature and encryption verified get here, so nobody else can create these Redis keys.
 */
@ApplicationScoped
public class PushReplayGuard {

    private final RedisDataSource redis;
    private final Duration window;

    PushReplayGuard(
            RedisDataSource redis,
            @ConfigProperty(name = "mendian.wechat.push-window", defaultValue = "5M") Duration window) {
        this.redis = redis;
        this.window = window;
    }

    /** Throws 401 for a stale or future timestamp. */
    public void requireFresh(String timestamp, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException | NullPointerException e) {
            throw rejected("the push has no valid timestamp");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > window.toSeconds()) {
            throw rejected("the push's timestamp is outside the " + window.toMinutes() + "-minute window");
        }
    }

    /** Whether a push with this timestamp and nonce was already handled on this channel (WeChat's retries repeat both). */
    public boolean alreadyHandled(String channel, String timestamp, String nonce, String signature) {
        try {
            return redis.key().exists(key(channel, timestamp, nonce, signature));
        } catch (RuntimeException e) {
            Log.warnf("push replay memory unavailable (%s); the timestamp window still applies", e.getMessage());
            return false;
        }
    }

    public void handled(String channel, String timestamp, String nonce, String signature) {
        try {
            redis.value(String.class)
                    .setex(key(channel, timestamp, nonce, signature), window.toSeconds() * 2 + 60, "1");
        } catch (RuntimeException e) {
            Log.warnf("could not remember a handled push (%s)", e.getMessage());
        }
    }

    private static String key(String channel, String timestamp, String nonce, String signature) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((channel + "|" + timestamp + "|" + nonce).getBytes(StandardCharsets.UTF_8));
            return RedisKeys.platform("wx-push", HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException rejected(String why) {
        Log.warnf("rejected a WeChat push: %s", why);
        return new ProblemException(Problem.of(401, "stale-push", "Unauthorized", why));
    }
}
