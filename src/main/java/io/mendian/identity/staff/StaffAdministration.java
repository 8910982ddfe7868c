package io.mendian.identity.staff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.identity.AccessPolicy;
import io.mendian.identity.Caller;
import io.mendian.identity.Capability;
import io.mendian.identity.Grant;
import io.mendian.identity.Role;
import io.mendian.identity.Scope;
import io.mendian.identity.StaffAccounts;
import io.mendian.identity.StaffAccounts.Account;
import io.mendian.tenancy.UsageChanged;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/**
 * Staff and roles of one brand (H9), written to Keycloak through the Admin API: invite, change grants, revoke,
 * disable. Nobody can hand out a role above their own or a scope outside theirs, and every change is audited in the
 * brand's schema. Tokens reflect a change at their next refresh.
 */
@ApplicationScoped
public class StaffAdministration {

    private static final int SCOPED_LISTING_CAP = 2000;
    private final StaffAccounts accounts;
    private final AccessPolicy policy;
    private final EntityManager em;
    private final boolean exposePassword;

    private final Event<UsageChanged> usage;
    private final Invitations invitations;
    private final StaffSeats seats;

    public StaffAdministration(
            StaffAccounts accounts,
            AccessPolicy policy,
            EntityManager em,
            Event<UsageChanged> usage,
            Invitations invitations,
            StaffSeats seats,
            @ConfigProperty(name = "mendian.signup.expose-temporary-password", defaultValue = "false")
                    boolean exposePassword) {
        this.invitations = invitations;
        this.seats = seats;
        this.usage = usage;
        this.accounts = accounts;
        this.policy = policy;
        this.em = em;
        this.exposePassword = exposePassword;
    }

    public Page<StaffView> list(Caller caller, PageRequest page) {
        String org = organization(caller);
        boolean brandWide = policy.storeFilter(caller, Capability.STAFF_READ).all();
        if (brandWide) {
            List<StaffView> items = accounts.members(org, page.offset(), page.size()).stream()
                    .map(a -> view(caller, a, null))
                    .toList();
            return new Page<>(items, page.page(), page.size(), accounts.memberCount(org));
        }
        // Scoped managers see the staff whose grants here all fall inside their own scope.
        List<StaffView> visible = accounts.members(org, 0, SCOPED_LISTING_CAP).stream()
                .filter(a -> policy.reachesMember(caller, Capability.STAFF_READ, grantsIn(caller, a)))
                .map(a -> view(caller, a, null))
                .toList();
        int from = Math.min(page.offset(), visible.size());
        return new Page<>(
                visible.subList(from, Math.min(from + page.size(), visible.size())),
                page.page(),
                page.size(),
                visible.size());
    }

    /**
     * Adds staff by consent: a new address gets an account the brand creates (and its owner sets the password by
     * e-mail); an address already on this brand's staff gains the roles; any other existing account only gets a pending
     * invitation, so that no brand can attach, or learn the id or name of, an account that is not theirs.
     */
    @Transactional
    public Idempotency.Outcome invite(Caller caller, InviteRequest request) {
        List<Grant> grants = parse(caller, request.grants());
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        String org = organization(caller);
        var existing = accounts.findUser(email);
        if (existing.isPresent()
                && !accounts.organizationsOf(existing.get())
                        .contains(caller.tenant().value())) {
            // The audit line first, as in withdrawInvitation: the invitation may commit before this transaction.
            audit(
                    caller,
                    "staff.invite",
                    email,
                    "invitation " + claims(grants) + " (existing account; waits for acceptance)");
            InvitationView invitation = invitations.issue(caller.tenant(), email, grants, caller.username());
            return new Idempotency.Outcome(Response.Status.ACCEPTED, invitation);
        }
        boolean alreadyMember = existing.isPresent();
        seats.requireSeat(caller.tenant(), org, alreadyMember);
        String userId = existing.orElseGet(() -> accounts.ensureUser(
                email, request.name() == null ? email.substring(0, email.indexOf('@')) : request.name()));
        accounts.addGrants(userId, grants);
        accounts.ensureMember(org, userId);
        String password = null;
        if (!alreadyMember) {
            if (exposePassword) {
                password = accounts.resetPassword(userId, false);
            } else {
                accounts.sendSetPasswordEmail(userId);
            }
        }
        audit(
                caller,
                "staff.invite",
                email,
                "grants " + claims(grants) + (alreadyMember ? " (already staff)" : " (new account)"));
        staffCounted(caller, org);
        return new Idempotency.Outcome(
                Response.Status.CREATED, view(caller, accounts.account(userId).orElseThrow(), password));
    }

    /** Pending invitations whose every role the caller could hand out themselves. */
    @Transactional
    public List<InvitationView> pendingInvitations(Caller caller) {
        return invitations.pendingForBrand(caller.tenant()).stream()
                .filter(i -> reaches(caller, i))
                .toList();
    }

