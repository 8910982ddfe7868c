package io.mendian.membership.card;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.messaging.AfterCommit;
import io.mendian.privacy.PiiVault;
import io.mendian.tenancy.RedisKeys;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.ProblemException;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The dynamic member code (S5) a member shows at the counter: {@code M<memberId>-<minute>-<signature>}, the signature
 * a brand-bound HMAC (the PII index key with its own purpose), so that no one can make a code for someone else. A code
 * names a minute and is accepted for that minute and the next (it rotates every 60 s on the phone). Looking a member
 * up is repeatable; a change made with a code spends it for that kind of change (one points adjustment, one coupon),
 * so a screenshot cannot be replayed.
 */
@ApplicationScoped
public class MemberCodes {

    static final Duration ROTATION = Duration.ofSeconds(60);
    private static final Pattern FORMAT = Pattern.compile("^M([0-9]{1,18})-([0-9]{1,12})-([0-9a-f]{20})$");

    /** A code and when it stops being accepted. */
    public record Code(String code, Instant refreshAt, Instant expiresAt) {}

    private final AfterCommit afterCommit;
    private final PiiVault vault;
    private final RedisDataSource redis;
    private final TenantContext tenant;

    public MemberCodes(PiiVault vault, RedisDataSource redis, TenantContext tenant, AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
        this.vault = vault;
        this.redis = redis;
        this.tenant = tenant;
    }

    public Code issue(long memberId) {
        long minute = Instant.now().getEpochSecond() / ROTATION.toSeconds();
        return new Code(
                "M" + memberId + "-" + minute + "-" + sign(memberId, minute),
                Instant.ofEpochSecond((minute + 1) * ROTATION.toSeconds()),
                Instant.ofEpochSecond((minute + 2) * ROTATION.toSeconds()));
    }

    /** The member a code names: 400 invalid-member-code (forged, or another brand's), 410 member-code-expired. */
    public long memberOf(String code) {
        Matcher m = code == null ? null : FORMAT.matcher(code.strip());
        if (m == null || !m.matches()) {
            throw ProblemException.badRequest(
                    "invalid-member-code", "not a member code; ask the member to show it again");
        }
        long memberId = Long.parseLong(m.group(1));
        long minute = Long.parseLong(m.group(2));
        if (!java.security.MessageDigest.isEqual(
                sign(memberId, minute).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                m.group(3).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw ProblemException.badRequest("invalid-member-code", "not a member code of this brand");
        }
        long now = Instant.now().getEpochSecond() / ROTATION.toSeconds();
        if (minute < now - 1 || minute > now + 1) {
            throw new ProblemException(io.mendian.web.Problem.of(
                    410, "member-code-expired", "Code expired", "the code has changed; scan the member's new code"));
        }
        return memberId;
    }

    /**
     * The member a code names, spending the code: a second change with it is 409 member-code-used. Call it inside the
     * change's transaction: if the change rolls back, the code is not spent.
     */
    public long spend(String code, String purpose) {
        long memberId = memberOf(code);
        String key = RedisKeys.tenant(tenant.require(), "member-code", "used", purpose, code.strip());
        var fresh = redis.execute(
                "SET",
                key,
                "1",
                "NX",
                "PX",
                String.valueOf(ROTATION.multipliedBy(3).toMillis()));
        if (fresh == null) {
            throw ProblemException.conflict(
                    "member-code-used", "this code was already used; scan the member's new code");
        }
        afterCommit.onRollback(() -> redis.key().del(key));
        return memberId;
    }

    private String sign(long memberId, long minute) {
        return vault.index(memberId + ":" + minute, "member-code").substring(0, 20);
    }
}
