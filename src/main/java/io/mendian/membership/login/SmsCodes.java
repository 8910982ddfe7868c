package io.mendian.membership.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.tenancy.RedisKeys;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * One-time SMS codes for H5 sign-in, kept in Redis per brand and phone (only a hash of the code): valid five minutes
 * and once; one per minute and ten a day per phone; five wrong tries lock the phone out for fifteen minutes. Every key
 * expires, and none is written before the caller passed the per-address rate limit.
 */
@ApplicationScoped
public class SmsCodes {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final Duration COOLDOWN = Duration.ofSeconds(60);
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    static final int PER_DAY = 10;
    static final int TRIES = 5;

    /** Returns 1 on a match (the code is gone), 0 when missing or expired, or -n after the n-th wrong try. */
    private static final String CHECK = """
            local want = redis.call('HGET', KEYS[1], 'h')
            if not want then return 0 end
            if want == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
            local tries = redis.call('HINCRBY', KEYS[1], 'n', 1)
            if tries >= tonumber(ARGV[2]) then
              redis.call('DEL', KEYS[1])
              redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
            end
            return -tries
            """;

    /** Replaces the phone's code, with its expiry in the same step (no code key without a TTL). */
    private static final String STORE = """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'h', ARGV[1], 'n', '0')
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisDataSource redis;
    private final TenantContext tenant;
    private final SmsChannel channel;

    public SmsCodes(RedisDataSource redis, TenantContext tenant, SandboxSms channel) {
        this.redis = redis;
        this.tenant = tenant;
        this.channel = channel;
    }

    /** Sends a new code to the phone; 429 with retryAfterSeconds when it is too soon, too many today, or locked. */
    public void send(String appid, String phone) {
        requireNotLocked(phone);
        var cool = redis.execute("SET", key(phone, "cool"), "1", "NX", "PX", String.valueOf(COOLDOWN.toMillis()));
        if (cool == null) {
            long left = Math.max(1, redis.key().pttl(key(phone, "cool")) / 1000);
            throw tooMany("sms-too-soon", "a code was sent less than a minute ago; try again in " + left + " s", left);
        }
        String day = key(phone, "day", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        // The counter exists with its expiry before it is counted (INCR keeps a key's TTL): none outlives its day.
        redis.execute(
                "SET", day, "0", "NX", "EX", String.valueOf(Duration.ofDays(1).toSeconds()));
        long today = redis.value(Long.class).incr(day);
        if (today > PER_DAY) {
            throw tooMany("sms-daily-limit", "at most " + PER_DAY + " codes a day to one phone; try tomorrow", 3600);
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        redis.execute("EVAL", STORE, "1", key(phone, "code"), hash(phone, code), String.valueOf(LIFETIME.toMillis()));
        channel.send(appid, phone, "【门店】验证码 " + code + "，5 分钟内有效。请勿告诉他人。");
    }

    /** Accepts the code once, or refuses: 400 invalid-sms-code (with attemptsLeft) or sms-code-expired, 429 locked. */
    public void verify(String phone, String code) {
        requireNotLocked(phone);
        long answer = redis.execute(
                        "EVAL",
                        CHECK,
                        "2",
                        key(phone, "code"),
                        key(phone, "lock"),
                        hash(phone, code),
                        String.valueOf(TRIES),
                        String.valueOf(LOCKOUT.toMillis()))
                .toLong();
        if (answer == 1) {
            return;
        }
        if (answer == 0) {
            throw ProblemException.badRequest(
                    "sms-code-expired", "the code has expired or was used; ask for a new one");
        }
        long tries = -answer;
        if (tries >= TRIES) {
            throw locked();
        }
        throw ProblemException.badRequest(
                        "invalid-sms-code", "the code is not right; " + (TRIES - tries) + " tries left")
                .with("attemptsLeft", TRIES - tries);
    }

    private void requireNotLocked(String phone) {
        if (redis.key().exists(key(phone, "lock"))) {
            throw locked();
        }
    }

    private static ProblemException locked() {
        return tooMany(
                "sms-locked", "too many wrong codes; this phone can try again in 15 minutes", LOCKOUT.toSeconds());
    }

    private static ProblemException tooMany(String slug, String detail, long retryAfter) {
        return new ProblemException(
                Problem.of(429, slug, "Too many tries", detail).with("retryAfterSeconds", retryAfter));
    }

    private String key(String phone, String... parts) {
        String[] all = new String[parts.length + 2];
        all[0] = "sms";
        all[1] = phone;
        System.arraycopy(parts, 0, all, 2, parts.length);
        return RedisKeys.tenant(tenant.require(), all);
    }

    private static String hash(String phone, String code) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest((phone + ":" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
