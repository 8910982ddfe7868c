package io.mendian.promotion.flash;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.tenancy.RedisKeys;
import io.mendian.tenancy.TenantId;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The flash sale's gate in Redis: units left and units per member, taken by one Lua script so that of thousands of
 * simultaneous attempts only as many as there are units go on to the database. Redis is never the ledger: the gate is
 * a cache of {@code flash_sale} and {@code flash_sale_claim}, rebuilt from them when its keys are missing (flushed,
 * evicted, never built), and the database's conditional UPDATE refuses whatever a stale gate lets through. Its keys
 * exist only for sales that exist and expire an hour after the sale ends.
 */
@ApplicationScoped
public class FlashGate {

    /** Verdicts of {@link #take}. */
    public enum Verdict {
        TAKEN,
        MISSING,
        SOLD_OUT,
        LIMIT
    }

    private static final String TAKE = """
            local left = redis.call('GET', KEYS[1])
            if not left then return -1 end
            local qty = tonumber(ARGV[1])
            if tonumber(left) < qty then return -2 end
            local mine = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
            if mine + qty > tonumber(ARGV[3]) then return -3 end
            redis.call('DECRBY', KEYS[1], qty)
            redis.call('HINCRBY', KEYS[2], ARGV[2], qty)
            redis.call('PEXPIREAT', KEYS[2], ARGV[4])
            return tonumber(left) - qty
            """;

    /** What TAKE would answer, changing nothing: 0 it would take, -1 missing, -2 sold out, -3 over the limit. */
    private static final String PEEK = """
            local left = redis.call('GET', KEYS[1])
            if not left then return -1 end
            local qty = tonumber(ARGV[1])
            if tonumber(left) < qty then return -2 end
            local mine = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
            if mine + qty > tonumber(ARGV[3]) then return -3 end
            return 0
            """;

    private static final String GIVE_BACK = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('INCRBY', KEYS[1], ARGV[1])
            if redis.call('HINCRBY', KEYS[2], ARGV[2], -tonumber(ARGV[1])) <= 0 then redis.call('HDEL', KEYS[2], ARGV[2]) end
            return 1
            """;

    /** Builds the gate only if no one did meanwhile (another instance may have rebuilt it first). */
    private static final String BUILD = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('PEXPIREAT', KEYS[1], ARGV[2])
            redis.call('DEL', KEYS[2])
            for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
            if #ARGV > 2 then redis.call('PEXPIREAT', KEYS[2], ARGV[2]) end
            return 1
            """;

    private final RedisDataSource redis;

    public FlashGate(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Takes {@code quantity} units for the member, or says why not; MISSING means the gate must be built first. */
    public Verdict take(TenantId brand, long saleId, long memberId, int quantity, int perMemberLimit, Instant endsAt) {
        long reply = redis.execute(
                        "EVAL",
                        TAKE,
                        "2",
                        left(brand, saleId),
                        members(brand, saleId),
                        String.valueOf(quantity),
                        String.valueOf(memberId),
                        String.valueOf(perMemberLimit),
                        String.valueOf(expiry(endsAt)))
                .toLong();
        if (reply >= 0) {
            return Verdict.TAKEN;
        }
        return reply == -1 ? Verdict.MISSING : reply == -2 ? Verdict.SOLD_OUT : Verdict.LIMIT;
    }

    /**
     * Whether {@link #take} would take the units now, without taking them: lets a crowd of losers be refused before
     * they cost a transaction. Redis errors answer TAKEN (the real attempt then decides).
     */
    public Verdict peek(TenantId brand, long saleId, long memberId, int quantity, int perMemberLimit) {
        try {
            long reply = redis.execute(
                            "EVAL",
                            PEEK,
                            "2",
                            left(brand, saleId),
                            members(brand, saleId),
                            String.valueOf(quantity),
                            String.valueOf(memberId),
                            String.valueOf(perMemberLimit))
                    .toLong();
            return reply == 0
                    ? Verdict.TAKEN
                    : reply == -1 ? Verdict.MISSING : reply == -2 ? Verdict.SOLD_OUT : Verdict.LIMIT;
        } catch (RuntimeException e) {
            return Verdict.TAKEN;
        }
    }

    /** Units taken by an attempt that did not become an order go back (nothing happens if the gate is gone). */
    public void giveBack(TenantId brand, long saleId, long memberId, int quantity) {
        try {
            redis.execute(
                    "EVAL",
                    GIVE_BACK,
                    "2",
                    left(brand, saleId),
                    members(brand, saleId),
                    String.valueOf(quantity),
                    String.valueOf(memberId));
        } catch (RuntimeException e) {
            // The database still counts right; the gate may refuse a unit it could sell until it is rebuilt.
            Log.warnf("flash gate %d: could not give back %d units (%s)", saleId, quantity, e.getMessage());
        }
    }

    /** Builds the gate from the database's count: units left, and what each member holds. */
    public void build(TenantId brand, long saleId, int left, Map<Long, Integer> held, Instant endsAt) {
        List<String> args = new ArrayList<>(
                List.of("EVAL", BUILD, "2", left(brand, saleId), members(brand, saleId), String.valueOf(left)));
        args.add(String.valueOf(expiry(endsAt)));
        held.forEach((member, units) -> {
            args.add(String.valueOf(member));
            args.add(String.valueOf(units));
        });
        redis.execute(args.getFirst(), args.subList(1, args.size()).toArray(String[]::new));
    }

    /** Forgets the gate, so that the next attempt rebuilds it from the database. */
    public void forget(TenantId brand, long saleId) {
        try {
            redis.key().del(left(brand, saleId), members(brand, saleId));
        } catch (RuntimeException e) {
            Log.warnf("flash gate %d: could not reset (%s)", saleId, e.getMessage());
        }
    }

    /** Units left by the gate's count, or null when it is not built (or Redis is not answering). */
    public Integer count(TenantId brand, long saleId) {
        try {
            String value = redis.value(String.class).get(left(brand, saleId));
            return value == null ? null : Math.max(0, Integer.parseInt(value));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long expiry(Instant endsAt) {
        return endsAt.plus(Duration.ofHours(1)).toEpochMilli();
    }

    private static String left(TenantId brand, long saleId) {
        return RedisKeys.tenant(brand, "flash", String.valueOf(saleId), "left");
    }

    private static String members(TenantId brand, long saleId) {
        return RedisKeys.tenant(brand, "flash", String.valueOf(saleId), "members");
    }
}
