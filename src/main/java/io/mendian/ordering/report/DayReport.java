package io.mendian.ordering.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One day of orders, as a store's own report or HQ's dashboard shows it. Sales count what customers paid for orders
 * that are not cancelled or expired (money in fen); the day runs midnight to midnight in {@code timeZone}.
 */
public record DayReport(
        LocalDate date,
        String timeZone,

        @Schema(description = "Orders placed that day, whatever became of them")
        long placed,

        @Schema(description = "Orders paid and not cancelled (PAID through COMPLETED)")
        long paid,

        long salesFen,

        @Schema(description = "salesFen / paid, rounded down; 0 without paid orders")
        long averageFen,

        long cancelled,
        Map<String, Long> byStatus,
        Map<String, Long> paidByMode,

        @Schema(description = "24 entries, local hours 0-23: paid orders placed in that hour")
        List<Long> paidByHour,

        @Schema(description = "24 entries, local hours 0-23: their sales (fen)")
        List<Long> salesByHourFen,

        @Schema(description = "The ten best-selling SKUs by quantity")
        List<Product> topProducts,

        @Schema(description = "Per store, best first (HQ's report; the store's own has one line)")
        List<StoreLine> stores) {

    public record Product(long skuId, String productName, long quantity, long salesFen) {}

    public record StoreLine(long storeId, String store, long paid, long salesFen) {}
}
