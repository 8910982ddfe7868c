package io.mendian.store.app;

import java.time.Instant;
import java.time.ZoneId;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.store.api.ShopStoreView;
import io.mendian.store.api.StoreView;
import io.mendian.store.domain.BusinessHours;
import io.mendian.store.domain.StoreStatus;
import io.mendian.store.persistence.StoreEntity;

/** Entity to wire mappings; "open now" is computed here so that every audience sees the same answer. */
final class StoreViews {

    private StoreViews() {}

    static BusinessHours hoursOf(StoreEntity s) {
        try {
            return s.hours == null ? BusinessHours.none() : s.hours.toBusinessHours();
        } catch (IllegalArgumentException e) {
            return BusinessHours.none();
        }
    }

    /** Open means trading status OPEN and inside today's hours in the store's zone. */
    static boolean openNow(StoreEntity s, Instant now) {
        return s.status == StoreStatus.OPEN && hoursOf(s).isOpen(now, ZoneId.of(s.timeZone));
    }

    static Instant nextOpening(StoreEntity s, Instant now) {
        if (s.status != StoreStatus.OPEN && s.status != StoreStatus.PAUSED) {
            return null;
        }
        return hoursOf(s).nextOpening(now, ZoneId.of(s.timeZone)).orElse(null);
    }

    static StoreView hq(StoreEntity s) {
        Instant now = Instant.now();
        return new StoreView(
                s.id,
                s.code,
                s.name,
                s.status,
                s.regionId,
                s.province,
                s.city,
                s.district,
                s.address,
                s.latitude,
                s.longitude,
                s.phone,
                s.timeZone,
                s.hours,
                s.fulfilment,
                s.images,
                s.customerService,
                openNow(s, now),
                nextOpening(s, now),
                s.createdAt,
                s.createdBy,
                s.updatedAt,
                s.updatedBy,
                s.version);
    }

    static ShopStoreView shop(StoreEntity s) {
        Instant now = Instant.now();
        return new ShopStoreView(
                s.id,
                s.name,
                s.status,
                s.city,
                s.district,
                s.address,
                s.latitude,
                s.longitude,
                s.phone,
                openNow(s, now),
                nextOpening(s, now),
                s.fulfilment,
                s.images,
                s.customerService,
                s.hours,
                s.timeZone,
                null,
                null);
    }

    /** The shop view as the JSON the store index keeps and the PostgreSQL fallback answers with. */
    static String shopJson(ObjectMapper json, StoreEntity s) {
        try {
            return json.writeValueAsString(shop(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
