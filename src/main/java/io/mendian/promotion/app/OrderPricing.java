package io.mendian.promotion.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.membership.MembershipApi;
import io.mendian.promotion.PriceBreakdown;
import io.mendian.promotion.PromotionApi.Returned;
import io.mendian.promotion.pricing.RefundSplit;
import io.mendian.web.ProblemException;

/**
 * The price kept with each order, and what it gives back. Redeeming a coupon is one conditional UPDATE from AVAILABLE
 * to USED: two checkouts racing for the same coupon serialize on its row and exactly one sees it available. All of it
 * runs in the caller's (ordering's) transaction.
 */
@ApplicationScoped
public class OrderPricing {

    private final EntityManager em;
    private final ObjectMapper json;
    private final MembershipApi members;

    public OrderPricing(EntityManager em, ObjectMapper json, MembershipApi members) {
        this.em = em;
        this.json = json;
        this.members = members;
    }

    public void record(String orderNo, long storeId, long memberId, PriceBreakdown price) {
        if (price.anyRefused()) {
            throw ProblemException.conflict("coupon-refused", "a chosen coupon does not apply: " + price.refused())
                    .with("refused", price.refused());
        }
        em.createNativeQuery("insert into order_pricing (order_no, store_id, member_id, quote, created_at) values "
                        + "(?1, ?2, ?3, cast(?4 as jsonb), now())")
                .setParameter(1, orderNo)
                .setParameter(2, storeId)
                .setParameter(3, memberId)
                .setParameter(4, write(price))
                .executeUpdate();
        if (price.pointsUsed() > 0) {
            members.spendPoints(memberId, price.pointsUsed(), orderNo, storeId);
        }
        if (price.storedValueFen() > 0) {
            members.spendStoredValue(memberId, price.storedValueFen(), orderNo, storeId);
        }
        for (PriceBreakdown.Discount discount : price.discounts()) {
            if (!discount.kind().coupon()) {
                continue;
            }
            long couponId = Long.parseLong(discount.id());
            int redeemed = em.createNativeQuery("update member_coupon set status = 'USED', order_no = ?2, store_id = "
                            + "?3, used_at = now() where id = ?1 and member_id = ?4 and status = 'AVAILABLE' and "
                            + "valid_until > now()")
                    .setParameter(1, couponId)
                    .setParameter(2, orderNo)
                    .setParameter(3, storeId)
                    .setParameter(4, memberId)
                    .executeUpdate();
            if (redeemed == 0) {
                throw ProblemException.conflict("coupon-used", "coupon " + couponId + " has just been used or expired")
                        .with("couponId", couponId);
            }
            em.createNativeQuery("update coupon_template set used = used + 1 where id = (select template_id from "
                            + "member_coupon where id = ?1)")
                    .setParameter(1, couponId)
                    .executeUpdate();
        }
    }

    public Optional<PriceBreakdown> priceOf(String orderNo) {
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("select cast(quote as text) from order_pricing where order_no = ?1")
                .setParameter(1, orderNo)
                .getResultList();
        return found.stream().findFirst().map(this::read);
    }

