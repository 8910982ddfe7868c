package io.mendian.booking.app;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.booking.api.StaffExceptionRequest;
import io.mendian.booking.api.StaffRequest;
import io.mendian.booking.api.StaffView;
import io.mendian.booking.domain.DayIntervals;
import io.mendian.web.ProblemException;

/** The people who perform service items at a store, with their weekly shifts and dated exceptions. */
@ApplicationScoped
@Transactional
public class BookingStaff {

    private static final int MAX_PER_STORE = 200;

    private final EntityManager em;
    private final BookingAudit audit;

    public BookingStaff(EntityManager em, BookingAudit audit) {
        this.em = em;
        this.audit = audit;
    }

    public List<StaffView> list(long storeId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from booking_staff where store_id = ?1 order by id")
                .setParameter(1, storeId)
                .getResultList();
        return ids.stream().map(id -> view(storeId, id.longValue())).toList();
    }

    public StaffView create(long storeId, StaffRequest r, String actor) {
        Map<DayOfWeek, DayIntervals> weekly = weekly(r);
        checkItems(r.itemIds());
        long count = ((Number) em.createNativeQuery("select count(*) from booking_staff where store_id = ?1")
                        .setParameter(1, storeId)
                        .getSingleResult())
                .longValue();
        if (count >= MAX_PER_STORE) {
            throw ProblemException.conflict(
                    "too-many-staff", "a store lists at most " + MAX_PER_STORE + " people for booking");
        }
        long id = ((Number) em.createNativeQuery("insert into booking_staff (store_id, name, title, active, "
                                + "created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?5) returning id")
                        .setParameter(1, storeId)
                        .setParameter(2, r.name().trim())
                        .setParameter(3, r.title())
                        .setParameter(4, !Boolean.FALSE.equals(r.active()))
                        .setParameter(5, OffsetDateTime.now())
                        .getSingleResult())
                .longValue();
        writeItemsAndShifts(id, r.itemIds(), weekly);
        audit.record(actor, "STAFF_CREATED", "store " + storeId + " staff " + id + ": " + r.name());
        return view(storeId, id);
    }

    public StaffView update(long storeId, long staffId, StaffRequest r, String actor) {
        requireAt(storeId, staffId);
        Map<DayOfWeek, DayIntervals> weekly = weekly(r);
        checkItems(r.itemIds());
        em.createNativeQuery("update booking_staff set name = ?1, title = ?2, active = ?3, updated_at = now(), "
                        + "version = version + 1 where id = ?4")
                .setParameter(1, r.name().trim())
                .setParameter(2, r.title())
                .setParameter(3, !Boolean.FALSE.equals(r.active()))
                .setParameter(4, staffId)
                .executeUpdate();
        for (String table : List.of("booking_staff_item", "booking_shift")) {
            em.createNativeQuery("delete from " + table + " where staff_id = ?1")
                    .setParameter(1, staffId)
                    .executeUpdate();
        }
        writeItemsAndShifts(staffId, r.itemIds(), weekly);
        audit.record(actor, "STAFF_UPDATED", "store " + storeId + " staff " + staffId + ": " + r);
        return view(storeId, staffId);
    }

    public StaffView setException(long storeId, long staffId, LocalDate day, StaffExceptionRequest r, String actor) {
        requireAt(storeId, staffId);
        DayIntervals intervals = parse(r.intervals());
        em.createNativeQuery("insert into booking_staff_exception (staff_id, day, intervals, note) values "
                        + "(?1, ?2, ?3, ?4) on conflict (staff_id, day) do update set intervals = excluded.intervals, "
                        + "note = excluded.note")
                .setParameter(1, staffId)
                .setParameter(2, day)
                .setParameter(3, String.join(",", intervals.texts()))
                .setParameter(4, r.note())
                .executeUpdate();
        audit.record(actor, "STAFF_EXCEPTION_SET", "staff " + staffId + " " + day + ": " + intervals.texts());
        return view(storeId, staffId);
    }

    public StaffView removeException(long storeId, long staffId, LocalDate day, String actor) {
        requireAt(storeId, staffId);
        int removed = em.createNativeQuery("delete from booking_staff_exception where staff_id = ?1 and day = ?2")
                .setParameter(1, staffId)
                .setParameter(2, day)
                .executeUpdate();
        if (removed == 0) {
            throw ProblemException.notFound("an exception on " + day + " for staff " + staffId);
        }
        audit.record(actor, "STAFF_EXCEPTION_REMOVED", "staff " + staffId + " " + day);
        return view(storeId, staffId);
    }

    /** Whether the person is active at the store and performs the item. */
    public boolean performs(long storeId, long staffId, long itemId) {
        return !em.createNativeQuery("select 1 from booking_staff p join booking_staff_item i on i.staff_id = p.id "
                        + "where p.id = ?1 and p.store_id = ?2 and p.active and i.item_id = ?3")
                .setParameter(1, staffId)
                .setParameter(2, storeId)
                .setParameter(3, itemId)
                .getResultList()
                .isEmpty();
    }

