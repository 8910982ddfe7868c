package io.mendian.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes a retried write safe: the first request with an {@code Idempotency-Key} runs and its response is stored in
 * the tenant schema in the same transaction; a retry with the same key and body gets the stored response, and the
 * same key with a different body is a 422. A concurrent duplicate waits on the key's row until the first commits.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9._:-]{8,100}$");

    private final EntityManager tenantData;
    private final ObjectMapper json;

    public Idempotency(EntityManager tenantData, ObjectMapper json) {
        this.tenantData = tenantData;
        this.json = json;
    }

    /** Validates a key taken from the header; a write that a client may retry must carry one. */
    public static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw ProblemException.badRequest("idempotency-key-missing", "send an " + HEADER + " header (8-100 of A-Z a-z 0-9 . _ : -) so that retries are safe");
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("idempotency-key-invalid", HEADER + " must be 8-100 of A-Z a-z 0-9 . _ : -");
        }
        return key;
    }

    @Transactional
    public Response run(String key, String operation, Object request, Response.Status success, Supplier<Object> work) {
        requireKey(key);
        String hash = hash(request);
        int inserted = tenantData.createNativeQuery("insert into idempotency_record (idem_key, operation, request_hash, response_status) "
                + "values (?1, ?2, ?3, 0) on conflict do nothing")
                .setParameter(1, key).setParameter(2, operation).setParameter(3, hash).executeUpdate();
        if (inserted == 0) {
            return replay(key, operation, hash);
        }
        Object result = work.get();
        String body = write(result);
        tenantData.createNativeQuery("update idempotency_record set response_status = ?1, response_body = ?2 where operation = ?3 and idem_key = ?4")
                .setParameter(1, success.getStatusCode()).setParameter(2, body).setParameter(3, operation).setParameter(4, key)
                .executeUpdate();
        return Response.status(success).entity(result).build();
    }

    private Response replay(String key, String operation, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = tenantData.createNativeQuery("select request_hash, response_status, response_body from idempotency_record "
                + "where operation = ?1 and idem_key = ?2").setParameter(1, operation).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.conflict("idempotency-in-progress", "a request with this " + HEADER + " is still running; retry shortly");
        }
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused", "this " + HEADER + " was used for a different request body");
        }
        return Response.status(((Number) row[1]).intValue()).type(MediaType.APPLICATION_JSON).header(REPLAYED, "true")
                .entity(row[2]).build();
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
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
