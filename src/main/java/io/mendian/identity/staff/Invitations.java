package io.mendian.identity.staff;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.identity.Grant;
import io.mendian.identity.StaffAccounts;
import io.mendian.messaging.AfterCommit;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Staff identity by consent: a brand never attaches an account it did not create. Inviting an address whose account
 * exists (or signing up with one) stores a pending invitation in {@code platform.staff_invitation}; only the account's
 * owner, signed in, accepts it, and only then does the account join the brand's organization and gain the grants.
 *
 * <p>Invitations live on the control plane (and are read through its persistence unit, so that provisioning, which
 * runs without a tenant, can issue them) because the invitee reads theirs across every brand by address. Brand
 * reads take the brand's {@link TenantId}; the invitee's reads take the address Keycloak holds for the signed-in
 * account, never an address the client sends.
 */
@ApplicationScoped
public class Invitations {

    static final int VALID_DAYS = 14;
    private static final String COLUMNS = "id, tenant_id, email, grants, status, invited_by, created_at, expires_at";

    private final EntityManager em;
    private final StaffAccounts accounts;
    private final StaffSeats seats;
    private final Event<InvitationIssued> issued;
    private final EntityManager brandEm;
    private final Tenants tenants;
    private final AfterCommit afterCommit;
    private final Shards shards;

    public Invitations(
            @PersistenceUnit("platform") EntityManager em,
            StaffAccounts accounts,
            StaffSeats seats,
            Event<InvitationIssued> issued,
            EntityManager brandEm,
            Tenants tenants,
            AfterCommit afterCommit,
            Shards shards) {
        this.shards = shards;
        this.em = em;
        this.brandEm = brandEm;
        this.tenants = tenants;
        this.afterCommit = afterCommit;
        this.accounts = accounts;
        this.seats = seats;
        this.issued = issued;
    }

    /**
     * Stores (or renews) the brand's pending invitation for this address and mails it after commit. An upsert: HQ's
     * retry of an invitation whose brand transaction failed after this committed (a brand on another server) finds and
     * renews the same invitation.
     */
    public InvitationView issue(TenantId tenant, String email, List<Grant> grants, String invitedBy) {
        return shards.controlPlane(tenant, () -> store(tenant, email, grants, invitedBy));
    }

