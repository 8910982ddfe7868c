package io.mendian.membership.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.platform.WeChatLogins.WeChatUser;

/**
 * Finds or creates the member a WeChat user is in this brand. The unionid, when WeChat gives one, identifies the same
 * person across the brand's mini-programs; otherwise the (appid, openid) pair does. Concurrent first logins of one
 * person create one member: the identity row's primary key decides, and the loser reads the winner's member.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Members {

    /** The member and whether this login created them. */
    public record Found(long memberId, boolean created) {}

    private final EntityManager em;

    public Members(EntityManager em) {
        this.em = em;
    }

    public Found upsert(String appid, WeChatUser user) {
        Long existing = byIdentity(appid, user.openid());
        if (existing == null && user.unionid().isPresent()) {
            existing = single(
                    "select id from member where unionid = ?1", user.unionid().get());
            if (existing != null) {
                link(appid, user.openid(), existing);
            }
        }
        if (existing != null) {
            em.createNativeQuery("update member set last_login_at = now() where id = ?1")
                    .setParameter(1, existing)
                    .executeUpdate();
            return new Found(existing, false);
        }
        long id = ((Number) em.createNativeQuery(
                                "insert into member (unionid, created_at, last_login_at) values "
                                        + "(?1, now(), now()) on conflict (unionid) do update set last_login_at = now() returning id")
                        .setParameter(1, user.unionid().orElse(null))
                        .getSingleResult())
                .longValue();
        int linked = link(appid, user.openid(), id);
        if (linked == 0) {
            // Someone else's first login of the same person won the race: theirs is the member.
            Long winner = byIdentity(appid, user.openid());
            em.createNativeQuery("delete from member where id = ?1 and not exists (select 1 from member_identity "
                            + "where member_id = ?1)")
                    .setParameter(1, id)
                    .executeUpdate();
            return new Found(winner, false);
        }
        return new Found(id, true);
    }

    public String status(long memberId) {
        return (String) em.createNativeQuery("select status from member where id = ?1")
                .setParameter(1, memberId)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private int link(String appid, String openid, long memberId) {
        return em.createNativeQuery("insert into member_identity (appid, openid, member_id, created_at) values "
                        + "(?1, ?2, ?3, now()) on conflict (appid, openid) do nothing")
                .setParameter(1, appid)
                .setParameter(2, openid)
                .setParameter(3, memberId)
                .executeUpdate();
    }

    private Long byIdentity(String appid, String openid) {
        return single("select member_id from member_identity where appid = ?1 and openid = ?2", appid, openid);
    }

    private Long single(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Number> rows = query.getResultList();
        return rows.isEmpty() ? null : rows.get(0).longValue();
    }
}
