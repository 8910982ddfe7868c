package io.mendian.membership.login;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.privacy.PhoneNumbers;
import io.mendian.privacy.PiiVault;
import io.mendian.privacy.SealedColumns;
import io.mendian.web.ProblemException;

/**
 * Members' phone numbers: sealed at rest, found by blind index, one member per phone in a brand (the index is unique).
 * Only mainland mobile numbers, the ones SMS codes and WeChat's phone button deal in.
 */
@ApplicationScoped
public class MemberPhones implements SealedColumns {

    static final String PURPOSE = "member.phone";

    private final EntityManager em;
    private final PiiVault vault;

    public MemberPhones(EntityManager em, PiiVault vault) {
        this.em = em;
        this.vault = vault;
    }

    /** The phone as stored: 11 digits starting with 1, or 422 invalid-phone. */
    public static String mobile(String raw) {
        String phone = PhoneNumbers.normalize(raw);
        if (phone == null || raw.length() > 30 || !phone.matches("^1[3-9][0-9]{9}$")) {
            throw ProblemException.unprocessable(
                    "invalid-phone", "a mainland mobile number, 11 digits starting with 1");
        }
        return phone;
    }

    /** The member holding the phone, if any. */
    public Long holder(String phone) {
        @SuppressWarnings("unchecked")
        List<Number> found = em.createNativeQuery("select id from member where phone_index = ?1")
                .setParameter(1, vault.phoneIndex(phone))
                .getResultList();
        return found.isEmpty() ? null : found.getFirst().longValue();
    }

    /** A member known only by their phone (an H5 sign-in); the one that exists when two sign-ins race. */
    public long createWith(String phone) {
        @SuppressWarnings("unchecked")
        List<Number> created = em.createNativeQuery("insert into member (created_at, last_login_at, phone_sealed, "
                        + "phone_index, phone_verified_at) values (now(), now(), ?1, ?2, now()) on conflict (phone_index) "
                        + "do nothing returning id")
                .setParameter(1, vault.seal(phone, PURPOSE))
                .setParameter(2, vault.phoneIndex(phone))
                .getResultList();
        return created.isEmpty() ? holder(phone) : created.getFirst().longValue();
    }

    /** Records the verified phone on the member (who holds no other member's phone). */
    public void set(long memberId, String phone) {
        em.createNativeQuery(
                        "update member set phone_sealed = ?2, phone_index = ?3, phone_verified_at = now() where id = ?1")
                .setParameter(1, memberId)
                .setParameter(2, vault.seal(phone, PURPOSE))
                .setParameter(3, vault.phoneIndex(phone))
                .executeUpdate();
    }

    /** The member's phone masked for display (138****8000), or null. */
    public String masked(String sealed) {
        return mask(vault.open(sealed, PURPOSE));
    }

    /** A phone as it is shown: 138****8000. */
    static String mask(String phone) {
        return phone == null || phone.length() < 7 ? phone : phone.substring(0, 3) + "****" + phone.substring(7);
    }

    @Override
    public List<Column> sealedColumns() {
        return List.of(new Column("member", "id", "phone_sealed", PURPOSE));
    }
}
