package io.mendian.ordering.app;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import io.mendian.ordering.api.CheckoutRequest;
import io.mendian.ordering.api.OrderView;
import io.mendian.ordering.domain.Adjustment;
import io.mendian.store.FulfilmentMode;
import io.mendian.store.FulfilmentTerms;
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
    private final OrderViews views;
    private final ObjectMapper json;
    private final Duration payWindow;
    private final PaymentGate payments;

    public Checkout(
            PaymentGate payments,
            EntityManager em,
            Carts carts,
            CatalogApi catalog,
            InventoryApi inventory,
            FulfilmentTerms fulfilment,
            OrderViews views,
            ObjectMapper json,
            @ConfigProperty(name = "mendian.ordering.pay-window", defaultValue = "15M") Duration payWindow) {
        this.em = em;
        this.carts = carts;
        this.catalog = catalog;
        this.inventory = inventory;
        this.fulfilment = fulfilment;
        this.views = views;
        this.json = json;
        this.payWindow = payWindow;
        this.payments = payments;
    }

    @Transactional
    public List<OrderView> checkout(long memberId, CheckoutRequest request) {
        payments.requireReady();
        Map<Long, Map<Long, Integer>> cart = carts.lines(memberId);
        List<String> placed = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (CheckoutRequest.StoreOrder part : request.orders()) {
            if (!seen.add(part.storeId())) {
                throw ProblemException.unprocessable("duplicate-store", "store " + part.storeId() + " is listed twice");
            }
            Map<Long, Integer> items = cart.get(part.storeId());
            if (items == null || items.isEmpty()) {
                throw ProblemException.unprocessable("empty-cart", "the cart has nothing from store " + part.storeId());
            }
            placed.add(place(memberId, part, items));
        }
        return placed.stream().map(no -> views.get(memberId, no)).toList();
    }

    private String place(long memberId, CheckoutRequest.StoreOrder part, Map<Long, Integer> items) {
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
        for (var item : items.entrySet()) {
            itemsFen = Math.addExact(
                    itemsFen, Math.multiplyExact(offers.get(item.getKey()).priceFen(), item.getValue()));
        }
        FulfilmentMode mode = FulfilmentMode.valueOf(part.mode());
        if (mode != FulfilmentMode.PICKUP && part.address() == null) {
            throw ProblemException.unprocessable("address-required", mode + " needs an address");
        }
        long fee = fulfilment.quote(
                storeId,
                mode,
                part.pickupAt(),
                part.address() == null ? null : part.address().latitude(),
                part.address() == null ? null : part.address().longitude(),
                itemsFen);
        List<Adjustment> adjustments = fee == 0 ? List.of() : List.of(new Adjustment("DELIVERY_FEE", "Delivery", fee));
        long discount = 0;
        long total = itemsFen + fee - discount;
        long id = ((Number) em.createNativeQuery("select nextval('customer_order_seq')")
                        .getSingleResult())
                .longValue();
        String orderNo = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DAY) + String.format("%08d", id);
        em.createNativeQuery("insert into customer_order (id, order_no, member_id, store_id, status, fulfilment_mode, "
                        + "pickup_at, address, note, items_fen, delivery_fee_fen, discount_fen, total_fen, adjustments, "
                        + "pay_by, created_at, updated_at) values (?1, ?2, ?3, ?4, 'PENDING_PAYMENT', ?5, ?6, "
                        + "cast(?7 as jsonb), ?8, ?9, ?10, ?11, ?12, cast(?13 as jsonb), now() + make_interval(secs => ?14), "
                        + "now(), now())")
                .setParameter(1, id)
                .setParameter(2, orderNo)
                .setParameter(3, memberId)
                .setParameter(4, storeId)
                .setParameter(5, mode.name())
                .setParameter(
                        6, mode == FulfilmentMode.PICKUP ? part.pickupAt().atOffset(java.time.ZoneOffset.UTC) : null)
                .setParameter(7, write(part.address()))
                .setParameter(8, part.note())
                .setParameter(9, itemsFen)
                .setParameter(10, fee)
                .setParameter(11, discount)
                .setParameter(12, total)
                .setParameter(13, write(adjustments))
                .setParameter(14, payWindow.toSeconds())
                .executeUpdate();
        List<InventoryApi.Line> holds = new ArrayList<>();
        for (var item : items.entrySet()) {
            Offer offer = offers.get(item.getKey());
            holds.add(new InventoryApi.Line(storeId, item.getKey(), item.getValue()));
            em.createNativeQuery("insert into order_line (order_id, sku_id, sku_code, product_name, unit_price_fen, "
                            + "quantity, line_fen) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, id)
                    .setParameter(2, item.getKey())
                    .setParameter(3, offer.code())
                    .setParameter(4, offer.productName())
                    .setParameter(5, offer.priceFen())
                    .setParameter(6, item.getValue())
                    .setParameter(7, offer.priceFen() * item.getValue())
                    .executeUpdate();
        }
        // The hold outlives the payment deadline a little, so that the order's own expiry releases it (and says why);
        // the inventory sweep is the safety net.
        var reservation = inventory.reserve("order:" + orderNo, holds, payWindow.plusMinutes(5), "member:" + memberId);
        em.createNativeQuery("update customer_order set reservation_id = ?1 where id = ?2")
                .setParameter(1, reservation.id())
                .setParameter(2, id)
                .executeUpdate();
        OrderViews.event(em, id, "PENDING_PAYMENT", "member:" + memberId, "placed");
        em.createNativeQuery("delete from cart_line where member_id = ?1 and store_id = ?2")
                .setParameter(1, memberId)
                .setParameter(2, storeId)
                .executeUpdate();
        return orderNo;
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
