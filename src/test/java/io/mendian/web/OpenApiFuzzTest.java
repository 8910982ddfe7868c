package io.mendian.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mendian.identity.Grant;
import io.mendian.identity.Role;
import io.mendian.identity.Scope;
import io.mendian.identity.StaffAccounts;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Keycloak;
import io.mendian.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Hostile input against every operation of the live OpenAPI document, as every kind of caller of the isolation
 * matrix: values derived from each parameter's and each body property's schema (its edges and one past them, zero,
 * negatives, 2^63, huge exponents, NaN, long and non-ASCII strings, wrong types), malformed and deeply nested bodies.
 * Nothing may answer 5xx, and the app must still be ready at the end. A new operation is fuzzed without being named
 * here, so it fails this test the day it can be made to answer 500.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OpenApiFuzzTest {

    enum Caller {
        OWN_ADMIN,
        OTHER_BRAND_ADMIN,
        CLERK,
        OTHER_REGION_MANAGER,
        OPERATOR,
        NONE,
        EXPIRED,
        FORGED,
        CONSUMER
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Operations that act on the platform as a whole and would stop the rest of the run; fuzzed with hostile values only. */
    private static final Set<String> NO_VALID_VALUES =
            Set.of("POST /api/platform/tenants/{tenant}/suspend", "POST /api/platform/tenants/{tenant}/moves");

    @Inject
    StaffAccounts accounts;

    private JsonNode document;

    @Test
    void noOperationAnswers5xxToHostileInputFromAnyCallerAndTheAppStaysReady() throws Exception {
        document = JSON.readTree(given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        Fixture f = fixture();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            // Operations one after another (resume after suspend), the cases of one operation on four threads.
            for (var operation : operations().entrySet()) {
                String path = operation.getKey().substring(operation.getKey().indexOf(' ') + 1);
                String method =
                        operation.getKey().substring(0, operation.getKey().indexOf(' '));
                List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                for (Case c : cases(operation.getKey(), path, operation.getValue(), f)) {
                    for (Caller caller : callersFor(c)) {
                        running.add(pool.submit(() -> {
                            Response response = send(method, c, f.tokens().get(caller));
                            requests.incrementAndGet();
                            if (response.statusCode() >= 500) {
                                failures.add(operation.getKey() + " as " + caller + " with " + c.describe() + " -> "
                                        + response.statusCode() + " " + Problem.clip(response.asString()));
                            }
                        }));
                    }
                }
                for (var r : running) {
                    r.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        given().get("/q/health/ready").then().statusCode(200);
        System.out.printf(
                "OpenAPI fuzz: %d requests over %d operations in %d s%n",
                requests.get(), operations().size(), (System.nanoTime() - start) / 1_000_000_000);
        if (!failures.isEmpty()) {
            fail(failures.size() + " server errors:\n"
                    + String.join("\n", failures.subList(0, Math.min(200, failures.size()))));
        }
        assertTrue(requests.get() > 1000, "the document was fuzzed");
    }

    /**
     * Who sends a case. Denied callers are turned away before a body is read, so hostile bodies go to the callers who get
     * past the gate (the brand's admin, the operator, and anonymous callers of public operations); every caller sends
     * the valid-looking request and each hostile path, query and header value.
     */
    private static List<Caller> callersFor(Case c) {
        if (c.what().startsWith("body.") || c.what().startsWith("raw body")) {
            return List.of(Caller.OWN_ADMIN, Caller.OPERATOR, Caller.NONE, Caller.CONSUMER);
        }
        return List.of(Caller.values());
    }

    /** One request: the concrete path, query, headers and raw body. */
    record Case(
            String path,
            Map<String, String> query,
            Map<String, String> headers,
            String contentType,
            String body,
            String what) {
        String describe() {
            return what + " (" + path + ")";
        }
    }

    record Fixture(Brand own, Map<Caller, String> tokens, Map<String, String> valid) {}

    private Fixture fixture() {
        Brand own = Brands.anActiveBrand("fuzz-a");
        Brand other = Brands.anActiveBrand("fuzz-b");
        String admin = own.adminToken();
        long region = create(admin, "/api/hq/regions", Map.of("code", "FZ", "name", "Fuzz"));
        long otherRegion = create(admin, "/api/hq/regions", Map.of("code", "FZ2", "name", "Fuzz 2"));
        long store = create(
                admin,
                "/api/hq/stores",
                Map.of(
                        "code",
                        "FZ-1",
                        "name",
                        "Fuzz store",
                        "city",
                        "Hangzhou",
                        "address",
                        "1 Rd",
                        "regionId",
                        region,
                        "latitude",
                        30.27,
                        "longitude",
                        120.15));
        long category = create(admin, "/api/hq/categories", Map.of("code", "FZC", "name", "Fuzz category"));
        long product = create(
                admin,
                "/api/hq/products",
                Map.of(
                        "code",
                        "FZP",
                        "name",
                        "Fuzz product",
                        "categoryId",
                        category,
                        "skus",
                        List.of(Map.of("code", "FZS", "basePriceFen", 1000, "minPriceFen", 900, "maxPriceFen", 1100))));
        long sku = ((Number) given().auth()
                        .oauth2(admin)
                        .get("/api/hq/products/" + product)
                        .then()
                        .extract()
                        .path("skus[0].id"))
                .longValue();
        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.OWN_ADMIN, admin);
        tokens.put(Caller.OTHER_BRAND_ADMIN, other.adminToken());
        tokens.put(
                Caller.CLERK,
                Brands.aStaffMember(
                        accounts,
                        own,
                        "fuzz-clerk",
                        List.of(new Grant(own.tenant(), Role.STORE_CLERK, new Scope.Store(store)))));
        tokens.put(
                Caller.OTHER_REGION_MANAGER,
                Brands.aStaffMember(
                        accounts,
                        own,
                        "fuzz-rm",
                        List.of(new Grant(own.tenant(), Role.REGION_MANAGER, new Scope.Region(otherRegion)))));
        tokens.put(Caller.OPERATOR, Keycloak.operatorToken());
        tokens.put(Caller.FORGED, Tokens.forged(admin));
        tokens.put(Caller.CONSUMER, io.mendian.testsupport.Consumers.memberToken(own.appid(), "fuzz-member"));
        tokens.put(Caller.EXPIRED, Tokens.expired(own.adminEmail(), own.adminPassword(), "fuzz-" + own.slug()));
        String staffMember =
                accounts.findUser("fuzz-clerk@" + own.slug() + ".example").orElseThrow();
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("storeId", String.valueOf(store));
        valid.put("id", String.valueOf(store));
        valid.put("skuId", String.valueOf(sku));
        valid.put("productId", String.valueOf(product));
        valid.put("appid", own.appid());
        valid.put("tenant", other.slug());
        valid.put("userId", staffMember);
        valid.put("job", UUID.randomUUID().toString());
        valid.put("invitationId", UUID.randomUUID().toString());
        valid.put("lat", "30.27");
        valid.put("lng", "120.15");
        return new Fixture(own, tokens, valid);
    }

    private static long create(String token, String path, Map<String, Object> body) {
        return ((Number) given().auth()
                        .oauth2(token)
                        .contentType("application/json")
                        .header("Idempotency-Key", "fz-" + UUID.randomUUID())
                        .body(body)
                        .post(path)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    /** Every operation of the document, keyed "METHOD /path", with the platform's suspend ordered before resume. */
    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>((x, y) -> {
            int byResume = Boolean.compare(x.endsWith("/resume"), y.endsWith("/resume"));
            return byResume != 0 ? byResume : x.compareTo(y);
        });
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                        operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                    }
                }));
        return operations;
    }

    private List<Case> cases(String key, String template, JsonNode operation, Fixture f) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
        Map<String, String> baseline = new LinkedHashMap<>();
        for (JsonNode p : parameters) {
            baseline.put(p.path("name").asText(), NO_VALID_VALUES.contains(key) ? "no-such-thing" : validValue(p, f));
        }
        JsonNode bodySchema = operation
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        JsonNode validBody = bodySchema.isMissingNode() ? null : sample(resolve(bodySchema), 0);
        List<Case> cases = new ArrayList<>();
        cases.add(request(
                template,
                parameters,
                baseline,
                validBody == null ? null : validBody.toString(),
                "valid-looking values"));
        for (JsonNode p : parameters) {
            for (String hostile : hostileStrings(resolve(p.path("schema")))) {
                Map<String, String> values = new LinkedHashMap<>(baseline);
                values.put(p.path("name").asText(), hostile);
                cases.add(request(
                        template,
                        parameters,
                        values,
                        validBody == null ? null : validBody.toString(),
                        p.path("name").asText() + "=" + Problem.clip(hostile)));
            }
        }
        if (validBody != null) {
            if (validBody instanceof ObjectNode object) {
                List<String> fields = new ArrayList<>();
                object.fieldNames().forEachRemaining(fields::add);
                JsonNode properties = resolve(bodySchema).path("properties");
                for (String field : fields) {
                    for (JsonNode hostile : hostileJson(resolve(properties.path(field)))) {
                        ObjectNode mutated = object.deepCopy();
                        mutated.set(field, hostile);
                        cases.add(request(
                                template,
                                parameters,
                                baseline,
                                mutated.toString(),
                                "body." + field + "=" + Problem.clip(hostile.toString())));
                    }
                }
            }
            for (String raw : List.of(
                    "",
                    "{",
                    "null",
                    "[]",
                    "\"x\"",
                    "12",
                    "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                    "{\"x\":1e99999999}",
                    "\u0000",
                    "{\"code\":\"\\ud800\"}")) {
                cases.add(request(template, parameters, baseline, raw, "raw body " + Problem.clip(raw)));
            }
        }
        return cases;
    }

    private Case request(
            String template, List<JsonNode> parameters, Map<String, String> values, String body, String what) {
        String path = template;
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", "fz-" + UUID.randomUUID());
        for (JsonNode p : parameters) {
            String name = p.path("name").asText();
            String value = values.get(name);
            switch (p.path("in").asText()) {
                case "path" ->
                    path = path.replace(
                            "{" + name + "}",
                            URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
                case "query" -> query.put(name, value);
                case "header" -> {
                    if (!value.chars().anyMatch(ch -> ch < 0x20 || ch > 0x7e)) {
                        headers.put(name, value);
                    }
                }
                default -> {}
            }
        }
        return new Case(path, query, headers, body == null ? null : "application/json", body, what);
    }

    private static Response send(String method, Case c, String token) {
        RequestSpecification spec =
                given().urlEncodingEnabled(false).redirects().follow(false);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        for (var h : c.headers().entrySet()) {
            spec = spec.header(h.getKey(), h.getValue());
        }
        for (var q : c.query().entrySet()) {
            spec = spec.queryParam(q.getKey(), URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
        }
        if (c.body() != null) {
            spec = spec.contentType(c.contentType()).body(c.body().getBytes(StandardCharsets.UTF_8));
        }
        return spec.request(method, c.path());
    }

    private String validValue(JsonNode parameter, Fixture f) {
        String name = parameter.path("name").asText();
        if (f.valid().containsKey(name)) {
            return f.valid().get(name);
        }
        JsonNode schema = resolve(parameter.path("schema"));
        if (schema.has("enum")) {
            return schema.path("enum").get(0).asText();
        }
        return switch (schema.path("type").asText()) {
            case "integer", "number" ->
                schema.has("minimum") ? schema.path("minimum").asText() : "1";
            case "boolean" -> "true";
            default -> "x";
        };
    }

    /** Values a string-typed transport (path, query, header) can carry, aimed at the schema's edges. */
    private static List<String> hostileStrings(JsonNode schema) {
        Set<String> values = new LinkedHashSet<>(List.of(
                "0",
                "-1",
                "2147483648",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "1e309",
                "-1e309",
                "1e99999999",
                "0.00000000000000000000000000001",
                "NaN",
                "Infinity",
                "-0",
                "",
                " ",
                "x".repeat(3000),
                "门店🍵",
                "%00",
                "' or 1=1 --",
                "../../..",
                "true",
                "null",
                "[]",
                "{}",
                "00000000-0000-0000-0000-000000000000"));
        // The documented range must answer without a 5xx at its very edges, just inside them and one past them.
        java.math.BigDecimal step = new java.math.BigDecimal("0.0000001");
        if (schema.has("minimum")) {
            java.math.BigDecimal min = schema.path("minimum").decimalValue();
            values.addAll(List.of(
                    min.toPlainString(),
                    min.add(step).toPlainString(),
                    min.subtract(step).toPlainString(),
                    min.subtract(java.math.BigDecimal.ONE).toPlainString()));
        }
        if (schema.has("maximum")) {
            java.math.BigDecimal max = schema.path("maximum").decimalValue();
            values.addAll(List.of(
                    max.toPlainString(),
                    max.subtract(step).toPlainString(),
                    max.add(step).toPlainString(),
                    max.add(java.math.BigDecimal.ONE).toPlainString()));
        }
        if (schema.has("maxLength")) {
            values.add("y".repeat(schema.path("maxLength").asInt() + 1));
        }
        return List.copyOf(values);
    }

    private static List<JsonNode> hostileJson(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>(List.of(
                NODES.numberNode(-1),
                NODES.numberNode(0),
                NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(new java.math.BigInteger("9223372036854775808")),
                NODES.numberNode(new java.math.BigDecimal("1e309")),
                NODES.numberNode(new java.math.BigDecimal("1E+99999999")),
                NODES.numberNode(new java.math.BigDecimal("-1e-99999")),
                NODES.textNode(""),
                NODES.textNode("x".repeat(5000)),
                NODES.textNode("门店🍵\u0000"),
                NODES.booleanNode(true),
                NODES.nullNode(),
                NODES.arrayNode(),
                NODES.objectNode()));
        ArrayNode many = NODES.arrayNode();
        for (int i = 0; i < 2000; i++) {
            many.add(1);
        }
        values.add(many);
        if (schema.has("maximum")) {
            values.add(NODES.numberNode(schema.path("maximum").decimalValue().add(java.math.BigDecimal.ONE)));
        }
        if (schema.has("minimum")) {
            values.add(NODES.numberNode(schema.path("minimum").decimalValue().subtract(java.math.BigDecimal.ONE)));
        }
        return values;
    }

    /** A value that satisfies the schema's shape, to carry the hostile one past the outer validation. */
    private JsonNode sample(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        if (schema.has("allOf")) {
            return sample(schema.path("allOf").get(0), depth);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    schema.path("properties")
                            .fields()
                            .forEachRemaining(p -> object.set(p.getKey(), sample(p.getValue(), depth + 1)));
                }
                yield object;
            }
            case "array" ->
                depth < 4 ? NODES.arrayNode().add(sample(schema.path("items"), depth + 1)) : NODES.arrayNode();
            case "integer" ->
                NODES.numberNode(schema.has("minimum") ? schema.path("minimum").asLong() : 1);
            case "number" ->
                NODES.numberNode(
                        schema.has("minimum") ? schema.path("minimum").decimalValue() : java.math.BigDecimal.ONE);
            case "boolean" -> NODES.booleanNode(true);
            default ->
                NODES.textNode(
                        schema.path("format").asText().equals("email") ? "fuzz@fuzz.example" : "fz" + (depth + 1));
        };
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String[] parts = node.path("$ref").asText().substring(2).split("/");
            JsonNode target = document;
            for (String part : parts) {
                target = target.path(part);
            }
            node = target;
        }
        return node;
    }
}
