package io.mendian.booking.app;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.booking.api.AppointmentView;
import io.mendian.booking.domain.AppointmentStatus;
import io.mendian.booking.domain.Cells;
import io.mendian.booking.domain.DeskCodes;
import io.mendian.store.StoreApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/** Appointment rows, their timeline and their views. Joins the caller's transaction. */
@ApplicationScoped
public class AppointmentRows {

    private static final String SELECT = "select a.id, a.code, a.store_id, a.item_id, i.name, a.staff_id, p.name, "
            + "a.member_id, a.contact_name, a.note, a.source, a.starts_at, a.ends_at, a.status, a.price_fen, "
            + "a.fee_fen, a.hold_expires_at, a.checked_in_at, a.close_reason, a.created_at, a.order_no from appointment a "
            + "join service_item i on i.id = a.item_id left join booking_staff p on p.id = a.staff_id ";

    /** What the rules need of an appointment. */
    public record Row(
            long id,
            long storeId,
            long itemId,
            Long staffId,
            Long memberId,
            Instant startsAt,
            Instant endsAt,
            AppointmentStatus status,
            Instant holdExpiresAt) {

        /** The resources whose cells it holds. */
        public List<String> resources() {
            return staffId == null
                    ? List.of(Cells.item(itemId, storeId))
                    : List.of(Cells.item(itemId, storeId), Cells.staff(staffId));
        }
    }

    /** A new appointment's columns. */
    public record NewAppointment(
            long storeId,
            long itemId,
            Long staffId,
            Long memberId,
            String contactName,
            String note,
            String source,
            Instant startsAt,
            Instant endsAt,
            AppointmentStatus status,
            long priceFen,
            Instant holdExpiresAt) {}

    private final EntityManager em;
    private final StoreApi stores;

    public AppointmentRows(EntityManager em, StoreApi stores) {
        this.em = em;
        this.stores = stores;
    }

    @SuppressWarnings("unchecked")
    public long insert(NewAppointment a) {
        return DeskCodes.insertUnder(
                "appointment",
                code -> em.createNativeQuery("insert into appointment (code, "
                                + "store_id, item_id, staff_id, member_id, contact_name, note, source, starts_at, ends_at, "
                                + "status, price_fen, hold_expires_at, created_at, updated_at, checked_in_at) values (?1, ?2, "
                                + "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, now(), now(), case when ?11 = 'CHECKED_IN' "
                                + "then now() end) on conflict (code) do nothing returning id")
                        .setParameter(1, code)
                        .setParameter(2, a.storeId())
                        .setParameter(3, a.itemId())
                        .setParameter(4, a.staffId())
                        .setParameter(5, a.memberId())
                        .setParameter(6, a.contactName())
                        .setParameter(7, a.note())
                        .setParameter(8, a.source())
                        .setParameter(9, Capacity.utc(a.startsAt()))
                        .setParameter(10, Capacity.utc(a.endsAt()))
                        .setParameter(11, a.status().name())
                        .setParameter(12, a.priceFen())
                        .setParameter(13, a.holdExpiresAt() == null ? null : Capacity.utc(a.holdExpiresAt()))
                        .getResultList());
    }

    /** The appointment, locked for the rest of the transaction; 404 when it does not exist or is not the owner's. */
    public Row lock(long id, Long memberId, Long storeId) {
        return find("a.id = ?1", id, memberId, storeId)
                .orElseThrow(() -> ProblemException.notFound("appointment " + id));
    }

    public Optional<Row> lockByCode(String code, long storeId) {
        return find("a.code = ?1", code.trim().toUpperCase(), null, storeId);
    }