    /**
     * When each active person at the store who performs the item works on the day (the day's exception, else the
     * weekly shifts of its weekday), as instants in the store's zone. {@code only} narrows it to one person.
     */
    public Map<Long, List<Instant[]>> windows(long storeId, long itemId, LocalDate day, ZoneId zone, Long only) {
        Map<Long, List<Instant[]>> windows = new LinkedHashMap<>();
        workingDay(storeId, itemId, day, only)
                .forEach((id, t) -> windows.put(id, DayIntervals.parse(t).on(day, zone)));
        return windows;
    }

    /** Each active person's working intervals on the day, as the store's clock shows them (for the day board). */
    public Map<Long, List<String>> workingDay(long storeId, LocalDate day) {
        return workingDay(storeId, 0, day, null);
    }

    private Map<Long, List<String>> workingDay(long storeId, long itemId, LocalDate day, Long only) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select p.id, e.intervals, " + TEXTS + " from booking_staff p "
                        + "left join booking_staff_exception e on e.staff_id = p.id and e.day = ?3 "
                        + "left join booking_shift s on s.staff_id = p.id and s.weekday = ?4 and e.staff_id is null "
                        + "where p.store_id = ?1 and p.active and (?5 = 0 or p.id = ?5) and (?2 = 0 or exists "
                        + "(select 1 from booking_staff_item i where i.staff_id = p.id and i.item_id = ?2)) "
                        + "order by p.id, s.starts")
                .setParameter(1, storeId)
                .setParameter(2, itemId)
                .setParameter(3, day)
                .setParameter(4, day.getDayOfWeek().getValue())
                .setParameter(5, only == null ? 0L : only)
                .getResultList();
        Map<Long, List<String>> texts = new LinkedHashMap<>();
        for (Object[] r : rows) {
            List<String> intervals = texts.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>());
            if (r[1] != null) {
                if (intervals.isEmpty() && !((String) r[1]).isEmpty()) {
                    intervals.addAll(Arrays.asList(((String) r[1]).split(",")));
                }
            } else if (r[2] != null) {
                intervals.add((String) r[2] + "-" + (String) r[3]);
            }
        }
        return texts;
    }

    /** A person's minutes on shift over a period (active people; the inactive worked none). */
    public record Worked(long id, long storeId, String name, long minutes) {}

    /** Everyone at the stores in scope (null: every store) with their minutes on shift from one day to another. */
    public List<Worked> worked(
            Set<Long> scope, LocalDate from, LocalDate to, java.util.function.Function<Long, ZoneId> zoneOf) {
        String where = scope == null ? "" : " where p.store_id in (:scope)";
        var people = em.createNativeQuery("select p.id, p.store_id, p.name, p.active, p.created_at from booking_staff p"
                + where + " order by p.id");
        var shifts = em.createNativeQuery("select s.staff_id, s.weekday, " + TEXTS + " from booking_shift s "
                + "join booking_staff p on p.id = s.staff_id" + where);
        var exceptions = em.createNativeQuery("select e.staff_id, e.day, e.intervals from booking_staff_exception e "
                        + "join booking_staff p on p.id = e.staff_id where e.day between :from and :to"
                        + (scope == null ? "" : " and p.store_id in (:scope)"))
                .setParameter("from", from)
                .setParameter("to", to);
        if (scope != null) {
            people.setParameter("scope", scope);
            shifts.setParameter("scope", scope);
            exceptions.setParameter("scope", scope);
        }
        Map<Long, long[]> weekly = new HashMap<>();
        for (Object row : shifts.getResultList()) {
            Object[] r = (Object[]) row;
            long[] days = weekly.computeIfAbsent(((Number) r[0]).longValue(), k -> new long[8]);
            days[((Number) r[1]).intValue()] += minutes((String) r[2] + "-" + (String) r[3]);
        }
        Map<Long, Map<LocalDate, Long>> special = new HashMap<>();
        for (Object row : exceptions.getResultList()) {
            Object[] r = (Object[]) row;
            long total = 0;
            for (String interval : ((String) r[2]).isEmpty() ? new String[0] : ((String) r[2]).split(",")) {
                total += minutes(interval);
            }
            special.computeIfAbsent(((Number) r[0]).longValue(), k -> new HashMap<>())
                    .put(toDate(r[1]), total);
        }
        List<Worked> worked = new ArrayList<>();
        for (Object row : people.getResultList()) {
            Object[] r = (Object[]) row;
            long id = ((Number) r[0]).longValue();
            long store = ((Number) r[1]).longValue();
            long total = 0;
            if ((Boolean) r[3]) {
                long[] days = weekly.getOrDefault(id, new long[8]);
                Map<LocalDate, Long> dated = special.getOrDefault(id, Map.of());
                // Nobody worked here before they were added.
                LocalDate added = io.mendian.web.Rows.offset(r[4])
                        .atZoneSameInstant(zoneOf.apply(store))
                        .toLocalDate();
                for (LocalDate day = added.isAfter(from) ? added : from; !day.isAfter(to); day = day.plusDays(1)) {
                    total += dated.getOrDefault(day, days[day.getDayOfWeek().getValue()]);
                }
            }
            worked.add(new Worked(id, store, (String) r[2], total));
        }
        return worked;
    }

    private static long minutes(String interval) {
        return DayIntervals.parse(List.of(interval.trim())).intervals().get(0).minutes();
    }

    /** Names of the store's people, for boards. */
    public Map<Long, String> names(long storeId) {
        Map<Long, String> names = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name from booking_staff where store_id = ?1 order by id")
                .setParameter(1, storeId)
                .getResultList();
        rows.forEach(r -> names.put(((Number) r[0]).longValue(), (String) r[1]));
        return names;
    }

    void requireAt(long storeId, long staffId) {
        if (em.createNativeQuery("select 1 from booking_staff where id = ?1 and store_id = ?2")
                .setParameter(1, staffId)
                .setParameter(2, storeId)
                .getResultList()
                .isEmpty()) {
            throw ProblemException.notFound("staff " + staffId + " at store " + storeId);
        }
    }

    private StaffView view(long storeId, long id) {
        Object[] p = (Object[]) em.createNativeQuery("select name, title, active from booking_staff where id = ?1")
                .setParameter(1, id)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Number> items = em.createNativeQuery(
                        "select item_id from booking_staff_item where staff_id = ?1 order by item_id")
                .setParameter(1, id)
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> shifts = em.createNativeQuery("select s.weekday, " + TEXTS
                        + " from booking_shift s where s.staff_id = ?1 order by s.weekday, " + "s.starts")
                .setParameter(1, id)
                .getResultList();
        Map<DayOfWeek, List<String>> weekly = new EnumMap<>(DayOfWeek.class);
        for (Object[] s : shifts) {
            weekly.computeIfAbsent(DayOfWeek.of(((Number) s[0]).intValue()), k -> new ArrayList<>())
                    .add((String) s[1] + "-" + (String) s[2]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> exceptions = em.createNativeQuery("select day, intervals, note from booking_staff_exception "
                        + "where staff_id = ?1 and day >= current_date - 1 order by day limit 60")
                .setParameter(1, id)
                .getResultList();
        return new StaffView(
                id,
                storeId,
                (String) p[0],
                (String) p[1],
                (Boolean) p[2],
                items.stream().map(Number::longValue).toList(),
                weekly,
                exceptions.stream()
                        .map(e -> new StaffView.DayException(
                                toDate(e[0]),
                                ((String) e[1]).isEmpty() ? List.of() : List.of(((String) e[1]).split(",")),
                                (String) e[2]))
                        .toList());
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    /** A shift's times as text: PostgreSQL keeps 24:00 (a shift to midnight), which java.time cannot hold. */
    private static final String TEXTS = "to_char(s.starts, 'HH24:MI'), to_char(s.ends, 'HH24:MI')";

    private static Map<DayOfWeek, DayIntervals> weekly(StaffRequest r) {
        Map<DayOfWeek, DayIntervals> weekly = new EnumMap<>(DayOfWeek.class);
        if (r.weekly() != null) {
            r.weekly().forEach((day, texts) -> {
                if (day == null) {
                    throw ProblemException.unprocessable("invalid-weekday", "weekly is keyed by MONDAY to SUNDAY");
                }
                weekly.put(day, parse(texts));
            });
        }
        return weekly;
    }

    private static DayIntervals parse(List<String> texts) {
        try {
            return DayIntervals.parse(texts);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("invalid-intervals", e.getMessage());
        }
    }

    private void checkItems(Set<Long> itemIds) {
        for (Long item : itemIds == null ? Set.<Long>of() : itemIds) {
            if (item == null
                    || em.createNativeQuery("select 1 from service_item where id = ?1")
                            .setParameter(1, item)
                            .getResultList()
                            .isEmpty()) {
                throw ProblemException.unprocessable("unknown-item", "service item " + item + " does not exist");
            }
        }
    }

    private void writeItemsAndShifts(long staffId, Set<Long> itemIds, Map<DayOfWeek, DayIntervals> weekly) {
        for (Long item : itemIds == null ? Set.<Long>of() : itemIds) {
            em.createNativeQuery("insert into booking_staff_item (staff_id, item_id) values (?1, ?2)")
                    .setParameter(1, staffId)
                    .setParameter(2, item)
                    .executeUpdate();
        }
        weekly.forEach((day, intervals) -> {
            for (DayIntervals.Interval i : intervals.intervals()) {
                em.createNativeQuery("insert into booking_shift (staff_id, weekday, starts, ends) values (?1, ?2, "
                                + "cast(?3 as time), cast(?4 as time))")
                        .setParameter(1, staffId)
                        .setParameter(2, day.getValue())
                        .setParameter(3, i.startText())
                        .setParameter(4, i.endText())
                        .executeUpdate();
            }
        });
    }
}
