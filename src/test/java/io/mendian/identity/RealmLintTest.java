package io.mendian.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.testinfra.RealmOverlay;

/**
 * The realm production imports carries nothing a development setup needs: no defaulted secret, no password-grant
 * client, no account with a password, no redirect to a developer's machine. Those live in the dev overlay only.
 */
class RealmLintTest {

    private static final Path REALMS = Path.of("keycloak-realms");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBaseRealmDefaultsNoPlaceholder() throws Exception {
        String text = Files.readString(REALMS.resolve("mendian-realm.json"));
        List<String> defaulted = new ArrayList<>();
        // ${NAME:default} is Keycloak's import substitution with a fallback; message keys such as ${username} have no
        // colon.
        Matcher m = Pattern.compile("\\$\\{[A-Za-z0-9_.]+:[^}]*}").matcher(text);
        while (m.find()) {
            defaulted.add(m.group());
        }
        assertEquals(List.of(), defaulted, "placeholders with a development default in the base realm");
    }

    @Test
    void theBaseRealmHasNoPasswordGrantClientNoLocalRedirectAndNoPasswords() throws Exception {
        JsonNode realm = JSON.readTree(REALMS.resolve("mendian-realm.json").toFile());
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean(false), id + " allows the password grant");
            assertFalse(client.path("implicitFlowEnabled").asBoolean(false), id + " allows the implicit flow");
            String redirects =
                    client.path("redirectUris").toString() + client.path("webOrigins") + client.path("attributes");
            assertFalse(
                    redirects.contains("localhost") || redirects.contains("127.0.0.1"),
                    id + " redirects to a local machine: " + redirects);
            if (!client.path("publicClient").asBoolean(false) && client.has("secret")) {
                assertTrue(client.path("secret").asText().matches("\\$\\{[A-Z0-9_]+}"), id + " has a literal secret");
            }
        }
        for (JsonNode user : realm.path("users")) {
            assertTrue(
                    user.path("credentials").isEmpty(),
                    user.path("username").asText() + " has a password in the base realm");
        }
    }

    @Test
    void theDevOverlayAddsThePasswordGrantClientAndTheDemoOperator() throws Exception {
        JsonNode merged = RealmOverlay.merged(REALMS);
        List<String> clients = new ArrayList<>();
        merged.path("clients").forEach(c -> clients.add(c.path("clientId").asText()));
        assertTrue(clients.contains("mendian-dev-cli"));
        assertEquals(clients.size(), clients.stream().distinct().count(), "clients merged by id");
        List<String> users = new ArrayList<>();
        merged.path("users").forEach(u -> users.add(u.path("username").asText()));
        assertTrue(users.contains("operator"));
        merged.path("clients").forEach(c -> {
            if (c.path("clientId").asText().equals("mendian-provisioner")) {
                assertEquals("dev-provisioner-secret", c.path("secret").asText());
                assertTrue(c.path("serviceAccountsEnabled").asBoolean(), "the overlay keeps the base fields");
            }
        });
    }
}
