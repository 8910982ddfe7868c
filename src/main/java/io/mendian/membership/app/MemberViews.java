package io.mendian.membership.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.membership.api.MemberView;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/** Reads of members. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class MemberViews {

    private final EntityManager em;
    private final io.mendian.membership.login.MemberPhones phones;

    public MemberViews(EntityManager em, io.mendian.membership.login.MemberPhones phones) {
        this.em = em;
        this.phones = phones;
    }

    public MemberView get(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select id, status, created_at, last_login_at, phone_sealed from member where id = ?1")
                .setParameter(1, memberId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("member " + memberId);
        }
        Object[] r = rows.get(0);
        return new MemberView(
                ((Number) r[0]).longValue(),
                (String) r[1],
                Rows.offset(r[2]),
                Rows.offset(r[3]),
                r[4] == null ? null : phones.masked((String) r[4]));
    }
}
