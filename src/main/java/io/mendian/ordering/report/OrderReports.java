package io.mendian.ordering.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Aggregates one day of orders for a set of stores in one pass over the day's rows (the created_at and
 * store/created_at indexes bound the scan), so that the dashboard costs the same whatever the history holds.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OrderReports {

    /** Statuses of an order that was paid and still counts as a sale. */
    private static final String SOLD = "('PAID', 'ACCEPTED', 'PREPARING', 'READY', 'COMPLETED')";

    private final EntityManager em;

    public OrderReports(EntityManager em) {
        this.em = em;
    }

    /**
     * @param stores the stores to count ({@code null}: every store of the brand)
     * @param labels "code name" per store id, for the per-store lines
     */
    public DayReport day(Set<Long> stores, LocalDate date, ZoneId zone, Function<Set<Long>, Map<Long, String>> labels) {
        OffsetDateTime from = date.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = date.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> paidByMode = new TreeMap<>();
        List<Long> paidByHour = new ArrayList<>(Collections.nCopies(24, 0L));
        List<Long> salesByHour = new ArrayList<>(Collections.nCopies(24, 0L));
        long placed = 0, paid = 0, sales = 0;
        for (Object[] r : rows(
                "select status, fulfilment_mode, cast(extract(hour from created_at at time zone ?3) as int), "
                        + "count(*), sum(total_fen), status in " + SOLD + " from customer_order where "
                        + scope(stores, "store_id", 4) + " and created_at >= ?1 and created_at < ?2 group by 1, 2, 3",
                stores,
                from,
                to,
                zone.getId())) {
            String status = (String) r[0];
            int hour = ((Number) r[2]).intValue();
            long count = ((Number) r[3]).longValue();
            long fen = ((Number) r[4]).longValue();
            placed += count;
            byStatus.merge(status, count, Long::sum);
            if ((Boolean) r[5]) {
                paid += count;
                sales += fen;
                paidByMode.merge((String) r[1], count, Long::sum);
                paidByHour.set(hour, paidByHour.get(hour) + count);
                salesByHour.set(hour, salesByHour.get(hour) + fen);
            }
        }
        List<DayReport.Product> top = rows(
                        "select l.sku_id, min(l.product_name), sum(l.quantity), sum(l.line_fen) from order_line l "
                                + "join customer_order o on o.id = l.order_id where o.status in " + SOLD + " and "
                                + scope(stores, "o.store_id", 3) + " and o.created_at >= ?1 and o.created_at < ?2 "
                                + "group by l.sku_id order by 3 desc, 1 limit 10",
                        stores,
                        from,
                        to)
                .stream()
                .map(r -> new DayReport.Product(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        ((Number) r[2]).longValue(),
                        ((Number) r[3]).longValue()))
                .toList();
        List<Object[]> perStore = rows(
                "select store_id, count(*), sum(total_fen) from customer_order where status in " + SOLD + " and "
                        + scope(stores, "store_id", 3) + " and created_at >= ?1 and created_at < ?2 group by 1 "
                        + "order by 3 desc, 1",
                stores,
                from,
                to);
        Map<Long, String> names = labels.apply(Set.copyOf(
                perStore.stream().map(r -> ((Number) r[0]).longValue()).toList()));
        List<DayReport.StoreLine> lines = perStore.stream()
                .map(r -> {
                    long id = ((Number) r[0]).longValue();
                    return new DayReport.StoreLine(
                            id,
                            names.getOrDefault(id, "#" + id),
                            ((Number) r[1]).longValue(),
                            ((Number) r[2]).longValue());
                })
                .toList();
        return new DayReport(
                date,
                zone.getId(),
                placed,
                paid,
                sales,
                paid == 0 ? 0 : sales / paid,
                byStatus.getOrDefault("CANCELLED", 0L),
                byStatus,
                paidByMode,
                paidByHour,
                salesByHour,
                top,
                lines);
    }

    /** The scope as a condition on the column; the store ids are bound as the last parameter, at {@code ordinal}. */
    private static String scope(Set<Long> stores, String column, int ordinal) {
        return stores == null ? "true" : column + " = any(cast(?" + ordinal + " as bigint[]))";
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Set<Long> stores, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        if (stores != null) {
            query.setParameter(params.length + 1, stores.toArray(Long[]::new));
        }
        return query.getResultList();
    }
}