    @Transactional
    public void withdrawInvitation(Caller caller, String invitationId) {
        InvitationView invitation = pendingInvitations(caller).stream()
                .filter(i -> i.id().equals(invitationId))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("invitation " + invitationId));
        // The audit line first: the revocation may commit on the control plane's server before this transaction, so
        // a failure writing on the brand's server must come before it.
        audit(caller, "staff.invitation.withdraw", invitation.email(), "offered " + invitation.grants());
        invitations.revoke(caller.tenant(), invitation.id());
    }

    private boolean reaches(Caller caller, InvitationView invitation) {
        List<Grant> offered = invitation.grants().stream()
                .map(Grant::parse)
                .flatMap(java.util.Optional::stream)
                .toList();
        return policy.reachesMember(caller, Capability.STAFF_MANAGE, offered);
    }

    @Transactional
    public StaffView replaceGrants(Caller caller, String userId, GrantsRequest request) {
        Account target = manageable(caller, userId);
        List<Grant> grants = parse(caller, request.grants());
        accounts.replaceGrants(userId, caller.tenant(), grants);
        audit(caller, "staff.grants", target.username(), claims(grantsIn(caller, target)) + " -> " + claims(grants));
        return view(caller, accounts.account(userId).orElseThrow(), null);
    }

    @Transactional
    public void revoke(Caller caller, String userId) {
        Account target = manageable(caller, userId);
        accounts.replaceGrants(userId, caller.tenant(), List.of());
        accounts.removeMember(organization(caller), userId);
        audit(caller, "staff.revoke", target.username(), "removed " + claims(grantsIn(caller, target)));
        staffCounted(caller, organization(caller));
    }

    /** Tells the SaaS meter the brand's staff count; observed after commit. */
    private void staffCounted(Caller caller, String org) {
        usage.fire(UsageChanged.level(caller.tenant(), UsageChanged.Metric.STAFF, accounts.memberCount(org)));
    }

    @Transactional
    public StaffView setEnabled(Caller caller, String userId, boolean enabled) {
        Account target = manageable(caller, userId);
        List<String> brands = accounts.organizationsOf(userId);
        if (brands.stream().anyMatch(b -> !b.equals(caller.tenant().value()))) {
            throw ProblemException.conflict(
                    "shared-account",
                    "this account also works for other brands; revoke its roles here instead of disabling it");
        }
        accounts.setEnabled(userId, enabled);
        audit(caller, enabled ? "staff.enable" : "staff.disable", target.username(), null);
        return view(caller, accounts.account(userId).orElseThrow(), null);
    }

    @Transactional
    public Page<AuditEntry> audit(PageRequest page) {
        Number total = (Number)
                em.createNativeQuery("select count(*) from staff_audit").getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select id, actor, action, target_user, detail, created_at from staff_audit "
                                + "order by created_at desc, id desc limit :limit offset :offset")
                .setParameter("limit", page.size())
                .setParameter("offset", page.offset())
                .getResultList();
        List<AuditEntry> items = rows.stream()
                .map(r -> new AuditEntry(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        Rows.offset(r[5])))
                .toList();
        return new Page<>(items, page.page(), page.size(), total.longValue());
    }

    /** The target must be staff of this brand, not the caller, and entirely within what the caller may grant. */
    private Account manageable(Caller caller, String userId) {
        if (userId == null || !userId.matches("^[0-9a-fA-F-]{36}$")) {
            throw ProblemException.notFound("staff member");
        }
        if (userId.equals(caller.subject())) {
            throw ProblemException.conflict(
                    "self-change", "you cannot change your own roles or account; ask another administrator");
        }
        // Not this brand's member, or an operator's account: the same 404 either way, so nothing is learnt about it.
        Account target =
                accounts.account(userId).orElseThrow(() -> ProblemException.notFound("staff member " + userId));
        if (!accounts.organizationsOf(userId).contains(caller.tenant().value()) || accounts.holdsRealmRole(userId)) {
            throw ProblemException.notFound("staff member " + userId);
        }
        if (!policy.reachesMember(caller, Capability.STAFF_MANAGE, grantsIn(caller, target))) {
            throw ProblemException.forbidden(
                    "above-your-role", "this person holds a role above yours or outside your scope");
        }
        return target;
    }

    private List<Grant> parse(Caller caller, List<GrantRequest> requests) {
        List<Grant> grants = new ArrayList<>();
        for (GrantRequest request : requests) {
            Role role = Role.fromClaim(request.role())
                    .orElseThrow(() -> ProblemException.badRequest("invalid-role", "unknown role " + request.role()));
            Scope scope = Scope.parse(request.scope());
            Grant grant = new Grant(caller.tenant(), role, scope);
            if (!policy.exists(scope)) {
                throw ProblemException.unprocessable("unknown-scope", "no " + request.scope() + " in this brand");
            }
            if (!policy.canGrant(caller, Capability.STAFF_MANAGE, grant)) {
                throw ProblemException.forbidden(
                        "above-your-role",
                        "you cannot grant " + request.role() + " on " + request.scope()
                                + ": it is above your own role or outside your scope");
            }
            grants.add(grant);
        }
        return grants;
    }

    private String organization(Caller caller) {
        return accounts.findOrganization(caller.tenant())
                .orElseThrow(() -> new IllegalStateException("brand without organization"));
    }

    private static List<Grant> grantsIn(Caller caller, Account account) {
        return account.grants().stream()
                .map(Grant::parse)
                .flatMap(java.util.Optional::stream)
                .filter(g -> g.tenant().equals(caller.tenant()))
                .toList();
    }

    private static String claims(List<Grant> grants) {
        return grants.stream().map(Grant::claim).toList().toString();
    }

    private static StaffView view(Caller caller, Account account, String password) {
        return new StaffView(
                account.id(),
                account.username(),
                account.email(),
                account.firstName(),
                account.enabled(),
                grantsIn(caller, account).stream().map(Grant::claim).toList(),
                password);
    }

    private void audit(Caller caller, String action, String target, String detail) {
        em.createNativeQuery(
                        "insert into staff_audit (actor, action, target_user, detail) values (:actor, :action, :target, :detail)")
                .setParameter("actor", caller.username())
                .setParameter("action", action)
                .setParameter("target", target)
                .setParameter(
                        "detail", detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail)
                .executeUpdate();
    }
}
