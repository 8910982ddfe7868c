package io.mendian.booking.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How the stores' time was used over a period: booked minutes against the minutes people worked (utilisation), and
 * how many booked members did not come (no-show rate), by store, by person and by hour of the store's day.
 */
public record BookingReportView(
        LocalDate from,
        LocalDate to,
        Figures total,
        List<StoreLine> stores,
        List<PersonLine> staff,
        List<HourLine> hours) {

    /**
     * @param appointments every appointment that was booked (cancelled and lapsed holds apart)
     * @param bookedMinutes minutes booked with a person (rooms and other items without one apart) that were not
     *     cancelled, lapsed or missed
     * @param workedMinutes minutes people were on shift from the day they were added (stores: all their people; an
     *     inactive person none)
     * @param utilisationPercent bookedMinutes of workedMinutes, one decimal; null when nobody worked
     * @param noShowPercent no-shows of appointments whose time came (completed, checked in, missed), one decimal
     */
    public record Figures(
            long appointments,
            long completed,
            long noShows,
            long cancelled,
            long bookedMinutes,
            long workedMinutes,
            @Schema(nullable = true) BigDecimal utilisationPercent,
            @Schema(nullable = true) BigDecimal noShowPercent) {}

    public record StoreLine(long storeId, String store, Figures figures) {}

    public record PersonLine(long staffId, String name, long storeId, Figures figures) {}

    /** Appointments that start in this hour of the store's own day. */
    public record HourLine(int hour, long appointments) {}
}
