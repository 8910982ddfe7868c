package io.mendian.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.tenancy.TenantId;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Makes a retried write safe: the first request with an {@code Idempotency-Key} runs and its response is stored in
 * the tenant schema in the same transaction; a retry with the same key and body gets the stored response, and the
 * same key with a different body is a 422. A concurrent duplicate waits on the key's row until the first commits.
 *
 * <p>A key belongs to (caller, operation, key): two staff members who happen to pick the same key never see each
 * other's responses. A record is kept for {@code mendian.idempotency.retention}; after that the key is new again,
 * and expired records are swept by the writes themselves (about one write in {@value #SWEEP_EVERY}), so the table
 * stays bounded without a job per brand.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int SWEEP_EVERY = 100;
    private static final String BRAND_TABLE = "idempotency_record";
    private static final String CONTROL_PLANE_TABLE = "platform.idempotency_record";
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9._:-]{8,100}$");

    private final EntityManager tenantData;
    private final EntityManager controlPlane;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final Duration retention;

    public Idempotency(
            EntityManager tenantData,
            @PersistenceUnit("platform") EntityManager controlPlane,
            ObjectMapper json,
            SecurityIdentity identity,
            @ConfigProperty(name = "mendian.idempotency.retention", defaultValue = "24H") Duration retention) {
        this.tenantData = tenantData;
        this.controlPlane = controlPlane;
        this.json = json;
        this.identity = identity;
        this.retention = retention;
    }

    /** Validates a key taken from the header; a write that a client may retry must carry one. */
    public static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw ProblemException.badRequest(
                    "idempotency-key-missing",
                    "send an " + HEADER + " header (8-100 of A-Z a-z 0-9 . _ : -) so that retries are safe");
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.badRequest(
                    "idempotency-key-invalid", HEADER + " must be 8-100 of A-Z a-z 0-9 . _ : -");
        }
        return key;
    }

    /** What a write answered: its status and body, stored for replays. */
    public record Outcome(Response.Status status, Object body) {}

    /**
     * Whether this caller has used the key for the operation within the retention (a retry, which {@link #run}
     * replays): lets a caller refuse new work early without refusing a retry of work already done.
     */
    @Transactional
    public boolean seen(String key, String operation) {
        if (key == null || key.isBlank()) {
            return false;
        }
        return !tenantData
                .createNativeQuery(
                        "select 1 from " + BRAND_TABLE + " where caller = ?1 and operation = ?2 and idem_key = ?3 "
                                + "and created_at >= now() - make_interval(secs => ?4)")
                .setParameter(1, caller())
                .setParameter(2, operation)
                .setParameter(3, key)
                .setParameter(4, retention.toSeconds())
                .getResultList()
                .isEmpty();
    }

    @Transactional
    public Response run(String key, String operation, Object request, Response.Status success, Supplier<Object> work) {
        return respond(key, operation, request, () -> new Outcome(success, work.get()));
    }

    /** Like {@link #run}, for a write whose status depends on what it did (say 201 created or 202 awaiting someone). */
    @Transactional
    public Response respond(String key, String operation, Object request, Supplier<Outcome> work) {
        return claim(new Records(tenantData, BRAND_TABLE, caller()), key, operation, request, work);
    }

    /**
     * Like {@link #run}, for a brand's write whose state lives on the control plane (its plan, its mini-program): the
     * record is kept on the control plane with the brand in its caller, so the write and its record commit together on
     * one server wherever the brand's schema lives (docs/adr/0022). The work must not touch the brand's own data; read
     * what it needs from there before.
     */
    @Transactional
    public Response runOnControlPlane(
            TenantId brand,
            String key,
            String operation,
            Object request,
            Response.Status success,
            Supplier<Object> work) {
        return claim(
                new Records(controlPlane, CONTROL_PLANE_TABLE, brand.value() + "/" + caller()),
                key,
                operation,
                request,
                () -> new Outcome(success, work.get()));
    }

    /** Where a caller's records are kept: the brand's schema, or the control plane's table. */
    private record Records(EntityManager em, String table, String caller) {}

    private Response claim(Records records, String key, String operation, Object request, Supplier<Outcome> work) {
        requireKey(key);
        String caller = records.caller();
        String hash = hash(request);
        // One statement claims the key: a new key is inserted, an expired record is taken over (the key is new again),
        // and a live one is left alone (0 rows), in which case this request replays it. A concurrent duplicate waits on
        // the row until the first commits.
        int inserted = records.em()
                .createNativeQuery("insert into " + records.table()
                        + " (caller, idem_key, operation, request_hash, response_status) "
                        + "values (?1, ?2, ?3, ?4, 0) on conflict (caller, operation, idem_key) do update set "
                        + "request_hash = excluded.request_hash, response_status = 0, response_body = null, "
                        + "created_at = now() where " + records.table()
                        + ".created_at < now() - make_interval(secs => ?5)")
                .setParameter(1, caller)
                .setParameter(2, key)
                .setParameter(3, operation)
                .setParameter(4, hash)
                .setParameter(5, retention.toSeconds())
                .executeUpdate();
        if (inserted == 0) {
            return replay(records, key, operation, hash);
        }
        if (ThreadLocalRandom.current().nextInt(SWEEP_EVERY) == 0) {
            sweep(records);
        }
        Outcome outcome = work.get();
        Response.Status success = outcome.status();
        Object result = outcome.body();
        String body = write(result);
        records.em()
                .createNativeQuery("update " + records.table() + " set response_status = ?1, response_body = ?2 "
                        + "where caller = ?3 and operation = ?4 and idem_key = ?5")
                .setParameter(1, success.getStatusCode())
                .setParameter(2, body)
                .setParameter(3, caller)
                .setParameter(4, operation)
                .setParameter(5, key)
                .executeUpdate();
        return Response.status(success).entity(result).build();
    }

    /** Deletes expired records of the table the records live in, a bounded batch at a time. */
    private void sweep(Records records) {
        records.em()
                .createNativeQuery("delete from " + records.table() + " where ctid in (select ctid from "
                        + records.table() + " where created_at < now() - make_interval(secs => ?1) limit 1000)")
                .setParameter(1, retention.toSeconds())
                .executeUpdate();
    }

    /** The verified subject of the request; anonymous writes share one space (they are keyed by their own tables). */
    private String caller() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        return identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject()
                : identity.getPrincipal().getName();
    }

    private Response replay(Records records, String key, String operation, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = records.em()
                .createNativeQuery("select request_hash, response_status, response_body from " + records.table()
                        + " where caller = ?1 and operation = ?2 and idem_key = ?3")
                .setParameter(1, records.caller())
                .setParameter(2, operation)
                .setParameter(3, key)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.conflict(
                    "idempotency-in-progress", "a request with this " + HEADER + " is still running; retry shortly");
        }
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw ProblemException.unprocessable(
                    "idempotency-key-reused", "this " + HEADER + " was used for a different request body");
        }
        return Response.status(((Number) row[1]).intValue())
                .type(MediaType.APPLICATION_JSON)
                .header(REPLAYED, "true")
                .entity(row[2])
                .build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }

    private String hash(Object request) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
