package io.mendian.booking.domain;

import java.util.Set;

/** Where an appointment is in its life. The first three hold capacity; the rest are final. */
public enum AppointmentStatus {
    /** Capacity held until the member confirms, or the hold expires. */
    HELD,
    CONFIRMED,
    CHECKED_IN,
    COMPLETED,
    CANCELLED,
    EXPIRED,
    NO_SHOW;

    public static final Set<AppointmentStatus> HOLDING = Set.of(HELD, CONFIRMED, CHECKED_IN);

    public boolean holdsCapacity() {
        return HOLDING.contains(this);
    }
}
