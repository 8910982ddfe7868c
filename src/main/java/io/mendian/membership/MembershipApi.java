package io.mendian.membership;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** What other contexts may ask of members. The session key and other WeChat secrets never leave membership. */
@ApplicationScoped
public class MembershipApi {

    private final EntityManager em;

    public MembershipApi(EntityManager em) {
        this.em = em;
    }

    /** Where the member can be reached: the mini-program they last signed in to, and their openid there. */
    public record Reach(String appid, String openid) {}

    public Optional<Reach> reach(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select appid, openid from member_identity where member_id = ?1 "
                        + "order by created_at desc limit 1")
                .setParameter(1, memberId)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Reach((String) r[0], (String) r[1]));
    }

    /** The member's openid in one of the brand's mini-programs (the payer of a WeChat Pay JSAPI payment). */
    public Optional<String> openid(long memberId, String appid) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery(
                        "select openid from member_identity where member_id = ?1 and appid = ?2 limit 1")
                .setParameter(1, memberId)
                .setParameter(2, appid)
                .getResultList();
        return rows.stream().findFirst();
    }

    /** Active members after {@code afterId}, in id order: a page of a segment for a distribution. */
    @SuppressWarnings("unchecked")
    public List<Long> activeMembersAfter(long afterId, int limit) {
        List<Number> ids = em.createNativeQuery(
                        "select id from member where status = 'ACTIVE' and id > ?1 order by id limit ?2")
                .setParameter(1, afterId)
                .setParameter(2, limit)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Which of these are active members of the brand. */
    @SuppressWarnings("unchecked")
    public java.util.Set<Long> activeAmong(java.util.Collection<Long> memberIds) {
        if (memberIds.isEmpty()) {
            return java.util.Set.of();
        }
        List<Number> ids = em.createNativeQuery("select id from member where status = 'ACTIVE' and id in (:ids)")
                .setParameter("ids", memberIds)
                .getResultList();
        return ids.stream().map(Number::longValue).collect(java.util.stream.Collectors.toSet());
    }
}
