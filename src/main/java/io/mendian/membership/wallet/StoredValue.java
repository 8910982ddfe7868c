package io.mendian.membership.wallet;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.web.ProblemException;

/**
 * The stored-value ledger. The account row is locked for every change and written with its ledger row, so the
 * balance is always the ledger's sum; principal (money paid) and gift (money given) are kept apart so that the gift is
 * accounted for separately. A reference is used once per kind: a top-up credits once, an order spends once.
 */
@ApplicationScoped
public class StoredValue {

    /** A member's balance: what they paid in and what they were given. */
    public record Balance(long principalFen, long giftFen) {
        public long totalFen() {
            return principalFen + giftFen;
        }
    }

    private final EntityManager em;

    public StoredValue(EntityManager em) {
        this.em = em;
    }

    public Balance balance(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select principal_fen, gift_fen from stored_value_account where member_id = ?1")
                .setParameter(1, memberId)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new Balance(((Number) r[0]).longValue(), ((Number) r[1]).longValue()))
                .orElse(new Balance(0, 0));
    }

    /** A counter change: the ledger entry that numbers its receipt, and the balance after it. */
    public record Adjusted(long entryId, Balance after) {}

    /** Adds to (or with negative parts takes from) the account once per kind and reference; false for a repeat. */
    public boolean change(
            long memberId,
            long principal,
            long gift,
            String kind,
            String reference,
            Long storeId,
            String note,
            String actor) {
        return write(memberId, principal, gift, kind, reference, storeId, note, actor) > 0;
    }

    /** Writes one ledger entry and moves the balance; answers the entry's id, or 0 for a repeat of kind + reference. */
    private long write(
            long memberId,
            long principal,
            long gift,
            String kind,
            String reference,
            Long storeId,
            String note,
            String actor) {
        Balance before = lock(memberId);
        long principalAfter = before.principalFen() + principal;
        long giftAfter = before.giftFen() + gift;
        if (principalAfter < 0 || giftAfter < 0) {
            throw ProblemException.conflict(
                    "insufficient-balance", "only ¥" + yuan(before.totalFen()) + " of stored value is available");
        }
        @SuppressWarnings("unchecked")
        List<Number> written = em.createNativeQuery("insert into stored_value_ledger (member_id, kind, reference, "
                        + "principal_delta, gift_delta, principal_after, gift_after, store_id, note, actor, created_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, now()) on conflict (kind, reference) do "
                        + "nothing returning id")
                .setParameter(1, memberId)
                .setParameter(2, kind)
                .setParameter(3, reference)
                .setParameter(4, principal)
                .setParameter(5, gift)
                .setParameter(6, principalAfter)
                .setParameter(7, giftAfter)
                .setParameter(8, storeId)
                .setParameter(9, note)
                .setParameter(10, actor)
                .getResultList();
        if (written.isEmpty()) {
            return 0;
        }
        em.createNativeQuery("update stored_value_account set principal_fen = ?2, gift_fen = ?3, updated_at = now() "
                        + "where member_id = ?1")
                .setParameter(1, memberId)
                .setParameter(2, principalAfter)
                .setParameter(3, giftAfter)
                .executeUpdate();
        return written.get(0).longValue();
    }

    /**
     * A manager's change at the counter (money paid in or handed back in store), on the principal; the gift stays as
     * it was. Answers the ledger entry, which numbers the receipt, and the balance after (409 insufficient-balance
     * when it would go below zero).
     */
    @jakarta.transaction.Transactional
    public Adjusted adjust(long memberId, long deltaFen, long storeId, String reason, String actor) {
        long entry = write(
                memberId, deltaFen, 0, "ADJUST", "counter:" + java.util.UUID.randomUUID(), storeId, reason, actor);
        return new Adjusted(entry, balance(memberId));
    }

    /** Spends on an order: principal and gift in proportion to the balance (409 insufficient-balance). */
    public void spend(long memberId, long amountFen, String orderNo, long storeId) {
        Balance b = lock(memberId);
        if (amountFen > b.totalFen()) {
            throw ProblemException.conflict(
                    "insufficient-balance", "only ¥" + yuan(b.totalFen()) + " of stored value is available");
        }
        long gift = b.totalFen() == 0 ? 0 : Math.multiplyExact(amountFen, b.giftFen()) / b.totalFen();
        change(
                memberId,
                -(amountFen - gift),
                -gift,
                "SPEND",
                "order:" + orderNo,
                storeId,
                "order " + orderNo,
                "member:" + memberId);
    }

    /**
     * Gives back part of what an order spent, in the proportion it was spent; once per reference. Repeated returns of
     * one order never give back more gift (or principal) than it took.
     */
    public void giveBack(long memberId, long amountFen, String orderNo, String reference, long storeId) {
        Object[] spent = (Object[]) em.createNativeQuery("select coalesce(-sum(principal_delta) filter (where kind = "
                        + "'SPEND'), 0), coalesce(-sum(gift_delta) filter (where kind = 'SPEND'), 0), coalesce(sum("
                        + "principal_delta + gift_delta) filter (where kind = 'RETURN'), 0), coalesce(sum(gift_delta) "
                        + "filter (where kind = 'RETURN'), 0) from stored_value_ledger where member_id = ?1 and (reference"
                        + " = ?2 or reference like ?3)")
                .setParameter(1, memberId)
                .setParameter(2, "order:" + orderNo)
                .setParameter(3, "order:" + orderNo + ":%")
                .getSingleResult();
        long spentPrincipal = ((Number) spent[0]).longValue();
        long spentGift = ((Number) spent[1]).longValue();
        long returned = ((Number) spent[2]).longValue();
        long returnedGift = ((Number) spent[3]).longValue();
        long spentTotal = spentPrincipal + spentGift;
        long amount = Math.min(amountFen, spentTotal - returned);
        if (amount <= 0) {
            return;
        }
        long giftTarget = Math.multiplyExact(returned + amount, spentGift) / spentTotal;
        long gift = Math.max(0, Math.min(amount, giftTarget - returnedGift));
        change(memberId, amount - gift, gift, "RETURN", reference, storeId, "returned to stored value", "system");
    }

    private static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private Balance lock(long memberId) {
        em.createNativeQuery("insert into stored_value_account (member_id, updated_at) values (?1, now()) on conflict "
                        + "(member_id) do nothing")
                .setParameter(1, memberId)
                .executeUpdate();
        Object[] r = (Object[]) em.createNativeQuery(
                        "select principal_fen, gift_fen from stored_value_account where member_id = ?1 for update")
                .setParameter(1, memberId)
                .getSingleResult();
        return new Balance(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }
}
