package io.mendian.ordering.app;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.catalog.CatalogApi;
import io.mendian.catalog.CatalogApi.Offer;
import io.mendian.inventory.InventoryApi;
import io.mendian.ordering.PaymentGate;
import io.mendian.ordering.ahead.OrderAhead;
import io.mendian.ordering.api.CheckoutRequest;
import io.mendian.ordering.api.OrderView;
import io.mendian.ordering.domain.Adjustment;
import io.mendian.promotion.PriceBreakdown;
import io.mendian.promotion.PromotionApi;
import io.mendian.store.FulfilmentMode;
import io.mendian.store.FulfilmentTerms;
import io.mendian.tenancy.PlanLimits;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.ProblemException;

/**
 * Checkout (C4): each store's part of the cart becomes one order, priced now (the store's price inside HQ's band),
 * with its fulfilment fee, and its stock reserved until the payment deadline. All orders of a checkout commit together
 * or not at all: one store short of stock refuses the whole checkout, naming the SKU.
 */
@ApplicationScoped
public class Checkout {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final EntityManager em;
    private final Carts carts;
    private final CatalogApi catalog;
    private final InventoryApi inventory;
    private final FulfilmentTerms fulfilment;
    private final ObjectMapper json;
    private final Duration payWindow;
    private final PaymentGate payments;
    private final PlanLimits limits;
    private final TenantContext tenant;
    private final PromotionApi promotions;
    private final OrderAddresses addresses;
    private final Orders orders;
    private final OrderViews views;
    private final io.mendian.membership.MembershipApi members;
    private final OrderAhead ahead;

    public Checkout(
            OrderAhead ahead,
            io.mendian.membership.MembershipApi members,
            Orders orders,
            OrderViews views,
            PromotionApi promotions,
            PaymentGate payments,
            PlanLimits limits,
            TenantContext tenant,
            EntityManager em,
            Carts carts,
            CatalogApi catalog,
            InventoryApi inventory,
            FulfilmentTerms fulfilment,
            ObjectMapper json,
            OrderAddresses addresses,
            @ConfigProperty(name = "mendian.ordering.pay-window", defaultValue = "15M") Duration payWindow) {
        this.ahead = ahead;
        this.addresses = addresses;
        this.orders = orders;
        this.views = views;
        this.members = members;
        this.em = em;
        this.carts = carts;
        this.catalog = catalog;
        this.inventory = inventory;
        this.fulfilment = fulfilment;
        this.json = json;
        this.payWindow = payWindow;
        this.payments = payments;
        this.limits = limits;
        this.tenant = tenant;
        this.promotions = promotions;
    }

    /** An order written but not yet holding stock or its pickup quarter: both are taken last (see {@link #checkout}). */
    record Placed(
            long orderId,
            OrderView view,
            UUID reservation,
            List<InventoryApi.Line> holds,
            long memberId,
            OrderAhead.Pickup pickup) {}

    /**
     * Writes every order first and takes the holds last, in store order: a hot SKU's row (and a busy quarter's make
     * capacity) is locked only from its taking to the commit, not for the whole checkout (bench/RESULTS.md,
     * CommerceBench), and two checkouts take the rows of the same stores in the same order.
     */
    @Transactional
    public List<OrderView> checkout(long memberId, CheckoutRequest request) {
        requireOpen(request.orders().size());
        Map<Long, Map<Long, Integer>> cart = carts.lines(memberId);
        List<Placed> placed = new ArrayList<>();
        for (CheckoutRequest.StoreOrder part : parts(request, cart)) {
            placed.add(place(memberId, part, cart.get(part.storeId()), List.of()));
        }
        Map<String, OrderView> held = new java.util.HashMap<>();
        placed.stream()
                .sorted(java.util.Comparator.comparingLong(p -> p.view().storeId()))
                .forEach(p -> held.put(p.view().orderNo(), hold(p)));
        return placed.stream().map(p -> held.get(p.view().orderNo())).toList();
    }

    /**
     * Takes the placed order's place in its pickup quarter (409 slot-full when the quarter filled meanwhile) and its
     * stock hold (last, see {@link #checkout}). An order that points, stored value and discounts pay entirely has
     * nothing for WeChat Pay to collect: it is paid at once (answered as paid).
     */
    OrderView hold(Placed p) {
        String orderNo = p.view().orderNo();
        ahead.placed(p.orderId(), p.view().storeId(), p.pickup());
        inventory.reserve(
                p.reservation(), "order:" + orderNo, p.holds(), payWindow.plusMinutes(5), "member:" + p.memberId());
        if (p.view().totalFen() != 0) {
            return p.view();
        }
        orders.markPaid(orderNo, "member:" + p.memberId());
        return views.get(p.memberId(), orderNo);
    }

