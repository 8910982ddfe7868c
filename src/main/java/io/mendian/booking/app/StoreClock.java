package io.mendian.booking.app;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.store.StoreApi;

/** Times in words as the store's own clock shows them ("2026-12-06 10:00"), for messages and timelines. */
@ApplicationScoped
public class StoreClock {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final StoreApi stores;

    public StoreClock(StoreApi stores) {
        this.stores = stores;
    }

    public String local(long storeId, Instant at) {
        return LOCAL.format(at.atZone(stores.timeZone(storeId)));
    }
}
