package io.mendian.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.store.domain.BusinessHours;
import io.mendian.store.domain.StoreStatus;
import io.mendian.store.persistence.StoreEntity;
import io.mendian.web.ProblemException;

/**
 * Whether a store can fulfil an order the way the customer asks, and for what fee (C4). Refusals are 409/422 problems
 * that say why in words: the store is paused, the pickup time is outside its hours (with the next opening), the
 * address is outside the delivery radius (with the distance), the order is below the delivery minimum.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FulfilmentTerms {

    static final Duration LATEST_PICKUP = Duration.ofDays(7);
    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    /** The fee the store charges for the mode (fen). */
    public long quote(
            long storeId, FulfilmentMode mode, Instant pickupAt, BigDecimal lat, BigDecimal lng, long itemsTotalFen) {
        StoreEntity store = StoreEntity.findById(storeId);
        if (store == null || store.status == StoreStatus.CLOSED) {
            throw ProblemException.notFound("store " + storeId);
        }
        if (store.status != StoreStatus.OPEN) {
            throw ProblemException.conflict(
                    "store-not-taking-orders", "store " + store.name + " is not taking orders now");
        }
        var fulfilment = store.fulfilment == null ? io.mendian.store.domain.Fulfilment.pickupOnly() : store.fulfilment;
        return switch (mode) {
            case PICKUP -> {
                if (!fulfilment.pickup()) {
                    throw unsupported(store, "pickup");
                }
                requirePickupTime(store, pickupAt);
                yield 0;
            }
            case DELIVERY -> {
                if (!fulfilment.delivers()) {
                    throw unsupported(store, "delivery");
                }
                if (lat == null || lng == null) {
                    throw ProblemException.unprocessable(
                            "address-required", "delivery needs the address's coordinates");
                }
                long distance = Math.round(meters(store.latitude, store.longitude, lat, lng));
                if (distance > fulfilment.delivery().radiusMeters()) {
                    throw ProblemException.unprocessable(
                                    "outside-delivery-area",
                                    "the address is " + distance + " m from " + store.name + ", which delivers within "
                                            + fulfilment.delivery().radiusMeters() + " m")
                            .with("distanceMeters", distance)
                            .with("radiusMeters", fulfilment.delivery().radiusMeters());
                }
                if (itemsTotalFen < fulfilment.delivery().minimumOrderFen()) {
                    throw ProblemException.unprocessable(
                                    "below-delivery-minimum",
                                    "delivery starts at "
                                            + fulfilment.delivery().minimumOrderFen() + " fen of goods")
                            .with("minimumOrderFen", fulfilment.delivery().minimumOrderFen());
                }
                yield fulfilment.delivery().feeFen();
            }
            case EXPRESS -> {
                if (!fulfilment.express()) {
                    throw unsupported(store, "express shipping");
                }
                yield 0;
            }
        };
    }

    /**
     * Whether the store would take a pickup at {@code at} now: it is open for orders, offers pickup, and the time is
     * within the next days and inside its hours (a time to offer instead of a refused one).
     */
    public boolean acceptsPickupAt(long storeId, Instant at) {
        StoreEntity store = StoreEntity.findById(storeId);
        return store != null
                && store.status == StoreStatus.OPEN
                && (store.fulfilment == null || store.fulfilment.pickup())
                && withinPickupWindow(at)
                && hours(store).isOpen(at, zone(store));
    }

    private static boolean withinPickupWindow(Instant pickupAt) {
        Instant now = Instant.now();
        return pickupAt != null
                && !pickupAt.isBefore(now.minusSeconds(60))
                && !pickupAt.isAfter(now.plus(LATEST_PICKUP));
    }

    private static BusinessHours hours(StoreEntity store) {
        return store.hours == null ? BusinessHours.none() : store.hours.toBusinessHours();
    }

    private static java.time.ZoneId zone(StoreEntity store) {
        return java.time.ZoneId.of(store.timeZone == null ? "Asia/Shanghai" : store.timeZone);
    }

    private static void requirePickupTime(StoreEntity store, Instant pickupAt) {
        if (!withinPickupWindow(pickupAt)) {
            throw ProblemException.unprocessable(
                    "invalid-pickup-time",
                    "choose a pickup time between now and " + LATEST_PICKUP.toDays() + " days ahead");
        }
        BusinessHours hours = hours(store);
        java.time.ZoneId zone = zone(store);
        if (!hours.isOpen(pickupAt, zone)) {
            var next = hours.nextOpening(pickupAt, zone);
            var problem = ProblemException.unprocessable(
                    "pickup-outside-hours", store.name + " is closed at the chosen pickup time");
            throw next.map(n -> problem.with("nextOpening", n.toString())).orElse(problem);
        }
    }

    private static ProblemException unsupported(StoreEntity store, String what) {
        return ProblemException.unprocessable("fulfilment-unavailable", store.name + " does not offer " + what);
    }

    /** Great-circle distance; both points are GCJ-02, as WeChat and the store profile give them. */
    static double meters(BigDecimal lat1, BigDecimal lng1, BigDecimal lat2, BigDecimal lng2) {
        double p1 = Math.toRadians(lat1.doubleValue());
        double p2 = Math.toRadians(lat2.doubleValue());
        double dp = p2 - p1;
        double dl = Math.toRadians(lng2.doubleValue() - lng1.doubleValue());
        double a =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
