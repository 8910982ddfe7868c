package io.mendian.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.core.http.HttpServerRequest;

/**
 * Fixed-window rate limits in Redis, checked and counted by one Lua script so that concurrent requests can never
 * both take the last unit. Each limit has a ceiling for everyone together (checked first: once it is reached no
 * per-client key is created at all, so a flood of new addresses cannot grow Redis) and one per client. Every key
 * is created with its expiry in the same script, so none outlives its window.
 *
 * <p>A busy client should not cost a Redis round trip per request (that halved the shop's throughput, see
 * bench/RESULTS.md): each instance leases units from the client's counter and spends them locally. A client's first
 * lease is one unit, and each lease doubles up to a twentieth of the limit, so a client making one request takes one
 * unit of the ceiling while a busy one talks to Redis once per dozens of requests. Units leased and not spent are lost
 * with the window, at most one lease per client and instance.
 *
 * <p>The client is the remote address, which Quarkus replaces by the forwarded one only for requests from the
 * configured trusted proxies ({@code quarkus.http.proxy.*}). IPv6 clients count per /64, the block one subscriber
 * gets, so that rotating addresses inside it does not reset the budget. If Redis is down the request is allowed and
 * the outage logged: limits protect capacity, they are not an authorization.
 */
@ApplicationScoped
public class RateLimiter {

    /** Returns {verdict, granted}: verdict 0 granted, 1 over the client's limit, 2 over the ceiling. */
    private static final String SCRIPT = """
            local want = tonumber(ARGV[4])
            local roomAll = tonumber(ARGV[3]) - tonumber(redis.call('GET', KEYS[1]) or '0')
            if roomAll <= 0 then return {2, 0} end
            local roomClient = tonumber(ARGV[2]) - tonumber(redis.call('GET', KEYS[2]) or '0')
            if roomClient <= 0 then return {1, 0} end
            local grant = math.min(want, roomAll, roomClient)
            redis.call('INCRBY', KEYS[1], grant)
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            redis.call('INCRBY', KEYS[2], grant)
            if redis.call('PTTL', KEYS[2]) < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
            return {0, grant}
            """;

    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9.]");

    /** Units this instance leased and has not spent, per client key; bounded, and gone with the window. */
    private final Cache<String, Lease> leases = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(61))
            .build();

    private final RedisDataSource redis;

    public RateLimiter(RedisDataSource redis) {
        this.redis = redis;
    }

    /** One limit: a name for its keys, the window, and how many requests a client and everyone together may make in it. */
    public record Limit(String name, Duration window, long perClient, long ceiling) {
        long largestLease() {
            return Math.max(1, Math.min(perClient / 20, 1000));
        }
    }

    public enum Verdict {
        ALLOWED,
        CLIENT_LIMIT,
        CEILING
    }

    private static final class Lease {
        final AtomicLong units = new AtomicLong();
        final AtomicLong next = new AtomicLong(1);
    }

    /** Counts one request of this client (within {@code scope}, say an appid) against the limit. */
    public Verdict acquire(Limit limit, String scope, String client) {
        long window = System.currentTimeMillis() / limit.window().toMillis();
        String prefix = "p:rl:" + limit.name() + ":" + SAFE.matcher(scope).replaceAll("_") + ":" + window;
        String clientKey = prefix + ":c:" + client;
        Lease lease = leases.get(clientKey, key -> new Lease());
        if (lease.units.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
            return Verdict.ALLOWED;
        }
        long want = lease.next.get();
        try {
            var reply = redis.execute(
                    "EVAL",
                    SCRIPT,
                    "2",
                    prefix + ":all",
                    clientKey,
                    String.valueOf(limit.window().toMillis()),
                    String.valueOf(limit.perClient()),
                    String.valueOf(limit.ceiling()),
                    String.valueOf(want));
            int verdict = reply.get(0).toInteger();
            long granted = reply.get(1).toLong();
            if (verdict == 0 && granted > 0) {
                lease.units.addAndGet(granted - 1);
                lease.next.updateAndGet(n -> Math.min(n * 2, limit.largestLease()));
                return Verdict.ALLOWED;
            }
            return verdict == 1 ? Verdict.CLIENT_LIMIT : Verdict.CEILING;
        } catch (RuntimeException e) {
            Log.warnf("rate limit %s unavailable (%s); allowing the request", limit.name(), e.getMessage());
            return Verdict.ALLOWED;
        }
    }

    /** Throws a 429 problem with Retry-After when the request is over either limit. */
    public void require(Limit limit, String scope, HttpServerRequest request, String what) {
        Verdict verdict = acquire(limit, scope, client(request));
        if (verdict != Verdict.ALLOWED) {
            long retry = limit.window().toSeconds()
                    - (System.currentTimeMillis() / 1000) % limit.window().toSeconds();
            throw new ProblemException(Problem.of(
                            429,
                            "rate-limited",
                            "Too many requests",
                            verdict == Verdict.CLIENT_LIMIT
                                    ? "too many " + what + " from your address; try again in " + retry + " s"
                                    : "too many " + what + " right now; try again in " + retry + " s")
                    .with("retryAfterSeconds", retry));
        }
    }

    /** The client's bucket: its IPv4 address, or the /64 of its IPv6 address. */
    public static String client(HttpServerRequest request) {
        if (request == null
                || request.remoteAddress() == null
                || request.remoteAddress().hostAddress() == null) {
            return "unknown";
        }
        String host = request.remoteAddress().hostAddress();
        if (host.indexOf(':') < 0) {
            return SAFE.matcher(host).replaceAll("_");
        }
        try {
            // An address literal, never a name: getByName does no lookup for it.
            byte[] bytes = InetAddress.getByName(host.replaceAll("[\\[\\]]", "").replaceAll("%.*$", ""))
                    .getAddress();
            if (InetAddress.getByAddress(bytes) instanceof Inet6Address) {
                StringBuilder prefix = new StringBuilder("v6_");
                for (int i = 0; i < 8; i++) {
                    prefix.append(String.format("%02x", bytes[i]));
                }
                return prefix.toString();
            }
            return SAFE.matcher(InetAddress.getByAddress(bytes).getHostAddress())
                    .replaceAll("_");
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
