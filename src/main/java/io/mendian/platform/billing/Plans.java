package io.mendian.platform.billing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.platform.signup.ProvisioningCatalog;
import io.mendian.web.ProblemException;

/** Typed access to the plans declared in plans.yaml. */
@ApplicationScoped
public class Plans {

    private final ProvisioningCatalog catalog;

    public Plans(ProvisioningCatalog catalog) {
        this.catalog = catalog;
    }

    public Optional<Plan> find(String id) {
        return id == null ? Optional.empty() : catalog.plan(id).map(node -> parse(id, node));
    }

    /** The plan a subscription names; a plan that disappeared from plans.yaml is a deployment error, not bad input. */
    public Plan require(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("plan " + id + " is missing from plans.yaml"));
    }

    /** The plan a caller asked for: 400 when it does not exist. */
    public Plan requested(String id) {
        return find(id).orElseThrow(() -> ProblemException.badRequest(
                        "unknown-plan", "there is no plan '" + (id == null ? "" : id) + "'")
                .with("plans", all().stream().map(Plan::id).toList()));
    }

    public List<Plan> all() {
        List<Plan> plans = new ArrayList<>();
        catalog.planNames().forEach(name -> find(name).ifPresent(plans::add));
        return plans;
    }

    private static Plan parse(String id, JsonNode node) {
        Map<String, Long> limits = new LinkedHashMap<>();
        node.path("limits")
                .fields()
                .forEachRemaining(e -> limits.put(e.getKey(), e.getValue().asLong(-1)));
        Set<String> features = new LinkedHashSet<>();
        node.path("features").forEach(f -> features.add(f.asText()));
        return new Plan(
                id,
                node.path("name").asText(id),
                node.path("selfService").asBoolean(false),
                node.path("monthlyPrice").asLong(),
                node.path("pricePerStore").asLong(),
                node.path("trialDays").asInt(14),
                Math.clamp(node.path("platformFeeBps").asInt(0), 0, 3000),
                Map.copyOf(limits),
                Set.copyOf(features));
    }
}
