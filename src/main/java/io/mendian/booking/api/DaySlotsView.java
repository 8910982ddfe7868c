package io.mendian.booking.api;

import java.time.LocalDate;
import java.util.List;

/** The starts of an item at a store on one of the store's days, in the store's time zone. */
public record DaySlotsView(LocalDate date, String timeZone, long itemId, int minutes, List<SlotView> slots) {}
