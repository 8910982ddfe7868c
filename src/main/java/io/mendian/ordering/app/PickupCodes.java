package io.mendian.ordering.app;

import java.security.SecureRandom;

import jakarta.persistence.EntityManager;

/**
 * Six-digit pickup codes, random (not derived from the order number, so one order's code says nothing about another's)
 * and unique among the open orders of the order's store, so that a code names one order at the counter.
 */
final class PickupCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PickupCodes() {}

    static String issue(EntityManager em, long orderId) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = String.format("%06d", RANDOM.nextInt(1_000_000));
            long taken = ((Number)
                            em.createNativeQuery("select count(*) from customer_order o where o.pickup_code = ?1 "
                                            + "and o.status in ('PAID', 'ACCEPTED', 'PREPARING', 'READY') and o.store_id = "
                                            + "(select store_id from customer_order where id = ?2)")
                                    .setParameter(1, code)
                                    .setParameter(2, orderId)
                                    .getSingleResult())
                    .longValue();
            if (taken == 0) {
                return code;
            }
        }
        throw new IllegalStateException("no free pickup code for order " + orderId);
    }
}
