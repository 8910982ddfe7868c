package io.mendian.identity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mendian.tenancy.TenantId;

/**
 * Brand organizations and staff accounts in Keycloak, through its Admin API with the provisioning service
 * account. Every method is idempotent, because provisioning retries steps after a crash: "create" means "make
 * sure it exists" and returns the existing object's id when it does.
 */
@ApplicationScoped
public class StaffAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final KeycloakConfig config;
    private final ObjectMapper json;
    private final AccountLocks locks;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String adminToken;
    private volatile Instant adminTokenExpiry = Instant.EPOCH;

    @jakarta.inject.Inject
    public StaffAccounts(KeycloakConfig config, ObjectMapper json, AccountLocks locks) {
        this.config = config;
        this.json = json;
        this.locks = locks;
    }

    /** Makes sure the brand's organization exists (name and alias are the slug) and returns its id. */
    public String ensureOrganization(TenantId tenant, String brandName) {
        Optional<String> existing = findOrganization(tenant);
        if (existing.isPresent()) {
            return existing.get();
        }
        ObjectNode body = json.createObjectNode()
                .put("name", tenant.value())
                .put("alias", tenant.value())
                .put("enabled", true)
                .put("description", brandName);
        var response = send("POST", "/organizations", body);
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw failure("create organization", response);
        }
        return findOrganization(tenant).orElseThrow(() -> new KeycloakException("organization vanished after create"));
    }

    public Optional<String> findOrganization(TenantId tenant) {
        var response =
                send("GET", "/organizations?exact=true&briefRepresentation=true&search=" + enc(tenant.value()), null);
        expect(response, 200, "search organizations");
        for (JsonNode org : read(response)) {
            if (tenant.value().equals(org.path("alias").asText())) {
                return Optional.of(org.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** Makes sure a staff user exists with this username/e-mail and returns its id. */
    public String ensureUser(String email, String firstName) {
        Optional<String> existing = findUser(email);
        if (existing.isPresent()) {
            return existing.get();
        }
        ObjectNode body = json.createObjectNode()
                .put("username", email)
                .put("email", email)
                .put("enabled", true)
                .put("emailVerified", true)
                .put("firstName", firstName)
                .put("lastName", "Admin");
        var response = send("POST", "/users", body);
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw failure("create user", response);
        }
        return findUser(email).orElseThrow(() -> new KeycloakException("user vanished after create"));
    }

    public Optional<String> findUser(String username) {
        var response = send("GET", "/users?exact=true&briefRepresentation=true&username=" + enc(username), null);
        expect(response, 200, "search users");
        for (JsonNode user : read(response)) {
            if (username.equalsIgnoreCase(user.path("username").asText())) {
                return Optional.of(user.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** Adds grants to the user's {@code grants} attribute, keeping the other attributes and grants as they are. */
    public void addGrants(String userId, List<Grant> grants) {
        editGrants(userId, values -> grants.forEach(g -> values.add(g.claim())));
    }

    /**
     * Read-modify-write of the user's grants. Keycloak's user update replaces the whole representation, so the
     * current one is read first and only the grants attribute is changed; nothing is written when nothing changed.
     */
    private void editGrants(String userId, java.util.function.Consumer<Set<String>> edit) {
        locks.exclusively(userId, () -> {
            readModifyWriteGrants(userId, edit);
            return null;
        });
    }

    private void readModifyWriteGrants(String userId, java.util.function.Consumer<Set<String>> edit) {
        var current = send("GET", "/users/" + enc(userId), null);
        expect(current, 200, "read user");
        ObjectNode user = (ObjectNode) read(current);
        ObjectNode attributes = user.has("attributes") && user.get("attributes").isObject()
                ? (ObjectNode) user.get("attributes")
                : user.putObject("attributes");
        Set<String> before = new LinkedHashSet<>();
        attributes.path("grants").forEach(v -> before.add(v.asText()));
        Set<String> after = new LinkedHashSet<>(before);
        edit.accept(after);
        if (after.equals(before)) {
            return;
        }
        ArrayNode array = attributes.putArray("grants");
        after.forEach(array::add);
        expect(send("PUT", "/users/" + enc(userId), user), 204, "update user grants");
    }

    /** A staff account as Keycloak holds it. */
    public record Account(
            String id, String username, String email, String firstName, boolean enabled, List<String> grants) {}

    public Optional<Account> account(String userId) {
        var response = send("GET", "/users/" + enc(userId), null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "read user");
        return Optional.of(account(read(response)));
    }

    /** Members of the organization, a page at a time, with their attributes. */
    public List<Account> members(String organizationId, int first, int max) {
        var response = send(
                "GET",
                "/organizations/" + enc(organizationId) + "/members?briefRepresentation=false&first=" + first + "&max="
                        + max,
                null);
        expect(response, 200, "list organization members");
        List<Account> accounts = new java.util.ArrayList<>();
        read(response).forEach(node -> accounts.add(account(node)));
        return accounts;
    }

    public long memberCount(String organizationId) {
        var response = send("GET", "/organizations/" + enc(organizationId) + "/members/count", null);
        expect(response, 200, "count organization members");
        return Long.parseLong(response.body().trim());
    }

    /** The organizations (brand slugs) the user is a member of. */
    public List<String> organizationsOf(String userId) {
        var response =
                send("GET", "/organizations/members/" + enc(userId) + "/organizations?briefRepresentation=true", null);
        expect(response, 200, "list the user's organizations");
        List<String> aliases = new java.util.ArrayList<>();
        read(response).forEach(org -> aliases.add(org.path("alias").asText()));
        return aliases;
    }

    /**
     * Whether the account holds a realm role of its own (an operator, say) beyond the realm's default roles: such an
     * account is never a brand's to disable or re-grant, even when it is a member of the brand.
     */
    public boolean holdsRealmRole(String userId) {
        var response = send("GET", "/users/" + enc(userId) + "/role-mappings/realm", null);
        expect(response, 200, "read realm roles");
        for (JsonNode role : read(response)) {
            if (!role.path("name").asText().startsWith("default-roles-")) {
                return true;
            }
        }
        return false;
    }

    /** Replaces the user's grants in one brand, keeping their grants in other brands untouched. */
    public void replaceGrants(String userId, TenantId tenant, List<Grant> grants) {
        editGrants(userId, values -> {
            values.removeIf(v -> v.startsWith(tenant.value() + ":"));
            grants.forEach(g -> values.add(g.claim()));
        });
    }

    public void removeMember(String organizationId, String userId) {
        var response = send("DELETE", "/organizations/" + enc(organizationId) + "/members/" + enc(userId), null);
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw failure("remove organization member", response);
        }
    }

    public void setEnabled(String userId, boolean enabled) {
        locks.exclusively(userId, () -> {
            var current = send("GET", "/users/" + enc(userId), null);
            expect(current, 200, "read user");
            ObjectNode user = (ObjectNode) read(current);
            user.put("enabled", enabled);
            expect(send("PUT", "/users/" + enc(userId), user), 204, enabled ? "enable user" : "disable user");
            return null;
        });
    }

    private static Account account(JsonNode node) {
        List<String> grants = new java.util.ArrayList<>();
        node.path("attributes").path("grants").forEach(v -> grants.add(v.asText()));
        return new Account(
                node.path("id").asText(),
                node.path("username").asText(),
                node.path("email").asText(null),
                node.path("firstName").asText(null),
                node.path("enabled").asBoolean(true),
                grants);
    }

    /** Deletes an organization (a brand whose signup was abandoned); a missing one is fine. */
    public void deleteOrganization(String organizationId) {
        var response = send("DELETE", "/organizations/" + enc(organizationId), null);
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw failure("delete organization", response);
        }
    }

    /** Deletes an account; only for one this platform created and nobody uses. A missing one is fine. */
    public void deleteUser(String userId) {
        var response = send("DELETE", "/users/" + enc(userId), null);
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw failure("delete user", response);
        }
    }

    /** Adds the user to the organization; already being a member is fine. */
    public void ensureMember(String organizationId, String userId) {
        var response = send(
                "POST",
                "/organizations/" + enc(organizationId) + "/members",
                json.getNodeFactory().textNode(userId));
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw failure("add organization member", response);
        }
    }

    /**
     * Sets a fresh random password and returns it. {@code temporary} makes Keycloak demand a new password at the
     * first login; dev and test use a non-temporary one so that scripts can log in with the password grant.
     */
    public String resetPassword(String userId, boolean temporary) {
        String password = randomPassword();
        ObjectNode body = json.createObjectNode()
                .put("type", "password")
                .put("value", password)
                .put("temporary", temporary);
        expect(send("PUT", "/users/" + enc(userId) + "/reset-password", body), 204, "set password");
        return password;
    }

    /** Asks Keycloak to e-mail the user a link to set their password (production path). */
    public void sendSetPasswordEmail(String userId) {
        ArrayNode actions = json.createArrayNode().add("UPDATE_PASSWORD");
        expect(
                send("PUT", "/users/" + enc(userId) + "/execute-actions-email?lifespan=259200", actions),
                204,
                "send set-password e-mail");
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder("Md-");
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) {
        URI uri = URI.create(config.url() + "/admin/realms/" + config.realm() + path);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + adminToken())
                    .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KeycloakException("Keycloak unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakException("interrupted while calling Keycloak");
        }
    }

    private synchronized String adminToken() throws IOException, InterruptedException {
        if (adminToken != null && Instant.now().isBefore(adminTokenExpiry)) {
            return adminToken;
        }
        String form = "grant_type=client_credentials&client_id=" + enc(config.provisionerClientId()) + "&client_secret="
                + enc(config.provisionerSecret());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(config.url() + "/realms/" + config.realm() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        expect(response, 200, "provisioner login");
        JsonNode token = read(response);
        adminToken = token.path("access_token").asText();
        // Renew well before expiry so that a long provisioning step never carries a token that dies mid-call.
        adminTokenExpiry =
                Instant.now().plusSeconds(Math.max(10, token.path("expires_in").asLong(60) - 30));
        return adminToken;
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new KeycloakException("unreadable Keycloak response");
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw failure(what, response);
        }
    }

    private static KeycloakException failure(String what, HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        return new KeycloakException(what + " failed: HTTP " + response.statusCode() + " "
                + body.substring(0, Math.min(300, body.length())));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A Keycloak call that failed; the message is safe to show to an operator. */
    public static final class KeycloakException extends RuntimeException {
        public KeycloakException(String message) {
            super(message);
        }
    }
}
