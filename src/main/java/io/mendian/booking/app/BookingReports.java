package io.mendian.booking.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.booking.api.BookingReportView;
import io.mendian.booking.api.BookingReportView.Figures;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;

/** HQ's booking report over the stores in the caller's scope (at most 92 days, in each store's own calendar). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BookingReports {

    static final int MAX_DAYS = 92;
    private static final String FIGURES = "count(*) filter (where status not in ('CANCELLED', 'EXPIRED')), "
            + "count(*) filter (where status = 'COMPLETED'), count(*) filter (where status = 'NO_SHOW'), "
            + "count(*) filter (where status = 'CANCELLED'), "
            + "coalesce(sum(extract(epoch from ends_at - starts_at) / 60) filter (where staff_id is not null and status "
            + "in ('HELD', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED')), 0), "
            + "count(*) filter (where status in ('COMPLETED', 'CHECKED_IN', 'NO_SHOW'))";

    private final EntityManager em;
    private final BookingStaff staff;
    private final StoreApi stores;

    public BookingReports(EntityManager em, BookingStaff staff, StoreApi stores) {
        this.em = em;
        this.staff = staff;
        this.stores = stores;
    }

    /** @param scope the stores in the caller's scope; null for every store */
    public BookingReportView report(LocalDate from, LocalDate to, Set<Long> scope) {
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ProblemException.badRequest(
                    "invalid-period", "to is on or after from, and the period is at most " + MAX_DAYS + " days");
        }
        if (scope != null && scope.isEmpty()) {
            return new BookingReportView(from, to, figures(new Object[7], 0), List.of(), List.of(), List.of());
        }
        // The period in the stores' calendars: a day earlier and later in UTC, then each row is kept when its start
        // falls inside the period on its own store's clock.
        String inPeriod = "a.starts_at >= cast(:from as date) - 1 and a.starts_at < cast(:to as date) + 2 "
                + "and cast(a.starts_at at time zone z.zone as date) between :from and :to"
                + (scope == null ? "" : " and a.store_id in (:scope)");
        Map<Long, ZoneId> storeZones = stores.allTimeZones();
        String zones = zones(scope, storeZones);
        List<BookingStaff.Worked> people =
                staff.worked(scope, from, to, store -> storeZones.getOrDefault(store, ZoneId.of("Asia/Shanghai")));
        Map<Long, Long> worked =
                people.stream().collect(Collectors.toMap(BookingStaff.Worked::id, BookingStaff.Worked::minutes));
        Map<Long, Long> workedByStore = people.stream()
                .collect(Collectors.groupingBy(
                        BookingStaff.Worked::storeId, Collectors.summingLong(BookingStaff.Worked::minutes)));
        Map<Long, String> labels = stores.allLabels();
        List<BookingReportView.StoreLine> byStore = new ArrayList<>();
        for (Object[] r : rows(
                "select a.store_id, " + FIGURES + " from appointment a join " + zones
                        + " on z.store_id = a.store_id where " + inPeriod + " group by a.store_id order by a.store_id",
                from,
                to,
                scope)) {
            long store = ((Number) r[0]).longValue();
            byStore.add(new BookingReportView.StoreLine(
                    store,
                    labels.getOrDefault(store, "#" + store),
                    figures(tail(r), workedByStore.getOrDefault(store, 0L))));
        }
        Map<Long, String> names =
                people.stream().collect(Collectors.toMap(BookingStaff.Worked::id, BookingStaff.Worked::name));
        List<BookingReportView.PersonLine> byPerson = new ArrayList<>();
        for (Object[] r : rows(
                "select a.staff_id, a.store_id, " + FIGURES + " from appointment a join " + zones
                        + " on z.store_id = a.store_id where a.staff_id is not null and " + inPeriod
                        + " group by a.staff_id, a.store_id order by a.staff_id",
                from,
                to,
                scope)) {
            long person = ((Number) r[0]).longValue();
            Object[] rest = new Object[r.length - 2];
            System.arraycopy(r, 2, rest, 0, rest.length);
            byPerson.add(new BookingReportView.PersonLine(
                    person,
                    names.getOrDefault(person, "#" + person),
                    ((Number) r[1]).longValue(),
                    figures(rest, worked.getOrDefault(person, 0L))));
        }
        Map<Integer, Long> hours = new TreeMap<>();
        for (Object[] r : rows(
                "select cast(extract(hour from a.starts_at at time zone z.zone) as int), count(*) from "
                        + "appointment a join " + zones
                        + " on z.store_id = a.store_id where a.status not in ('CANCELLED', "
                        + "'EXPIRED') and " + inPeriod + " group by 1 order by 1",
                from,
                to,
                scope)) {
            hours.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue());
        }
        Object[] total = rows(
                        "select 0, " + FIGURES + " from appointment a join " + zones
                                + " on z.store_id = a.store_id where " + inPeriod,
                        from,
                        to,
                        scope)
                .get(0);
        return new BookingReportView(
                from,
                to,
                figures(
                        tail(total),
                        worked.values().stream().mapToLong(Long::longValue).sum()),
                byStore,
                byPerson,
                hours.entrySet().stream()
                        .map(e -> new BookingReportView.HourLine(e.getKey(), e.getValue()))
                        .toList());
    }

    /** Each store's time zone as a VALUES list (ids are numbers, zone ids come from java.time). */
    private static String zones(Set<Long> scope, Map<Long, ZoneId> storeZones) {
        StringBuilder values = new StringBuilder("(values ");
        String sep = "";
        for (var entry : storeZones.entrySet()) {
            Long store = entry.getKey();
            if (scope != null && !scope.contains(store)) {
                continue;
            }
            ZoneId zone = entry.getValue();
            values.append(sep)
                    .append("(cast(")
                    .append(store)
                    .append(" as bigint), '")
                    .append(zone.getId())
                    .append("')");
            sep = ", ";
        }
        if (sep.isEmpty()) {
            values.append("(cast(0 as bigint), 'UTC')");
        }
        return values.append(") z(store_id, zone)").toString();
    }

    private List<Object[]> rows(String sql, LocalDate from, LocalDate to, Set<Long> scope) {
        var query = em.createNativeQuery(sql).setParameter("from", from).setParameter("to", to);
        if (scope != null) {
            query.setParameter("scope", scope);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows;
    }

    private static Object[] tail(Object[] row) {
        Object[] rest = new Object[row.length - 1];
        System.arraycopy(row, 1, rest, 0, rest.length);
        return rest;
    }

    private static Figures figures(Object[] r, long worked) {
        long appointments = number(r[0]);
        long completed = number(r[1]);
        long noShows = number(r[2]);
        long cancelled = number(r[3]);
        long booked = number(r[4]);
        long due = number(r[5]);
        return new Figures(
                appointments,
                completed,
                noShows,
                cancelled,
                booked,
                worked,
                worked == 0 ? null : percent(booked, worked),
                due == 0 ? null : percent(noShows, due));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static BigDecimal percent(long part, long whole) {
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
