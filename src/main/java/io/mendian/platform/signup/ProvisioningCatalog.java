package io.mendian.platform.signup;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Reads {@code tenant-provisioning/plans.yaml} and the industry templates from the classpath. */
@ApplicationScoped
public class ProvisioningCatalog {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,39}$");
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Map<String, Optional<JsonNode>> templates = new ConcurrentHashMap<>();
    private volatile JsonNode plans;

    public Optional<JsonNode> plan(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        JsonNode plan = plans().path("plans").path(name);
        return plan.isObject() ? Optional.of(plan) : Optional.empty();
    }

    public Iterable<String> planNames() {
        return () -> plans().path("plans").fieldNames();
    }

    /** The industry templates a brand can start from, in the order the signup page shows them. */
    public static final java.util.List<String> INDUSTRIES = java.util.List.of("cafe", "bakery", "retail", "beauty");

    public Optional<JsonNode> template(String industry) {
        if (industry == null || !NAME.matcher(industry).matches()) {
            return Optional.empty();
        }
        return templates.computeIfAbsent(industry, i -> read("tenant-provisioning/templates/" + i + ".yaml"));
    }

    private JsonNode plans() {
        if (plans == null) {
            plans = read("tenant-provisioning/plans.yaml")
                    .orElseThrow(() -> new IllegalStateException("plans.yaml missing"));
        }
        return plans;
    }

    private Optional<JsonNode> read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(yaml.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + resource, e);
        }
    }
}
