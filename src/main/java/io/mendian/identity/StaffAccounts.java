package io.mendian.identity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.mendian.tenancy.TenantId;
import io.mendian.web.Outages;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;

/**
 * Brand organizations and staff accounts in Keycloak, through the Keycloak admin client (on the Quarkus
 * {@code keycloak-admin-rest-client} extension), logged in as the provisioning service account. Every method is
 * idempotent, because provisioning retries steps after a crash: "create" means "make sure it exists" and returns the
 * existing object's id when it does.
 */
@ApplicationScoped
public class StaffAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SET_PASSWORD_LINK_LIFESPAN_SECONDS = 259_200;
    private final Keycloak keycloak;
    private final KeycloakConfig config;
    private final AccountLocks locks;

    /**
     * The extension's injectable {@code Keycloak} bean is request scoped, and provisioning and the jobs call from
     * background threads; so this bean builds its own client once (the builder still runs on the extension's Quarkus
     * REST client provider) and keeps it, with its cached and self-renewing service-account token, for its lifetime.
     */
    @Inject
    public StaffAccounts(KeycloakConfig config, AccountLocks locks) {
        this.config = config;
        this.locks = locks;
        this.keycloak = KeycloakBuilder.builder()
                .serverUrl(config.url())
                .realm(config.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(config.provisionerClientId())
                .clientSecret(config.provisionerSecret())
                .build();
    }

    @PreDestroy
    void close() {
        keycloak.close();
    }

    /** Makes sure the brand's organization exists (name and alias are the slug) and returns its id. */
    public String ensureOrganization(TenantId tenant, String brandName) {
        Optional<String> existing = findOrganization(tenant);
        if (existing.isPresent()) {
            return existing.get();
        }
        OrganizationRepresentation org = new OrganizationRepresentation();
        org.setName(tenant.value());
        org.setAlias(tenant.value());
        org.setEnabled(true);
        org.setDescription(brandName);
        created("create organization", () -> realm().organizations().create(org));
        return findOrganization(tenant).orElseThrow(() -> new KeycloakException("organization vanished after create"));
    }

    public Optional<String> findOrganization(TenantId tenant) {
        return call("search organizations", () -> realm().organizations().search(tenant.value(), true, 0, 10, true))
                .stream()
                .filter(org -> tenant.value().equals(org.getAlias()))
                .map(OrganizationRepresentation::getId)
                .findFirst();
    }

    /** Makes sure a staff user exists with this username/e-mail and returns its id. */
    public String ensureUser(String email, String firstName) {
        Optional<String> existing = findUser(email);
        if (existing.isPresent()) {
            return existing.get();
        }
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEnabled(true);
        user.setEmailVerified(true);
        user.setFirstName(firstName);
        user.setLastName("Admin");
        created("create user", () -> realm().users().create(user));
        return findUser(email).orElseThrow(() -> new KeycloakException("user vanished after create"));
    }

    public Optional<String> findUser(String username) {
        return call("search users", () -> realm().users().searchByUsername(username, true)).stream()
                .filter(user -> username.equalsIgnoreCase(user.getUsername()))
                .map(UserRepresentation::getId)
                .findFirst();
    }

    /** Adds grants to the user's {@code grants} attribute, keeping the other attributes and grants as they are. */
    public void addGrants(String userId, List<Grant> grants) {
        editGrants(userId, values -> grants.forEach(g -> values.add(g.claim())));
    }

    /** Replaces the user's grants in one brand, keeping their grants in other brands untouched. */
    public void replaceGrants(String userId, TenantId tenant, List<Grant> grants) {
        editGrants(userId, values -> {
            values.removeIf(v -> v.startsWith(tenant.value() + ":"));
            grants.forEach(g -> values.add(g.claim()));
        });
    }

    /**
     * Read-modify-write of the user's grants under the account's lock. Keycloak's user update replaces the whole
     * representation, so the current one is read first and only the grants attribute is changed; nothing is written
     * when nothing changed.
     */
    private void editGrants(String userId, Consumer<Set<String>> edit) {
        locks.exclusively(userId, () -> {
            UserRepresentation user =
                    call("read user", () -> realm().users().get(userId).toRepresentation());
            Map<String, List<String>> attributes = user.getAttributes() == null
                    ? new java.util.HashMap<>()
                    : new java.util.HashMap<>(user.getAttributes());
            Set<String> before = new LinkedHashSet<>(attributes.getOrDefault("grants", List.of()));
            Set<String> after = new LinkedHashSet<>(before);
            edit.accept(after);
            if (!after.equals(before)) {
                attributes.put("grants", new ArrayList<>(after));
                user.setAttributes(attributes);
                run("update user grants", () -> realm().users().get(userId).update(user));
            }
            return null;
        });
    }

    /** A staff account as Keycloak holds it. */
    public record Account(
            String id, String username, String email, String firstName, boolean enabled, List<String> grants) {}

    public Optional<Account> account(String userId) {
        try {
            return Optional.of(account(realm().users().get(userId).toRepresentation()));
        } catch (WebApplicationException e) {
            // The REST client reports a 404 as a plain WebApplicationException, not always as NotFoundException.
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw failure("read user", e);
        } catch (ProcessingException e) {
            throw failure("read user", e);
        }
    }

    /**
     * Members of the organization, a page at a time, with their attributes. The admin client's member list has no
     * {@code briefRepresentation} parameter and Keycloak answers brief members (no attributes, so no grants) without
     * it, so this one call goes through a typed proxy of our own on the same authenticated client.
     */
    public List<Account> members(String organizationId, int first, int max) {
        return call(
                        "list organization members",
                        () -> fullMembers().members(config.realm(), organizationId, false, first, max))
                .stream()
                .map(StaffAccounts::account)
                .toList();
    }

    public long memberCount(String organizationId) {
        return call(
                "count organization members",
                () -> realm().organizations().get(organizationId).members().count());
    }

    /** The organizations (brand slugs) the user is a member of. */
    public List<String> organizationsOf(String userId) {
        return call(
                        "list the user's organizations",
                        () -> realm().organizations().members().getOrganizations(userId, true))
                .stream()
                .map(OrganizationRepresentation::getAlias)
                .toList();
    }

    /**
     * Whether the account holds a realm role of its own (an operator, say) beyond the realm's default roles: such an
     * account is never a brand's to disable or re-grant, even when it is a member of the brand.
     */
    public boolean holdsRealmRole(String userId) {
        return call(
                        "read realm roles",
                        () -> realm().users().get(userId).roles().realmLevel().listAll())
                .stream()
                .anyMatch(role -> !role.getName().startsWith("default-roles-"));
    }

    public void removeMember(String organizationId, String userId) {
        gone(
                "remove organization member",
                () -> realm().organizations()
                        .get(organizationId)
                        .members()
                        .member(userId)
                        .delete());
    }

    public void setEnabled(String userId, boolean enabled) {
        locks.exclusively(userId, () -> {
            UserRepresentation user =
                    call("read user", () -> realm().users().get(userId).toRepresentation());
            user.setEnabled(enabled);
            run(
                    enabled ? "enable user" : "disable user",
                    () -> realm().users().get(userId).update(user));
            return null;
        });
    }

    /** Deletes an organization (a brand whose signup was abandoned); a missing one is fine. */
    public void deleteOrganization(String organizationId) {
        gone(
                "delete organization",
                () -> realm().organizations().get(organizationId).delete());
    }

    /** Deletes an account; only for one this platform created and nobody uses. A missing one is fine. */
    public void deleteUser(String userId) {
        gone("delete user", () -> realm().users().delete(userId));
    }

    /** Adds the user to the organization; already being a member is fine. */
    public void ensureMember(String organizationId, String userId) {
        created(
                "add organization member",
                () -> realm().organizations().get(organizationId).members().addMember(userId));
    }

    /**
     * Sets a fresh random password and returns it. {@code temporary} makes Keycloak demand a new password at the
     * first login; dev and test use a non-temporary one so that scripts can log in with the password grant.
     */
    public String resetPassword(String userId, boolean temporary) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(randomPassword());
        credential.setTemporary(temporary);
        run("set password", () -> realm().users().get(userId).resetPassword(credential));
        return credential.getValue();
    }

    /** Asks Keycloak to e-mail the user a link to set their password (production path). */
    public void sendSetPasswordEmail(String userId) {
        run(
                "send set-password e-mail",
                () -> realm().users()
                        .get(userId)
                        .executeActionsEmail(List.of("UPDATE_PASSWORD"), SET_PASSWORD_LINK_LIFESPAN_SECONDS));
    }

    private static Account account(UserRepresentation user) {
        Map<String, List<String>> attributes = user.getAttributes() == null ? Map.of() : user.getAttributes();
        return new Account(
                user.getId(),
                user.getUsername(),
                user.getEmail(),
                user.getFirstName(),
                user.isEnabled() == null || user.isEnabled(),
                List.copyOf(attributes.getOrDefault("grants", List.of())));
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder("Md-");
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private RealmResource realm() {
        return keycloak.realm(config.realm());
    }

    private FullMembers fullMembers() {
        return keycloak.proxy(FullMembers.class, java.net.URI.create(config.url()));
    }

    /** The organization member list with full representations (see {@link #members}). */
    @Path("/admin/realms/{realm}/organizations/{org}/members")
    public interface FullMembers {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        List<MemberRepresentation> members(
                @PathParam("realm") String realm,
                @PathParam("org") String organizationId,
                @QueryParam("briefRepresentation") boolean brief,
                @QueryParam("first") int first,
                @QueryParam("max") int max);
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (WebApplicationException | ProcessingException e) {
            throw failure(what, e);
        }
    }

    private static void run(String what, Runnable action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    /** A create that already happened (409) is fine: every create here is "make sure it exists". */
    private static void created(String what, Supplier<Response> action) {
        expectStatus(what, action, 201, 204, 409);
    }

    /** A delete of something already gone (404) is fine. */
    private static void gone(String what, Supplier<Response> action) {
        expectStatus(what, action, 204, 404);
    }

    private static void expectStatus(String what, Supplier<Response> action, int... accepted) {
        try (Response response = call(what, action)) {
            for (int status : accepted) {
                if (response.getStatus() == status) {
                    return;
                }
            }
            throw new KeycloakException(what + " failed: HTTP " + response.getStatus() + " " + excerpt(response));
        }
    }

    /**
     * Keycloak answering with an error is a fault to look into; Keycloak not answering at all (refused, timed out, not
     * found in DNS, or a gateway's 502/503/504 in front of it) is an outage, which the caller hears as 503
     * identity-unavailable: staff changes wait, everything signed in keeps working.
     */
    private static RuntimeException failure(String what, RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status == 502 || status == 503 || status == 504) {
                return unavailable(what, "HTTP " + status);
            }
            return new KeycloakException(what + " failed: HTTP " + status + " " + excerpt(web.getResponse()));
        }
        if (Outages.unreachable(e)) {
            return unavailable(what, String.valueOf(e.getMessage()));
        }
        Log.errorf(e, "Keycloak call failed (%s)", what);
        return new KeycloakException("Keycloak call failed (" + what + "): " + e.getMessage());
    }

    private static ProblemException unavailable(String what, String why) {
        Log.warnf("Keycloak unreachable (%s): %s", what, why);
        return new ProblemException(Problem.of(
                        503,
                        "identity-unavailable",
                        "Sign-in service unavailable",
                        "the sign-in service cannot be reached right now, so accounts cannot be changed; "
                                + "everyone signed in keeps working. Try again in a minute.")
                .with("retryAfterSeconds", 30));
    }

    private static String excerpt(Response response) {
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return body.substring(0, Math.min(300, body.length()));
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** A Keycloak call that failed; the message is safe to show to an operator. */
    public static final class KeycloakException extends RuntimeException {
        public KeycloakException(String message) {
            super(message);
        }
    }
}
