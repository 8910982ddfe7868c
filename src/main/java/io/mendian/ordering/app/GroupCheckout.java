package io.mendian.ordering.app;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.ordering.api.GroupCheckoutRequest;
import io.mendian.ordering.api.OrderView;
import io.mendian.promotion.PromotionApi;

/**
 * Opening or joining a group-buy team (C7): the seat is taken under the team's lock, the order is written as any other
 * (one unit, priced at the group price first in the pipeline) and marked as waiting for its team, and the stock is
 * held last. Paid orders of a team stay out of the store's queue until the team forms.
 */
@ApplicationScoped
public class GroupCheckout {

    private final Checkout checkout;
    private final PromotionApi promotions;
    private final EntityManager em;

    public GroupCheckout(Checkout checkout, PromotionApi promotions, EntityManager em) {
        this.checkout = checkout;
        this.promotions = promotions;
        this.em = em;
    }

    @Transactional
    public OrderView buy(long memberId, GroupCheckoutRequest request) {
        checkout.requireOpen(1);
        long storeId = request.order().storeId();
        PromotionApi.GroupSeat seat = promotions.admitGroup(request.groupBuyId(), request.teamId(), memberId, storeId);
        Checkout.Placed placed =
                checkout.place(memberId, request.order(), Map.of(seat.ticket().skuId(), 1), List.of(seat.ticket()));
        String orderNo = placed.view().orderNo();
        promotions.claimGroup(seat, memberId, orderNo);
        em.createNativeQuery("update customer_order set awaiting_group = true where order_no = ?1")
                .setParameter(1, orderNo)
                .executeUpdate();
        return checkout.hold(placed);
    }
}