    /** Checks the brand can take one more order now (its payments set up, its plan's monthly orders not used up). */
    void requireOpen(int orders) {
        payments.requireReady();
        limits.requireMonthly(tenant.require(), PlanLimits.Limit.ORDERS_PER_MONTH, orders);
    }

    /** One store's part priced: lines at the store's price, the fee, and the explained price with its discounts. */
    public record Priced(
            long storeId,
            List<OrderView.Line> lines,
            List<InventoryApi.Line> holds,
            long itemsFen,
            long feeFen,
            PriceBreakdown price,
            OrderAhead.Pickup pickup) {}

    /** Prices the cart's parts as checkout would, without writing anything: the checkout page's "why this price". */
    @Transactional
    public List<Priced> quote(long memberId, CheckoutRequest request) {
        Map<Long, Map<Long, Integer>> cart = carts.lines(memberId);
        return parts(request, cart).stream()
                .map(part -> price(memberId, part, cart.get(part.storeId()), List.of()))
                .toList();
    }

    private static List<CheckoutRequest.StoreOrder> parts(CheckoutRequest request, Map<Long, Map<Long, Integer>> cart) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (CheckoutRequest.StoreOrder part : request.orders()) {
            if (!seen.add(part.storeId())) {
                throw ProblemException.unprocessable("duplicate-store", "store " + part.storeId() + " is listed twice");
            }
            Map<Long, Integer> items = cart.get(part.storeId());
            if (items == null || items.isEmpty()) {
                throw ProblemException.unprocessable("empty-cart", "the cart has nothing from store " + part.storeId());
            }
        }
        return request.orders();
    }

    private Priced price(
            long memberId,
            CheckoutRequest.StoreOrder part,
            Map<Long, Integer> items,
            List<PromotionApi.ItemTicket> tickets) {
        long storeId = part.storeId();
        Map<Long, Offer> offers = catalog.offers(storeId, items.keySet());
        List<Long> gone =
                items.keySet().stream().filter(sku -> !offers.containsKey(sku)).toList();
        if (!gone.isEmpty()) {
            throw ProblemException.conflict(
                            "no-longer-sold", "store " + storeId + " no longer sells SKU " + gone + "; update the cart")
                    .with("skuIds", gone);
        }
        long itemsFen = 0;
        List<OrderView.Line> lines = new ArrayList<>();
        List<InventoryApi.Line> holds = new ArrayList<>();
        List<PromotionApi.CartLine> toPrice = new ArrayList<>();
        for (var item : items.entrySet()) {
            Offer offer = offers.get(item.getKey());
            long lineFen = Math.multiplyExact(offer.priceFen(), item.getValue());
            itemsFen = Math.addExact(itemsFen, lineFen);
            lines.add(new OrderView.Line(
                    item.getKey(), offer.code(), offer.productName(), offer.priceFen(), item.getValue(), lineFen));
            holds.add(new InventoryApi.Line(storeId, item.getKey(), item.getValue()));
            toPrice.add(
                    new PromotionApi.CartLine(item.getKey(), offer.categoryId(), offer.priceFen(), item.getValue()));
        }
        FulfilmentMode mode = FulfilmentMode.valueOf(part.mode());
        if (mode != FulfilmentMode.PICKUP && part.address() == null) {
            throw ProblemException.unprocessable("address-required", mode + " needs an address");
        }
        OrderAhead.Pickup pickup = mode == FulfilmentMode.PICKUP
                ? ahead.pickup(storeId, part.pickupAt())
                : new OrderAhead.Pickup(null, false);
        long fee = fulfilment.quote(
                storeId,
                mode,
                pickup.at(),
                part.address() == null ? null : part.address().latitude(),
                part.address() == null ? null : part.address().longitude(),
                itemsFen);
        ahead.requireRoom(storeId, pickup); // after the terms: only a pickup time the store accepts is counted
        if (fee > 0
                && mode == FulfilmentMode.DELIVERY
                && members.levelBenefits(memberId).freeDelivery()) {
            fee = 0; // the member's level delivers free
        }
        PriceBreakdown price = promotions.price(
                memberId,
                storeId,
                toPrice,
                fee,
                part.couponIds(),
                part.points() == null ? 0 : part.points(),
                part.storedValueFen() == null ? 0 : part.storedValueFen(),
                tickets);
        return new Priced(storeId, lines, holds, itemsFen, fee, price, pickup);
    }

    /**
     * Writes one store's order (without its stock hold). Items come from the cart, whose lines for the store it
     * empties, or, with flash tickets, from a buy-now that leaves the cart alone.
     */
    Placed place(
            long memberId,
            CheckoutRequest.StoreOrder part,
            Map<Long, Integer> items,
            List<PromotionApi.ItemTicket> tickets) {
        Priced priced = price(memberId, part, items, tickets);
        long storeId = part.storeId();
        FulfilmentMode mode = FulfilmentMode.valueOf(part.mode());
        List<OrderView.Line> lines = priced.lines();
        List<InventoryApi.Line> holds = priced.holds();
        long itemsFen = priced.itemsFen();
        long fee = priced.feeFen();
        List<Adjustment> adjustments = new ArrayList<>();
        if (fee != 0) {
            adjustments.add(new Adjustment("DELIVERY_FEE", "Delivery", fee));
        }
        priced.price()
                .discounts()
                .forEach(d -> adjustments.add(new Adjustment(d.kind().name(), d.label(), -d.fen())));
        long discount = priced.price().discountFen();
        if (priced.price().pointsFen() > 0) {
            adjustments.add(new Adjustment(
                    "POINTS",
                    priced.price().pointsUsed() + " points",
                    -priced.price().pointsFen()));
        }
        if (priced.price().storedValueFen() > 0) {
            adjustments.add(new Adjustment(
                    "STORED_VALUE", "Stored value", -priced.price().storedValueFen()));
        }
        // What WeChat Pay collects: the total less what points and stored value pay (zero: paid at once, see hold).
        long total = priced.price().cashFen();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime payBy = now.plus(payWindow);
        OffsetDateTime pickupAt =
                mode == FulfilmentMode.PICKUP ? priced.pickup().at().atOffset(ZoneOffset.UTC) : null;
        UUID reservation = UUID.randomUUID();
        long id = ((Number) em.createNativeQuery("select nextval('customer_order_seq')")
                        .getSingleResult())
                .longValue();
        String orderNo = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DAY) + String.format("%08d", id);
        OrderAddresses.Stored address = addresses.store(part.address());
        em.createNativeQuery("insert into customer_order (id, order_no, member_id, store_id, status, fulfilment_mode, "
                        + "pickup_at, address, note, items_fen, delivery_fee_fen, discount_fen, tendered_fen, total_fen, adjustments, "
                        + "reservation_id, pay_by, created_at, updated_at, address_sealed, address_phone_index, asap) values (?1, "
                        + "?2, ?3, ?4, 'PENDING_PAYMENT', ?5, ?6, cast(?7 as jsonb), ?8, ?9, ?10, ?11, ?17, ?12, "
                        + "cast(?13 as jsonb), ?14, ?15, ?16, ?16, ?18, ?19, ?20)")
                .setParameter(1, id)
                .setParameter(2, orderNo)
                .setParameter(3, memberId)
                .setParameter(4, storeId)
                .setParameter(5, mode.name())
                .setParameter(6, pickupAt)
                .setParameter(7, address.coordinates())
                .setParameter(18, address.sealed())
                .setParameter(19, address.phoneIndex())
                .setParameter(20, priced.pickup().asap())
                .setParameter(8, part.note())
                .setParameter(9, itemsFen)
                .setParameter(10, fee)
                .setParameter(11, discount)
                .setParameter(12, total)
                .setParameter(13, write(adjustments))
                .setParameter(17, priced.price().pointsFen() + priced.price().storedValueFen())
                .setParameter(14, reservation)
                .setParameter(15, payBy)
                .setParameter(16, now)
                .executeUpdate();
        for (OrderView.Line line : lines) {
            em.createNativeQuery("insert into order_line (order_id, sku_id, sku_code, product_name, unit_price_fen, "
                            + "quantity, line_fen) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, id)
                    .setParameter(2, line.skuId())
                    .setParameter(3, line.skuCode())
                    .setParameter(4, line.productName())
                    .setParameter(5, line.unitPriceFen())
                    .setParameter(6, line.quantity())
                    .setParameter(7, line.lineFen())
                    .executeUpdate();
        }
        promotions.record(orderNo, storeId, memberId, priced.price());
        String actor = "member:" + memberId;
        OrderViews.event(em, id, "PENDING_PAYMENT", actor, "placed");
        if (tickets.isEmpty()) {
            em.createNativeQuery("delete from cart_line where member_id = ?1 and store_id = ?2")
                    .setParameter(1, memberId)
                    .setParameter(2, storeId)
                    .executeUpdate();
        }
        OrderView view = new OrderView(
                orderNo,
                storeId,
                "PENDING_PAYMENT",
                mode.name(),
                pickupAt,
                part.address(),
                part.note(),
                lines,
                itemsFen,
                adjustments,
                fee,
                discount,
                total,
                payBy,
                now,
                null,
                List.of(new OrderView.Event("PENDING_PAYMENT", actor, "placed", now)),
                priced.price(),
                null,
                priced.pickup().asap());
        return new Placed(id, view, reservation, holds, memberId, priced.pickup());
    }

    private String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
