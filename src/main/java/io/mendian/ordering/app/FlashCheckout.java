package io.mendian.ordering.app;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.ordering.api.FlashCheckoutRequest;
import io.mendian.ordering.api.OrderView;
import io.mendian.promotion.PromotionApi;

/**
 * Buying now at a flash price (C7): the promotion gate admits the attempt (outside the transaction), the order is
 * written as any other (priced
 * with the flash price first in the pipeline), the sale's units are claimed in the database, and the stock is held
 * last. Any refusal rolls the whole attempt back, the gate's units included; the member's cart is left alone.
 */
@ApplicationScoped
public class FlashCheckout {

    private final Checkout checkout;
    private final PromotionApi promotions;

    public FlashCheckout(Checkout checkout, PromotionApi promotions) {
        this.checkout = checkout;
        this.promotions = promotions;
    }

    /** Admits the attempt through the sale's gate and lane, before any transaction; close the pass when done. */
    public PromotionApi.FlashPass admit(long memberId, FlashCheckoutRequest request) {
        return promotions.admitFlash(request.saleId(), memberId, request.order().storeId(), request.quantity());
    }

    @Transactional
    public OrderView buy(long memberId, FlashCheckoutRequest request, PromotionApi.FlashPass pass) {
        checkout.requireOpen(1);
        long storeId = request.order().storeId();
        PromotionApi.ItemTicket ticket = pass.ticket();
        Checkout.Placed placed =
                checkout.place(memberId, request.order(), Map.of(ticket.skuId(), request.quantity()), List.of(ticket));
        promotions.claimFlash(pass, memberId, placed.view().orderNo(), storeId);
        return checkout.hold(placed);
    }
}
