package io.mendian.identity;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.TenantDirectory;
import io.mendian.tenancy.TenantDirectory.Standing;
import io.mendian.tenancy.TenantId;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.mendian.web.RateLimiter;
import io.quarkus.logging.Log;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The single gate every API request passes. It picks the audience from the path, takes the tenant only from a
 * verified token or the appid registry, checks the tenant's standing, the endpoint's declared capability and the
 * store named in the path. Resources behind it never check tenancy or scope by hand.
 *
 * <p>It is not pre-matching, so it knows the resource method; it runs on the worker thread of the blocking
 * endpoint, where the lazily authenticated identity can be resolved (a bad token throws and maps to a 401).
 */
public class AccessFilter {

    public static final String OPERATOR_ROLE = "platform_operator";
    public static final String TENANT_HEADER = "X-Tenant";
    private static final Pattern APPID = Pattern.compile("^wx[0-9a-f]{16}$");

    private final SecurityIdentity identity;
    private final TenantContext tenantContext;
    private final TenantDirectory directory;
    private final AccessPolicy policy;
    private final CurrentCaller currentCaller;
    private final CurrentConsumer currentConsumer;
    private final String consumerIssuer;
    private final RateLimiter limiter;
    private final RateLimiter.Limit shopLimit;

    public AccessFilter(
            SecurityIdentity identity,
            TenantContext tenantContext,
            TenantDirectory directory,
            AccessPolicy policy,
            CurrentCaller currentCaller,
            CurrentConsumer currentConsumer,
            @ConfigProperty(name = "mendian.consumer-token.issuer") String consumerIssuer,
            RateLimiter limiter,
            @ConfigProperty(name = "mendian.shop.rate-limit.per-client-per-minute", defaultValue = "600")
                    long perClient,
            @ConfigProperty(name = "mendian.shop.rate-limit.per-appid-per-minute", defaultValue = "60000")
                    long perAppid) {
        this.identity = identity;
        this.tenantContext = tenantContext;
        this.directory = directory;
        this.policy = policy;
        this.currentCaller = currentCaller;
        this.currentConsumer = currentConsumer;
        this.consumerIssuer = consumerIssuer;
        this.limiter = limiter;
        this.shopLimit = new RateLimiter.Limit("shop", Duration.ofMinutes(1), perClient, perAppid);
    }

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (under(path, "/api/platform")) {
            requireOperator();
        } else if (under(path, "/api/hq") || under(path, "/api/store")) {
            staff(request, resource.getResourceMethod(), resource.getResourceClass());
        } else if (under(path, "/api/shop")) {
            shop(request.getUriInfo().getPathParameters().getFirst("appid"), http, request.getMethod());
            consumer(resource.getResourceMethod(), resource.getResourceClass());
        }
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private void requireOperator() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (!identity.hasRole(OPERATOR_ROLE)) {
            throw ProblemException.forbidden("forbidden", "this operation is for SaaS operators");
        }
    }

    private void staff(ContainerRequestContext request, Method method, Class<?> type) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException();
        }
        TenantId tenant = chooseTenant(organizations(token), request.getHeaderString(TENANT_HEADER));
        List<Grant> grants = grantsIn(token, tenant);
        if (grants.isEmpty()) {
            throw ProblemException.forbidden("no-grants", "you have no role in brand " + tenant.value());
        }
        requireStanding(tenant, method.isAnnotationPresent(OpenWhileSuspended.class), request.getMethod());
        tenantContext.set(tenant);
        MDC.put("tenant", tenant.value());
        Caller caller = new Caller(token.getSubject(), token.getClaim("preferred_username"), tenant, grants);
        currentCaller.set(caller);

        Requires requires = method.isAnnotationPresent(Requires.class)
                ? method.getAnnotation(Requires.class)
                : type.getAnnotation(Requires.class);
        if (requires == null) {
            // Fail closed: a staff endpoint that forgot to declare what it needs is unreachable, loudly.
            Log.errorf("staff endpoint %s.%s declares no @Requires; denying", type.getSimpleName(), method.getName());
            throw ProblemException.forbidden("undeclared-capability", "this operation is not available");
        }
        if (!caller.holds(requires.value())) {
            boolean roleButNotScope =
                    caller.grants().stream().anyMatch(g -> requires.value().heldBy(g.role()));
            throw roleButNotScope
                    ? ProblemException.forbidden(
                            "brand-wide-only",
                            "this operation concerns the whole brand; it needs a role with scope 'all'")
                    : ProblemException.forbidden("forbidden", "your role does not allow this operation");
        }
        String storeId = request.getUriInfo().getPathParameters().getFirst("storeId");
        if (storeId != null) {
            policy.requireStore(caller, requires.value(), parseStoreId(storeId));
        }
    }

    private static long parseStoreId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ProblemException.notFound("store " + Problem.clip(raw));
    }

    private void shop(String appid, HttpServerRequest http, String httpMethod) {
        if (appid == null || !APPID.matcher(appid).matches()) {
            throw ProblemException.notFound("mini-program");
        }
        TenantId tenant =
                directory.tenantOfAppid(appid).orElseThrow(() -> ProblemException.notFound("mini-program " + appid));
        requireStanding(tenant, false, httpMethod);
        // Counted only once the appid is known to be a brand's: unknown appids create no Redis key.
        limiter.require(shopLimit, appid, http, "requests");
        tenantContext.set(tenant);
        MDC.put("tenant", tenant.value());
    }

    /**
     * A {@link ConsumerOnly} operation needs a consumer token issued for the brand of the path's appid. Other shop
     * operations stay anonymous for everyone (a staff token or another brand's member is just a browser there).
     */
    private void consumer(Method method, Class<?> type) {
        if (!method.isAnnotationPresent(ConsumerOnly.class) && !type.isAnnotationPresent(ConsumerOnly.class)) {
            // Browsing never looks at the token (authentication is lazy): an expired or foreign one cannot turn an
            // anonymous read into a 401.
            return;
        }
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || !consumerIssuer.equals(token.getIssuer())) {
            throw ProblemException.forbidden("members-only", "this operation is for the brand's signed-in members");
        }
        if (!tenantContext.require().value().equals(token.getClaim(ConsumerToken.TENANT_CLAIM))) {
            throw ProblemException.forbidden(
                    "token-for-another-brand", "you are signed in to another brand; sign in to this mini-program");
        }
        currentConsumer.set(Long.parseLong(token.getSubject()));
    }

    private void requireStanding(TenantId tenant, boolean openWhileSuspended, String httpMethod) {
        Standing standing = directory.standing(tenant);
        switch (standing) {
            case ACTIVE -> {}
            case MOVING -> refuseWritesWhileMoving(tenant, httpMethod);
            case SUSPENDED -> refuseUnlessOpenWhileSuspended(tenant, openWhileSuspended);
            case SUSPENDED_MOVING -> {
                refuseUnlessOpenWhileSuspended(tenant, openWhileSuspended);
                refuseWritesWhileMoving(tenant, httpMethod);
            }
            case QUARANTINED ->
                throw new ProblemException(Problem.of(
                        503,
                        "tenant-unavailable",
                        "Brand unavailable",
                        "brand " + tenant.value() + " is under maintenance; try again later"));
            default ->
                throw ProblemException.forbidden("tenant-not-active", "brand " + tenant.value() + " is not active");
        }
    }

    /** Reads go on from the schema being copied; a write would be lost with it, so it waits. */
    private static void refuseWritesWhileMoving(TenantId tenant, String httpMethod) {
        if (!"GET".equals(httpMethod) && !"HEAD".equals(httpMethod) && !"OPTIONS".equals(httpMethod)) {
            throw new ProblemException(Problem.of(
                            503,
                            "brand-moving",
                            "Brand briefly read-only",
                            "brand " + tenant.value()
                                    + " is being moved to another database server and takes no changes for"
                                    + " a moment; try again shortly")
                    .with("retryAfterSeconds", 15));
        }
    }

    private static void refuseUnlessOpenWhileSuspended(TenantId tenant, boolean openWhileSuspended) {
        if (!openWhileSuspended) {
            throw ProblemException.forbidden(
                    "tenant-suspended",
                    "brand " + tenant.value()
                            + " is suspended; contact your SaaS operator or settle open invoices (GET /api/hq/invoices). Your data is kept.");
        }
    }

    private static TenantId chooseTenant(Set<String> organizations, String requested) {
        if (requested != null && !requested.isBlank()) {
            if (!organizations.contains(requested) || !TenantId.isValid(requested)) {
                throw ProblemException.forbidden(
                        "tenant-not-granted", "your token does not belong to brand " + Problem.clip(requested));
            }
            return new TenantId(requested);
        }
        List<String> valid = organizations.stream().filter(TenantId::isValid).toList();
        if (valid.isEmpty()) {
            throw ProblemException.forbidden("no-tenant", "your account belongs to no brand");
        }
        if (valid.size() > 1) {
            throw ProblemException.badRequest(
                            "tenant-ambiguous",
                            "your account belongs to several brands; choose one with the " + TENANT_HEADER + " header")
                    .with("brands", valid);
        }
        return new TenantId(valid.get(0));
    }

    /** Keycloak writes the organization claim as a list of aliases, or as a map keyed by alias when ids are added. */
    private static Set<String> organizations(JsonWebToken token) {
        Object claim = token.getClaim("organization");
        Set<String> result = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            array.forEach(v -> addString(result, v));
        } else if (claim instanceof JsonObject object) {
            result.addAll(object.keySet());
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(v -> result.add(String.valueOf(v)));
        } else if (claim instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> result.add(String.valueOf(k)));
        }
        return result;
    }

    private static List<Grant> grantsIn(JsonWebToken token, TenantId tenant) {
        Object claim = token.getClaim("grants");
        List<String> raw = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            array.forEach(v -> addString(raw, v));
        } else if (claim instanceof JsonString single) {
            raw.add(single.getString());
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(v -> raw.add(String.valueOf(v)));
        }
        return raw.stream()
                .map(Grant::parse)
                .flatMap(java.util.Optional::stream)
                .filter(g -> g.tenant().equals(tenant))
                .toList();
    }

    private static void addString(Collection<String> into, JsonValue value) {
        if (value instanceof JsonString s) {
            into.add(s.getString());
        }
    }
}
