package io.mendian.booking.app;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.booking.app.Capacity.Claim;
import io.mendian.booking.app.ServiceItems.Item;
import io.mendian.booking.domain.Cells;
import io.mendian.web.ProblemException;

/** Takes the capacity a booking needs: the item's place at the store and, when it needs one, a person's time. */
@ApplicationScoped
public class Placement {

    /** The problem type of a start that is full; callers add alternatives to it. */
    public static final String TAKEN = "slot-taken";

    private final Capacity capacity;

    public Placement(Capacity capacity) {
        this.capacity = capacity;
    }

    /**
     * Takes [startsAt, endsAt) with the first of the candidates who is free (items that need a person) and returns
     * who it was, or null for an item without. 409 slot-taken when nobody (or the item's place) is free.
     */
    public Long take(long storeId, Item item, Instant startsAt, Instant endsAt, List<Long> candidates) {
        Claim place = new Claim(Cells.item(item.id(), storeId), item.capacity());
        if (!item.needsStaff()) {
            if (capacity.take(List.of(place), startsAt, endsAt)) {
                return null;
            }
            throw taken();
        }
        for (Long person : candidates) {
            if (capacity.take(List.of(place, new Claim(Cells.staff(person), 1)), startsAt, endsAt)) {
                return person;
            }
        }
        throw taken();
    }

    /** Locks the item's cells at the row's store over the union of its interval and [from, until), in time order. */
    public void lockItemCells(AppointmentRows.Row row, Instant from, Instant until) {
        Instant start = row.startsAt().isBefore(from) ? row.startsAt() : from;
        Instant end = row.endsAt().isAfter(until) ? row.endsAt() : until;
        capacity.lock(Cells.item(row.itemId(), row.storeId()), start, end);
    }

    /** Gives back what an appointment held. */
    public void give(AppointmentRows.Row row) {
        row.resources().forEach(resource -> capacity.give(resource, row.startsAt(), row.endsAt()));
    }

    private static ProblemException taken() {
        return ProblemException.conflict(TAKEN, "that start was just taken; pick another");
    }
}
