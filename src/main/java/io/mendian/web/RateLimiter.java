package io.mendian.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.core.http.HttpServerRequest;

/**
 * Fixed-window rate limits in Redis, checked and counted by one Lua script so that concurrent requests can never
 * both take the last unit. Each limit has a ceiling for everyone together (checked first: once it is reached no
 * per-client key is created at all, so a flood of new addresses cannot grow Redis) and one per client. Every key
 * is created with its expiry in the same script, so none outlives its window.
 *
 * <p>The client is the remote address, which Quarkus replaces by the forwarded one only for requests from the
 * configured trusted proxies ({@code quarkus.http.proxy.*}). IPv6 clients count per /64, the block one subscriber
 * gets, so that rotating addresses inside it does not reset the budget. If Redis is down the request is allowed and
 * the outage logged: limits protect capacity, they are not an authorization.
 */
@ApplicationScoped
public class RateLimiter {

    /** 0 allowed, 1 over the client's limit, 2 over the ceiling. */
    private static final String SCRIPT = """
            local g = redis.call('INCR', KEYS[1])
            if g == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            if g > tonumber(ARGV[3]) then return 2 end
            local c = redis.call('INCR', KEYS[2])
            if c == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
            if c > tonumber(ARGV[2]) then return 1 end
            return 0
            """;

    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9.]");

    private final RedisDataSource redis;

    public RateLimiter(RedisDataSource redis) {
        this.redis = redis;
    }

    /** One limit: a name for its keys, the window, and how many requests a client and everyone together may make in it. */
    public record Limit(String name, Duration window, long perClient, long ceiling) {}

    public enum Verdict {
        ALLOWED,
        CLIENT_LIMIT,
        CEILING
    }

    /** Counts one request of this client (within {@code scope}, say an appid) against the limit. */
    public Verdict acquire(Limit limit, String scope, String client) {
        long window = System.currentTimeMillis() / limit.window().toMillis();
        String prefix = "p:rl:" + limit.name() + ":" + SAFE.matcher(scope).replaceAll("_") + ":" + window;
        try {
            var reply = redis.execute(
                    "EVAL",
                    SCRIPT,
                    "2",
                    prefix + ":all",
                    prefix + ":c:" + client,
                    String.valueOf(limit.window().toMillis()),
                    String.valueOf(limit.perClient()),
                    String.valueOf(limit.ceiling()));
            return switch (reply.toInteger()) {
                case 0 -> Verdict.ALLOWED;
                case 1 -> Verdict.CLIENT_LIMIT;
                default -> Verdict.CEILING;
            };
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