    /**
     * An order ended (unpaid, or cancelled and refunded in full): the points its unrefunded units carried return, and
     * its coupons go back to the wallet.
     */
    public void voided(String orderNo) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select cast(quote as text), cast(refunded_units as text), "
                        + "member_id, store_id from order_pricing where order_no = ?1 for update")
                .setParameter(1, orderNo)
                .getResultList();
        if (!found.isEmpty()) {
            Object[] row = found.getFirst();
            PriceBreakdown price = read((String) row[0]);
            Map<String, Integer> before = readUnits((String) row[1]);
            Map<String, Integer> rest = new HashMap<>();
            for (PriceBreakdown.Line line : price.lines()) {
                int left = line.quantity() - before.getOrDefault(line.key(), 0);
                if (left > 0) {
                    rest.put(line.key(), left);
                }
            }
            if (!rest.isEmpty()) {
                RefundSplit split = split(price, before, rest);
                Map<String, Integer> all = new HashMap<>(before);
                rest.forEach((k, v) -> all.merge(k, v, Integer::sum));
                em.createNativeQuery("update order_pricing set refunded_units = cast(?2 as jsonb) where order_no = ?1")
                        .setParameter(1, orderNo)
                        .setParameter(2, write(all))
                        .executeUpdate();
                if (split.points() > 0) {
                    members.returnPoints(
                            ((Number) row[2]).longValue(),
                            split.points(),
                            "order:" + orderNo + ":void",
                            ((Number) row[3]).longValue());
                }
                if (split.storedValueFen() > 0) {
                    members.returnStoredValue(
                            ((Number) row[2]).longValue(),
                            split.storedValueFen(),
                            orderNo,
                            "order:" + orderNo + ":void",
                            ((Number) row[3]).longValue());
                }
            }
        }
        releaseCoupons(orderNo);
    }

    private void releaseCoupons(String orderNo) {
        @SuppressWarnings("unchecked")
        List<Number> templates = em.createNativeQuery(
                        "update member_coupon set status = 'AVAILABLE', order_no = null, "
                                + "store_id = null, used_at = null where order_no = ?1 and status = 'USED' returning template_id")
                .setParameter(1, orderNo)
                .getResultList();
        for (Number template : templates) {
            em.createNativeQuery("update coupon_template set used = used - 1 where id = ?1 and used > 0")
                    .setParameter(1, template.longValue())
                    .executeUpdate();
        }
    }

    public Optional<Returned> valueOfUnits(String orderNo, Map<String, Integer> units) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select cast(quote as text), cast(refunded_units as text) from "
                        + "order_pricing where order_no = ?1")
                .setParameter(1, orderNo)
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RefundSplit split = split(read((String) found.getFirst()[0]), readUnits((String) found.getFirst()[1]), units);
        return Optional.of(new Returned(split.cashFen(), split.points(), split.storedValueFen()));
    }

    private static RefundSplit split(PriceBreakdown price, Map<String, Integer> before, Map<String, Integer> units) {
        try {
            return RefundSplit.of(price, before, units);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("invalid-refund-units", e.getMessage());
        }
    }

    public Returned refundUnits(String orderNo, Map<String, Integer> units) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select cast(quote as text), cast(refunded_units as text) from "
                        + "order_pricing where order_no = ?1 for update")
                .setParameter(1, orderNo)
                .getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("pricing of order " + orderNo);
        }
        PriceBreakdown price = read((String) found.getFirst()[0]);
        Map<String, Integer> before = readUnits((String) found.getFirst()[1]);
        RefundSplit split = split(price, before, units);
        Map<String, Integer> after = new HashMap<>(before);
        units.forEach((k, v) -> after.merge(k, v, Integer::sum));
        em.createNativeQuery("update order_pricing set refunded_units = cast(?2 as jsonb) where order_no = ?1")
                .setParameter(1, orderNo)
                .setParameter(2, write(after))
                .executeUpdate();
        if (split.points() > 0 || split.storedValueFen() > 0) {
            long member = ((Number) em.createNativeQuery("select member_id from order_pricing where order_no = ?1")
                            .setParameter(1, orderNo)
                            .getSingleResult())
                    .longValue();
            // Each refund raises the count of units refunded, so the count names this refund's return uniquely.
            int refunded = after.values().stream().mapToInt(Integer::intValue).sum();
            String reference = "order:" + orderNo + ":units:" + refunded;
            if (split.points() > 0) {
                members.returnPoints(member, split.points(), reference, storeOf(orderNo));
            }
            if (split.storedValueFen() > 0) {
                members.returnStoredValue(member, split.storedValueFen(), orderNo, reference, storeOf(orderNo));
            }
        }
        boolean allGoods = price.lines().stream()
                .filter(l -> !PriceBreakdown.FEE_LINE.equals(l.key()))
                .allMatch(l -> after.getOrDefault(l.key(), 0) >= l.quantity());
        if (allGoods) {
            releaseCoupons(orderNo);
        }
        return new Returned(split.cashFen(), split.points(), split.storedValueFen());
    }

    private long storeOf(String orderNo) {
        return ((Number) em.createNativeQuery("select store_id from order_pricing where order_no = ?1")
                        .setParameter(1, orderNo)
                        .getSingleResult())
                .longValue();
    }

    private PriceBreakdown read(String text) {
        try {
            return json.readValue(text, PriceBreakdown.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("order_pricing.quote is not a breakdown", e);
        }
    }

    private Map<String, Integer> readUnits(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Integer>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
