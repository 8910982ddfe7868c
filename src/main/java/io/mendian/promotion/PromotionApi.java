package io.mendian.promotion;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.promotion.app.OrderPricing;
import io.mendian.promotion.app.Pricing;
import io.mendian.promotion.flash.FlashClaims;

/**
 * What the ordering context asks of promotions: the explained price of one store's part of a cart, recording it with
 * the order (which redeems its coupons exactly once), and returning what an order's end or refund gives back.
 */
@ApplicationScoped
public class PromotionApi {

    /** One line to price, at the store's price now. */
    public record CartLine(long skuId, long categoryId, long unitFen, int quantity) {}

    /** What a refund of some units returns, as apportioned when the order was priced. */
    public record Returned(long cashFen, long points, long storedValueFen) {}

    /** An attempt admitted to buy {@code quantity} units of a flash sale's SKU at its price. */
    public record FlashTicket(long saleId, long skuId, String label, long priceFen, int quantity, boolean exclusive) {}

    private final Pricing pricing;
    private final OrderPricing orders;
    private final FlashClaims flash;

    public PromotionApi(Pricing pricing, OrderPricing orders, FlashClaims flash) {
        this.pricing = pricing;
        this.orders = orders;
        this.flash = flash;
    }

    /**
     * Prices one store's part of a member's cart with the coupons they chose (ids from their wallet) and at most
     * {@code points} of their points (within the brand's rule). Coupons that do not apply are listed in
     * {@link PriceBreakdown#refused()} with the reason; nothing is written.
     */
    public PriceBreakdown price(
            long memberId, long storeId, List<CartLine> lines, long feeFen, List<Long> couponIds, long points) {
        return pricing.price(memberId, storeId, lines, feeFen, couponIds, points, List.of());
    }

    /** The same, with the flash price of admitted tickets applied to their SKU's line (first in the pipeline). */
    public PriceBreakdown price(
            long memberId,
            long storeId,
            List<CartLine> lines,
            long feeFen,
            List<Long> couponIds,
            long points,
            List<FlashTicket> tickets) {
        return pricing.price(memberId, storeId, lines, feeFen, couponIds, points, tickets);
    }

    /**
     * Admits a member's attempt at a flash sale at this store, in the caller's transaction (its rollback gives the
     * units back to the gate). Refuses with 404, 409 flash-not-started, flash-over, flash-sold-out or flash-limit, 422
     * flash-not-at-this-store, or 503 flash-unavailable.
     */
    public FlashTicket admitFlash(long saleId, long memberId, long storeId, int quantity) {
        FlashClaims.Ticket t = flash.admit(saleId, memberId, storeId, quantity);
        return new FlashTicket(t.saleId(), t.skuId(), t.label(), t.priceFen(), t.quantity(), t.exclusive());
    }

    /**
     * Refuses at once (409 flash-sold-out or flash-limit) an attempt the gate would refuse, writing nothing; call it
     * before opening the attempt's transaction.
     */
    public void precheckFlash(long saleId, long memberId, int quantity) {
        flash.precheck(saleId, memberId, quantity);
    }

    /** Claims an admitted ticket's units for the order, exactly (409 flash-sold-out or flash-limit otherwise). */
    public void claimFlash(FlashTicket ticket, long memberId, String orderNo, long storeId) {
        flash.claim(
                new FlashClaims.Ticket(
                        ticket.saleId(),
                        ticket.label(),
                        ticket.skuId(),
                        ticket.priceFen(),
                        ticket.quantity(),
                        ticket.exclusive()),
                memberId,
                orderNo,
                storeId);
    }

    /**
     * Keeps the price with the order, redeems its coupons and spends its points, in the caller's transaction: a coupon
     * already used by another order, or points spent meanwhile, make this a 409 and the whole checkout rolls back.
     */
    public void record(String orderNo, long storeId, long memberId, PriceBreakdown price) {
        orders.record(orderNo, storeId, memberId, price);
    }

    /** The price recorded with an order, if any (orders placed before pricing existed have none). */
    public java.util.Optional<PriceBreakdown> priceOf(String orderNo) {
        return orders.priceOf(orderNo);
    }

    /**
     * The order ended unpaid, or was cancelled and refunded in full: its coupons, unreturned points and flash-sale
     * units go back.
     */
    public void orderVoided(String orderNo) {
        orders.voided(orderNo);
        flash.release(orderNo);
    }

    /** The key of a SKU's line in a store order's price (one line per SKU). */
    public static String lineKey(long skuId) {
        return Pricing.key(skuId);
    }

    /**
     * What refunding these units would return now, without recording it; empty for orders priced before the engine.
     * Units beyond what is left to refund are a 422.
     */
    public java.util.Optional<Returned> valueOfUnits(String orderNo, Map<String, Integer> units) {
        return orders.valueOfUnits(orderNo, units);
    }

    /**
     * Units of an order's lines are refunded: returns (and remembers) exactly what those units carried. Refunding the
     * same units twice is refused.
     */
    public Returned refundUnits(String orderNo, Map<String, Integer> units) {
        return orders.refundUnits(orderNo, units);
    }
}