    private Optional<Row> find(String where, Object key, Long memberId, Long storeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select a.id, a.store_id, a.item_id, a.staff_id, a.member_id, "
                        + "a.starts_at, a.ends_at, a.status, a.hold_expires_at from appointment a where " + where
                        + " and (?2 = 0 or a.member_id = ?2) and (?3 = 0 or a.store_id = ?3) for update")
                .setParameter(1, key)
                .setParameter(2, memberId == null ? 0L : memberId)
                .setParameter(3, storeId == null ? 0L : storeId)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new Row(
                        ((Number) r[0]).longValue(),
                        ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue(),
                        r[3] == null ? null : ((Number) r[3]).longValue(),
                        r[4] == null ? null : ((Number) r[4]).longValue(),
                        Rows.offset(r[5]).toInstant(),
                        Rows.offset(r[6]).toInstant(),
                        AppointmentStatus.valueOf((String) r[7]),
                        r[8] == null ? null : Rows.offset(r[8]).toInstant()));
    }

    /**
     * Moves the appointment from one of the given states to {@code to}; false when it was in none of them (someone
     * else settled it first), so that whatever follows the move (giving back capacity) happens once.
     */
    public boolean move(long id, List<AppointmentStatus> from, AppointmentStatus to, String reason, long feeFen) {
        return em.createNativeQuery("update appointment set status = ?1, updated_at = now(), version = version + 1, "
                                + "close_reason = coalesce(?2, close_reason), fee_fen = fee_fen + ?3, "
                                + "hold_expires_at = case when ?1 = 'HELD' then hold_expires_at end, "
                                + "checked_in_at = case when ?1 = 'CHECKED_IN' then now() else checked_in_at end, "
                                + "closed_at = case when ?1 in ('COMPLETED', 'CANCELLED', 'EXPIRED', 'NO_SHOW') "
                                + "then now() end where id = ?4 and status in (:from)")
                        .setParameter(1, to.name())
                        .setParameter(2, reason)
                        .setParameter(3, feeFen)
                        .setParameter(4, id)
                        .setParameter("from", from.stream().map(Enum::name).toList())
                        .executeUpdate()
                == 1;
    }

    public void reschedule(long id, Instant startsAt, Instant endsAt, Long staffId) {
        em.createNativeQuery("update appointment set starts_at = ?1, ends_at = ?2, staff_id = ?3, "
                        + "reminded_at = null, updated_at = now(), version = version + 1 where id = ?4")
                .setParameter(1, Capacity.utc(startsAt))
                .setParameter(2, Capacity.utc(endsAt))
                .setParameter(3, staffId)
                .setParameter(4, id)
                .executeUpdate();
    }

    public void event(long id, String kind, String actor, String detail) {
        em.createNativeQuery("insert into appointment_event (appointment_id, at, kind, actor, detail) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, id)
                .setParameter(2, OffsetDateTime.now())
                .setParameter(3, kind)
                .setParameter(4, actor)
                .setParameter(5, detail == null ? null : detail.length() > 400 ? detail.substring(0, 400) : detail)
                .executeUpdate();
    }

    /** The member's appointments that hold capacity and end in the future. */
    public long upcoming(long memberId, AppointmentStatus status) {
        return ((Number) em.createNativeQuery("select count(*) from appointment where member_id = ?1 and "
                                + "status = ?2 and ends_at > now()")
                        .setParameter(1, memberId)
                        .setParameter(2, status.name())
                        .getSingleResult())
                .longValue();
    }

    /** Whether the member already has an appointment holding capacity that overlaps [from, until). */
    public boolean memberBusy(long memberId, Instant from, Instant until, long except) {
        return !em.createNativeQuery("select 1 from appointment where member_id = ?1 and id <> ?4 and status in "
                        + "('HELD', 'CONFIRMED', 'CHECKED_IN') and starts_at < ?3 and ends_at > ?2")
                .setParameter(1, memberId)
                .setParameter(2, Capacity.utc(from))
                .setParameter(3, Capacity.utc(until))
                .setParameter(4, except)
                .getResultList()
                .isEmpty();
    }

    public AppointmentView view(long id, boolean withTimeline) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + "where a.id = ?1")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("appointment " + id);
        }
        return view(rows.get(0), withTimeline ? timeline(id) : List.of());
    }

    public List<AppointmentView> ofStore(long storeId, Instant from, Instant until) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + "where a.store_id = ?1 and a.starts_at >= ?2 and "
                        + "a.starts_at < ?3 order by a.starts_at, a.id limit 2000")
                .setParameter(1, storeId)
                .setParameter(2, Capacity.utc(from))
                .setParameter(3, Capacity.utc(until))
                .getResultList();
        return rows.stream().map(r -> view(r, List.of())).toList();
    }

    public Page<AppointmentView> ofMember(long memberId, PageRequest page) {
        long total = ((Number) em.createNativeQuery("select count(*) from appointment where member_id = ?1")
                        .setParameter(1, memberId)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        SELECT + "where a.member_id = ?1 order by a.starts_at desc, a.id desc limit ?2 offset ?3")
                .setParameter(1, memberId)
                .setParameter(2, page.size())
                .setParameter(3, page.offset())
                .getResultList();
        return new Page<>(rows.stream().map(r -> view(r, List.of())).toList(), page.page(), page.size(), total);
    }

    private List<AppointmentView.Event> timeline(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select at, kind, actor, detail from appointment_event where appointment_id = ?1 order by id")
                .setParameter(1, id)
                .getResultList();
        return rows.stream()
                .map(r -> new AppointmentView.Event(
                        Rows.offset(r[0]).toInstant(), (String) r[1], (String) r[2], (String) r[3]))
                .toList();
    }

    private AppointmentView view(Object[] r, List<AppointmentView.Event> timeline) {
        long storeId = ((Number) r[2]).longValue();
        ZoneId zone = stores.timeZone(storeId);
        Instant startsAt = Rows.offset(r[11]).toInstant();
        LocalDateTime local = LocalDateTime.ofInstant(startsAt, zone);
        return new AppointmentView(
                ((Number) r[0]).longValue(),
                (String) r[1],
                storeId,
                ((Number) r[3]).longValue(),
                (String) r[4],
                r[5] == null ? null : ((Number) r[5]).longValue(),
                (String) r[6],
                r[7] == null ? null : ((Number) r[7]).longValue(),
                (String) r[8],
                (String) r[9],
                (String) r[10],
                startsAt,
                Rows.offset(r[12]).toInstant(),
                local.toLocalDate(),
                local.toLocalTime().toString(),
                zone.getId(),
                (String) r[13],
                ((Number) r[14]).longValue(),
                ((Number) r[15]).longValue(),
                r[16] == null ? null : Rows.offset(r[16]).toInstant(),
                r[17] == null ? null : Rows.offset(r[17]).toInstant(),
                (String) r[18],
                Rows.offset(r[19]).toInstant(),
                timeline,
                (String) r[20]);
    }
}
