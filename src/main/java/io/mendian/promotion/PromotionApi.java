package io.mendian.promotion;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.promotion.app.OrderPricing;
import io.mendian.promotion.app.Pricing;
import io.mendian.promotion.flash.FlashClaims;
import io.mendian.promotion.groupbuy.GroupTeams;

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

    /**
     * An attempt admitted to buy {@code quantity} units of one SKU at an activity's price: a flash sale
     * ({@code FLASH_SALE}) or a group buy ({@code GROUP_BUY}); it is priced first in the pipeline.
     */
    public record ItemTicket(
            String kind, long activityId, long skuId, String label, long priceFen, int quantity, boolean exclusive) {}

    /** A member's admitted seat in a group-buy team (the team is new when the member opened it). */
    public record GroupSeat(ItemTicket ticket, long teamId) {}

    private final Pricing pricing;
    private final OrderPricing orders;
    private final FlashClaims flash;
    private final GroupTeams groups;
    private final io.mendian.promotion.reduction.FullReductions reductions;

    public PromotionApi(
            Pricing pricing,
            OrderPricing orders,
            FlashClaims flash,
            GroupTeams groups,
            io.mendian.promotion.reduction.FullReductions reductions) {
        this.reductions = reductions;
        this.pricing = pricing;
        this.orders = orders;
        this.flash = flash;
        this.groups = groups;
    }

    /**
     * Prices one store's part of a member's cart with the coupons they chose (ids from their wallet) and at most
     * {@code points} of their points (within the brand's rule). Coupons that do not apply are listed in
     * {@link PriceBreakdown#refused()} with the reason; nothing is written.
     */
    public PriceBreakdown price(
            long memberId, long storeId, List<CartLine> lines, long feeFen, List<Long> couponIds, long points) {
        return pricing.price(
                memberId, storeId, lines, feeFen, couponIds, points, 0, List.of(), reductions.forPricing(storeId));
    }

    /**
     * The same, paying up to {@code storedValueFen} from the member's stored value (after points; more than the balance
     * is a 409 insufficient-balance), with the activity price of admitted tickets applied to their SKU's line (first in
     * the pipeline).
     */
    public PriceBreakdown price(
            long memberId,
            long storeId,
            List<CartLine> lines,
            long feeFen,
            List<Long> couponIds,
            long points,
            long storedValueFen,
            List<ItemTicket> tickets) {
        return pricing.price(
                memberId,
                storeId,
                lines,
                feeFen,
                couponIds,
                points,
                storedValueFen,
                tickets,
                reductions.forPricing(storeId));
    }

    /**
     * A member's attempt admitted to a flash sale: its ticket (the activity's terms, for pricing) and, held outside
     * any transaction, the units taken from the sale's gate and a place in its lane. Close it when the attempt is
     * over, whatever happened: units of an attempt whose order was not committed go back to the gate.
     */
    public static final class FlashPass implements AutoCloseable {
        private final FlashClaims.Pass pass;
        private final ItemTicket ticket;

        private FlashPass(FlashClaims.Pass pass) {
            this.pass = pass;
            FlashClaims.Ticket t = pass.ticket();
            this.ticket = new ItemTicket(
                    "FLASH_SALE", t.saleId(), t.skuId(), t.label(), t.priceFen(), t.quantity(), t.exclusive());
        }

        public ItemTicket ticket() {
            return ticket;
        }

        @Override
        public void close() {
            pass.close();
        }
    }

    /**
     * Admits a member's attempt at a flash sale at this store, outside any transaction (most attempts of a rush are
     * refused here, before they cost one). Refuses with 404, 409 flash-not-started, flash-over, flash-sold-out or
     * flash-limit, 422 flash-not-at-this-store, 503 flash-unavailable (the gate cannot be asked) or flash-busy (with
     * Retry-After: no place in the sale's lane freed in time).
     */
    public FlashPass admitFlash(long saleId, long memberId, long storeId, int quantity) {
        return new FlashPass(flash.admit(saleId, memberId, storeId, quantity));
    }

    /**
     * Claims an admitted attempt's units for the order, exactly, in the order's transaction (409 flash-sold-out or
     * flash-limit otherwise); once that transaction commits the units belong to the order.
     */
    public void claimFlash(FlashPass pass, long memberId, String orderNo, long storeId) {
        flash.claim(pass.pass, memberId, orderNo, storeId);
    }

    /**
     * Opens a team of a group buy at this store ({@code teamId} null) or takes a seat in one, in the caller's
     * transaction: the seat's price for the buy's SKU, one unit. Refuses with 404, 409 group-buy-over,
     * group-buy-not-started, team-full, team-closed, team-expired or already-in-team, 422 group-buy-not-at-this-store or
     * team-at-another-store.
     */
    public GroupSeat admitGroup(long groupBuyId, Long teamId, long memberId, long storeId) {
        GroupTeams.Seat s = groups.admit(groupBuyId, teamId, memberId, storeId);
        return new GroupSeat(
                new ItemTicket("GROUP_BUY", s.groupBuyId(), s.skuId(), s.label(), s.priceFen(), 1, s.exclusive()),
                s.teamId());
    }

    /** The seat belongs to this order (placed in the same transaction). */
    public void claimGroup(GroupSeat seat, long memberId, String orderNo) {
        groups.claim(
                new GroupTeams.Seat(
                        seat.ticket().activityId(),
                        seat.teamId(),
                        seat.ticket().label(),
                        seat.ticket().skuId(),
                        seat.ticket().priceFen(),
                        seat.ticket().exclusive()),
                memberId,
                orderNo);
    }

    /**
     * An order holding a group-buy seat was paid (the caller holds the order's lock). When its team formed with it,
     * answers every paid order of the team: they may now be fulfilled. Otherwise empty.
     */
    public List<String> groupSeatPaid(String orderNo) {
        return groups.paid(orderNo);
    }

    /** Group-buy teams whose deadline passed without forming, oldest first. */
    public List<Long> dueGroupTeams(int batch, java.util.Collection<Long> skipping) {
        return groups.due(batch, skipping);
    }

    /** The orders holding a team's seats. */
    public List<String> groupTeamOrders(long teamId) {
        return groups.seatedOrders(teamId);
    }

    /**
     * Fails a team past its deadline, in the caller's transaction; true only for the transaction that did (it must
     * then cancel and refund the team's orders), so a retry or a second instance refunds nothing twice.
     */
    public boolean failGroupTeam(long teamId) {
        return groups.fail(teamId);
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
     * The order ended unpaid, or was cancelled and refunded in full: its coupons, unreturned points, flash-sale units
     * and group-buy seat go back.
     */
    public void orderVoided(String orderNo) {
        orders.voided(orderNo);
        flash.release(orderNo);
        groups.release(orderNo);
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
