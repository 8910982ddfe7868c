package io.mendian.testinfra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the realm that tests and the demo import: the production base {@code keycloak-realms/mendian-realm.json}
 * with the development overlay merged over it. Clients are matched by {@code clientId} and users by {@code username}
 * (an overlay entry's fields replace the base entry's, a new entry is added); any other top-level field replaces the
 * base's. Keys starting with {@code _} are comments.
 */
public final class RealmOverlay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> IDS = Map.of("clients", "clientId", "users", "username");

    private RealmOverlay() {}

    public static ObjectNode merged(Path realmsDir) throws IOException {
        ObjectNode base = (ObjectNode)
                JSON.readTree(realmsDir.resolve("mendian-realm.json").toFile());
        JsonNode overlay = JSON.readTree(
                realmsDir.resolve("mendian-realm.dev-overlay.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String name = field.getKey();
            if (name.startsWith("_")) {
                continue;
            }
            if (IDS.containsKey(name)) {
                mergeById((ArrayNode) base.withArray(name), (ArrayNode) field.getValue(), IDS.get(name));
            } else {
                base.set(name, field.getValue());
            }
        }
        return base;
    }

    public static String mergedJson(Path realmsDir) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(merged(realmsDir));
    }

    private static void mergeById(ArrayNode base, ArrayNode overlay, String id) {
        for (JsonNode entry : overlay) {
            ObjectNode match = null;
            for (JsonNode existing : base) {
                if (existing.path(id).asText().equals(entry.path(id).asText())) {
                    match = (ObjectNode) existing;
                }
            }
            if (match == null) {
                base.add(entry);
            } else {
                match.setAll((ObjectNode) entry);
            }
        }
    }
}
