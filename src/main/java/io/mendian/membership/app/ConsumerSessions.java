package io.mendian.membership.app;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.membership.api.SessionView;
import io.mendian.platform.WeChatLogins;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;

/**
 * Consumer sign-in (C1). A login exchanges the mini-program's {@code wx.login()} code with WeChat, finds or creates
 * the member, and opens a session: a short-lived access token and a refresh token. Refreshing rotates the refresh
 * token; presenting one that was already rotated means it leaked, so the whole session family is revoked.
 */
@ApplicationScoped
public class ConsumerSessions {

    private final WeChatLogins wechat;
    private final Members members;
    private final ConsumerTokens tokens;
    private final TenantContext tenant;
    private final EntityManager em;
    private final Duration refreshTtl;

    public ConsumerSessions(
            WeChatLogins wechat,
            Members members,
            ConsumerTokens tokens,
            TenantContext tenant,
            EntityManager em,
            @ConfigProperty(name = "mendian.consumer-token.refresh-ttl", defaultValue = "P30D") Duration refreshTtl) {
        this.wechat = wechat;
        this.members = members;
        this.tokens = tokens;
        this.tenant = tenant;
        this.em = em;
        this.refreshTtl = refreshTtl;
    }

    /** WeChat is called before the transaction opens: no database connection is held while waiting on it. */
    public SessionView login(String appid, String code) {
        var user = wechat.codeToSession(appid, code);
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            var found = members.upsert(appid, user);
            requireActive(found.memberId());
            return open(appid, found.memberId(), UUID.randomUUID(), found.created());
        });
    }

    /** A refused refresh still commits what it decided (a leaked token's family stays revoked). */
    @Transactional(dontRollbackOn = ProblemException.class)
    public SessionView refresh(String appid, String refreshToken) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, family, member_id, appid, expires_at, rotated_at, "
                        + "revoked_at from member_session where refresh_hash = ?1 for update")
                .setParameter(1, ConsumerTokens.hash(refreshToken))
                .getResultList();
        if (rows.isEmpty()) {
            throw invalid();
        }
        Object[] r = rows.get(0);
        UUID family = (UUID) r[1];
        long member = ((Number) r[2]).longValue();
        if (r[6] != null || !appid.equals(r[3])) {
            throw invalid();
        }
        if (r[5] != null) {
            // A rotated token came back: someone kept a copy. End every session of the family.
            revokeFamily(family);
            throw invalid();
        }
        if (io.mendian.web.Rows.offset(r[4]).isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw invalid();
        }
        requireActive(member);
        em.createNativeQuery("update member_session set rotated_at = now() where id = ?1")
                .setParameter(1, r[0])
                .executeUpdate();
        return open(appid, member, family, false);
    }

    /** Signs the member out of every session in this brand (access tokens already issued lapse within their TTL). */
    @Transactional
    public void logoutEverywhere(long memberId) {
        em.createNativeQuery("update member_session set revoked_at = now() where member_id = ?1 and revoked_at is null")
                .setParameter(1, memberId)
                .executeUpdate();
    }

    /** A new session family for a member who proved who they are some other way (an SMS code, a merge). */
    public SessionView openFor(String appid, long memberId, boolean newMember) {
        requireActive(memberId);
        return open(appid, memberId, UUID.randomUUID(), newMember);
    }

    private SessionView open(String appid, long memberId, UUID family, boolean newMember) {
        String refresh = ConsumerTokens.newRefreshToken();
        em.createNativeQuery("insert into member_session (id, family, member_id, refresh_hash, appid, created_at, "
                        + "expires_at) values (?1, ?2, ?3, ?4, ?5, now(), now() + make_interval(secs => ?6))")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, family)
                .setParameter(3, memberId)
                .setParameter(4, ConsumerTokens.hash(refresh))
                .setParameter(5, appid)
                .setParameter(6, refreshTtl.toSeconds())
                .executeUpdate();
        return new SessionView(
                tokens.access(tenant.require(), memberId, appid, family),
                "Bearer",
                tokens.accessTtl().toSeconds(),
                refresh,
                refreshTtl.toSeconds(),
                memberId,
                newMember);
    }

    private void revokeFamily(UUID family) {
        em.createNativeQuery("update member_session set revoked_at = now() where family = ?1 and revoked_at is null")
                .setParameter(1, family)
                .executeUpdate();
    }

    private void requireActive(long memberId) {
        if (!"ACTIVE".equals(members.status(memberId))) {
            throw ProblemException.forbidden("member-disabled", "this membership is disabled; contact the brand");
        }
    }

    private static ProblemException invalid() {
        return new ProblemException(Problem.of(
                401, "invalid-refresh-token", "Sign in again", "the refresh token is invalid, expired or was revoked"));
    }
}