    private InvitationView store(TenantId tenant, String email, List<Grant> grants, String invitedBy) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        String claims = String.join(",", grants.stream().map(Grant::claim).toList());
        // One pending invitation per brand and address: inviting again replaces the roles offered and the expiry.
        InvitationView view = rows(em.createNativeQuery(
                                "insert into platform.staff_invitation (id, tenant_id, email, grants, status, invited_by, expires_at) "
                                        + "values (?1, ?2, ?3, ?4, 'PENDING', ?5, now() + make_interval(days => ?6)) "
                                        + "on conflict (tenant_id, email) where status = 'PENDING' do update set grants = excluded.grants, "
                                        + "invited_by = excluded.invited_by, expires_at = excluded.expires_at returning "
                                        + COLUMNS)
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, tenant.value())
                        .setParameter(3, address)
                        .setParameter(4, claims)
                        .setParameter(5, invitedBy)
                        .setParameter(6, VALID_DAYS)
                        .getResultList())
                .get(0);
        issued.fire(new InvitationIssued(view.id(), tenant.value(), address, view.grants(), invitedBy));
        return view;
    }

    /** The brand's invitations that still wait for an answer. */
    public List<InvitationView> pendingForBrand(TenantId tenant) {
        return shards.controlPlane(
                tenant,
                () -> rows(em.createNativeQuery("select " + COLUMNS
                                + " from platform.staff_invitation where tenant_id = ?1 and status = 'PENDING' "
                                + "and expires_at > now() order by created_at desc limit 500")
                        .setParameter(1, tenant.value())
                        .getResultList()));
    }

    /** Withdraws one of the brand's pending invitations; another brand's id is not found. */
    public void revoke(TenantId tenant, String id) {
        int changed = shards.controlPlane(
                tenant,
                () -> em.createNativeQuery(
                                "update platform.staff_invitation set status = 'REVOKED', decided_at = now() "
                                        + "where id = ?1 and tenant_id = ?2 and status = 'PENDING'")
                        .setParameter(1, uuid(id))
                        .setParameter(2, tenant.value())
                        .executeUpdate());
        if (changed == 0) {
            throw ProblemException.notFound("invitation " + id);
        }
    }

    /** The signed-in person's pending invitations, found by the address Keycloak holds for their account. */
    @Transactional
    public List<InvitationView> pendingFor(String userId) {
        String email = verifiedEmail(userId);
        return rows(em.createNativeQuery(
                        "select " + COLUMNS + " from platform.staff_invitation where email = ?1 and status = 'PENDING' "
                                + "and expires_at > now() order by created_at desc limit 100")
                .setParameter(1, email)
                .getResultList());
    }

    /**
     * The invitee accepts: the account joins the brand's organization with the grants offered. The invitation row is
     * locked first, so two accepts (or an accept racing a revoke) decide once. The seat is taken in the brand's own
     * unit of work (its lock lives on the brand's server) and commits before the decision; Keycloak's writes are
     * idempotent and a member already counted takes no second seat, so a retry after any failure runs them again.
     */
    @Transactional
    public InvitationView accept(String userId, String id) {
        InvitationView invitation = lockPendingFor(userId, id);
        TenantId tenant = new TenantId(invitation.brand());
        String org = accounts.findOrganization(tenant).orElseThrow(() -> ProblemException.notFound("invitation " + id));
        tenants.runAs(
                tenant,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    boolean member = accounts.organizationsOf(userId).contains(tenant.value());
                    seats.requireSeat(tenant, org, member);
                    accounts.addGrants(
                            userId,
                            invitation.grants().stream()
                                    .map(Grant::parse)
                                    .flatMap(Optional::stream)
                                    .toList());
                    accounts.ensureMember(org, userId);
                }));
        decide(id, "ACCEPTED");
        audit(tenant, invitation.email(), "staff.invitation.accept", "grants " + invitation.grants());
        return load(id);
    }

    @Transactional
    public InvitationView decline(String userId, String id) {
        InvitationView invitation = lockPendingFor(userId, id);
        decide(id, "DECLINED");
        audit(new TenantId(invitation.brand()), invitation.email(), "staff.invitation.decline", null);
        return load(id);
    }

    private InvitationView lockPendingFor(String userId, String id) {
        String email = verifiedEmail(userId);
        List<?> rows = em.createNativeQuery(
                        "select " + COLUMNS + " from platform.staff_invitation where id = ?1 and email = ?2 "
                                + "and status = 'PENDING' and expires_at > now() for update")
                .setParameter(1, uuid(id))
                .setParameter(2, email)
                .getResultList();
        if (rows.isEmpty()) {
            // Someone else's invitation, a decided one or an expired one all look the same from outside.
            throw ProblemException.notFound("invitation " + id);
        }
        return rows(rows).get(0);
    }

    private void decide(String id, String status) {
        em.createNativeQuery("update platform.staff_invitation set status = ?2, decided_at = now() where id = ?1")
                .setParameter(1, uuid(id))
                .setParameter(2, status)
                .executeUpdate();
    }

    /**
     * The brand's staff audit log, written once the decision commits, in the brand's own unit of work: the brand's
     * schema may live on another server than the invitations (docs/adr/0022), and one transaction never spans two.
     */
    private void audit(TenantId tenant, String actor, String action, String detail) {
        afterCommit.run(() -> {
            try {
                tenants.runAs(
                        tenant,
                        () -> QuarkusTransaction.requiringNew()
                                .run(() -> brandEm.createNativeQuery(
                                                "insert into staff_audit (actor, action, target_user, "
                                                        + "detail) values (?1, ?2, ?1, ?3)")
                                        .setParameter(1, actor)
                                        .setParameter(2, action)
                                        .setParameter(3, detail)
                                        .executeUpdate()));
            } catch (RuntimeException e) {
                // After the commit nobody could be told: the decision stands, so the missing line is logged instead.
                Log.errorf(e, "staff audit line %s for %s of brand %s not written", action, actor, tenant);
            }
        });
    }

    private String verifiedEmail(String userId) {
        var account = accounts.account(userId)
                .orElseThrow(() -> ProblemException.forbidden("no-account", "your account no longer exists"));
        if (account.email() == null || account.email().isBlank()) {
            throw ProblemException.forbidden(
                    "no-email", "your account has no e-mail address, so no invitation can be addressed to it");
        }
        return account.email().toLowerCase(Locale.ROOT);
    }

    private InvitationView load(String id) {
        return rows(em.createNativeQuery("select " + COLUMNS + " from platform.staff_invitation where id = ?1")
                        .setParameter(1, uuid(id))
                        .getResultList())
                .get(0);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound("invitation");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<InvitationView> rows(List<?> rows) {
        return ((List<Object[]>) rows)
                .stream()
                        .map(r -> new InvitationView(
                                r[0].toString(),
                                (String) r[1],
                                (String) r[2],
                                Arrays.asList(((String) r[3]).split(",")),
                                (String) r[4],
                                (String) r[5],
                                Rows.offset(r[6]),
                                Rows.offset(r[7])))
                        .toList();
    }
}
