package io.mendian.ordering.ahead.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The brand's order-ahead setting. */
public record OrderAheadSetting(
        @Schema(description = "Pickup orders may ask for \"as soon as possible\" and get a queue number when paid")
        boolean enabled,

        @Schema(description = "Minutes one order takes to make, used until a store has made enough orders to measure")
        @Min(1)
        @Max(120)
        int prepMinutes,

        @Schema(description = "How many orders a store makes at once (baristas, ovens): waits divide by it")
        @Min(1)
        @Max(20)
        int lanes,

        @Schema(
                description = "Pickup orders a store takes per 15 minutes (0: no limit; left out: unchanged). A full "
                        + "quarter of an hour is refused at checkout (409 slot-full) with the next quarters that have "
                        + "room")
        @Min(0)
        @Max(500)
        Integer slotCapacity) {

    public static OrderAheadSetting defaults() {
        return new OrderAheadSetting(false, 5, 2, 0);
    }

    /** Whether the brand limits how many orders a store takes per 15 minutes. */
    public boolean limitsSlots() {
        return enabled && slotCapacity != null && slotCapacity > 0;
    }

    /** This setting, with the capacity of {@code current} where this one leaves it out. */
    public OrderAheadSetting keepingCapacityOf(OrderAheadSetting current) {
        return slotCapacity != null ? this : new OrderAheadSetting(enabled, prepMinutes, lanes, current.slotCapacity());
    }
}
