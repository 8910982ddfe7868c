package io.mendian.membership.login;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.membership.MemberHistory;
import io.mendian.membership.api.SessionView;
import io.mendian.membership.app.ConsumerSessions;
import io.mendian.platform.WeChatLogins;
import io.mendian.web.ProblemException;

/**
 * Phones as identity (C1): H5 sign-in with an SMS code (finding or creating the member who holds the phone), and a
 * WeChat member binding the phone WeChat vouches for. A WeChat member with no history whose phone belongs to a member
 * who came through H5 is merged into that member: their WeChat identity moves over and they sign in as that member.
 */
@ApplicationScoped
public class PhoneSignIn {

    /** What binding a phone did: the phone as shown, and the session of the member merged into, if any. */
    public record Bound(String phone, boolean merged, SessionView session) {}

    private final SmsCodes codes;
    private final MemberPhones phones;
    private final ConsumerSessions sessions;
    private final WeChatLogins wechat;
    private final Instance<MemberHistory> histories;
    private final EntityManager em;

    public PhoneSignIn(
            SmsCodes codes,
            MemberPhones phones,
            ConsumerSessions sessions,
            WeChatLogins wechat,
            Instance<MemberHistory> histories,
            EntityManager em) {
        this.codes = codes;
        this.phones = phones;
        this.sessions = sessions;
        this.wechat = wechat;
        this.histories = histories;
        this.em = em;
    }

    public void sendCode(String appid, String rawPhone) {
        codes.send(appid, MemberPhones.mobile(rawPhone));
    }

    @Transactional
    public SessionView signIn(String appid, String rawPhone, String code) {
        String phone = MemberPhones.mobile(rawPhone);
        codes.verify(phone, code);
        Long member = phones.holder(phone);
        boolean created = member == null;
        long id = created ? phones.createWith(phone) : member;
        em.createNativeQuery("update member set last_login_at = now() where id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        return sessions.openFor(appid, id, created);
    }

    @Transactional
    public Bound bind(String appid, long memberId, String phoneCode) {
        String phone = MemberPhones.mobile(wechat.phoneNumber(appid, phoneCode));
        Long holder = phones.holder(phone);
        if (holder == null || holder == memberId) {
            phones.set(memberId, phone);
            return new Bound(MemberPhones.mask(phone), false, null);
        }
        boolean holderHasWeChat = !em.createNativeQuery("select 1 from member_identity where member_id = ?1")
                .setParameter(1, holder)
                .getResultList()
                .isEmpty();
        if (holderHasWeChat || hasHistory(memberId)) {
            throw ProblemException.conflict(
                    "phone-taken",
                    "this phone belongs to another membership of the brand; ask the brand to merge them");
        }
        merge(memberId, holder);
        return new Bound(MemberPhones.mask(phone), true, sessions.openFor(appid, holder, false));
    }

    /** The empty WeChat member's identity moves to the phone's holder; they are kept as MERGED for the record. */
    private void merge(long from, long into) {
        @SuppressWarnings("unchecked")
        List<String> unionid = em.createNativeQuery("select unionid from member where id = ?1 and unionid is not null")
                .setParameter(1, from)
                .getResultList();
        em.createNativeQuery("update member set status = 'MERGED', merged_into = ?2, unionid = null where id = ?1")
                .setParameter(1, from)
                .setParameter(2, into)
                .executeUpdate();
        if (!unionid.isEmpty()) {
            em.createNativeQuery("update member set unionid = ?2 where id = ?1 and unionid is null")
                    .setParameter(1, into)
                    .setParameter(2, unionid.getFirst())
                    .executeUpdate();
        }
        em.createNativeQuery("update member_identity set member_id = ?2 where member_id = ?1")
                .setParameter(1, from)
                .setParameter(2, into)
                .executeUpdate();
        em.createNativeQuery("update member set phone_verified_at = now(), last_login_at = now() where id = ?1")
                .setParameter(1, into)
                .executeUpdate();
        sessions.logoutEverywhere(from);
    }

    private boolean hasHistory(long memberId) {
        boolean points = !em.createNativeQuery("select 1 from points_ledger where member_id = ?1 limit 1")
                .setParameter(1, memberId)
                .getResultList()
                .isEmpty();
        return points || histories.stream().anyMatch(h -> h.hasHistory(memberId));
    }
}
