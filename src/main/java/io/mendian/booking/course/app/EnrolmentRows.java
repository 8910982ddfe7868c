package io.mendian.booking.course.app;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.booking.app.Capacity;
import io.mendian.booking.course.api.EnrolmentView;
import io.mendian.booking.domain.DeskCodes;
import io.mendian.store.StoreApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/** The enrolment table: its writes, its locks and the views a member and the store read. */
@ApplicationScoped
public class EnrolmentRows {

    /** What a change needs of an enrolment. */
    record Row(long id, long courseId, long memberId, String status, long priceFen, String orderNo) {
        boolean live() {
            return "HELD".equals(status) || "CONFIRMED".equals(status);
        }
    }

    private static final String VIEW = "select e.id, e.code, e.course_id, c.name, c.store_id, e.status, e.price_fen, "
            + "e.order_no, e.hold_expires_at, e.from_waitlist, e.refund_fen, "
            + "(select count(*) from course_session s where s.course_id = e.course_id and s.starts_at > e.created_at), "
            + "(select count(*) from attendance a where a.enrolment_id = e.id), "
            + "(select min(s.starts_at) from course_session s where s.course_id = e.course_id and s.ends_at > now() "
            + "and s.starts_at > e.created_at), "
            + "e.created_at, e.close_reason, e.offer_notice from enrolment e join course c on c.id = e.course_id ";

    private final EntityManager em;
    private final StoreApi stores;

    public EnrolmentRows(EntityManager em, StoreApi stores) {
        this.em = em;
        this.stores = stores;
    }

    @SuppressWarnings("unchecked")
    long insert(long courseId, long memberId, String status, long priceFen, Instant holdUntil, boolean fromWaitlist) {
        return DeskCodes.insertUnder(
                "enrolment",
                code -> em.createNativeQuery("insert into enrolment (code, "
                                + "course_id, member_id, status, price_fen, hold_expires_at, from_waitlist, created_at, "
                                + "updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, now(), now()) on conflict (code) do nothing "
                                + "returning id")
                        .setParameter(1, code)
                        .setParameter(2, courseId)
                        .setParameter(3, memberId)
                        .setParameter(4, status)
                        .setParameter(5, priceFen)
                        .setParameter(6, holdUntil == null ? null : Capacity.utc(holdUntil))
                        .setParameter(7, fromWaitlist)
                        .getResultList());
    }

    void setOrder(long id, String orderNo) {
        em.createNativeQuery("update enrolment set order_no = ?2 where id = ?1")
                .setParameter(1, id)
                .setParameter(2, orderNo)
                .executeUpdate();
    }

    void close(long id, String status, long refundFen, String reason) {
        em.createNativeQuery("update enrolment set status = ?2, refund_fen = ?3, close_reason = ?4, closed_at = now(), "
                        + "hold_expires_at = null, updated_at = now() where id = ?1")
                .setParameter(1, id)
                .setParameter(2, status)
                .setParameter(3, refundFen)
                .setParameter(4, reason == null ? null : reason.length() > 200 ? reason.substring(0, 200) : reason)
                .executeUpdate();
    }

    /** HELD to CONFIRMED; false when it was no longer held. */
    boolean confirm(long id) {
        return em.createNativeQuery("update enrolment set status = 'CONFIRMED', hold_expires_at = null, updated_at = "
                                + "now() where id = ?1 and status = 'HELD'")
                        .setParameter(1, id)
                        .executeUpdate()
                == 1;
    }

    Optional<String> status(long id) {
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("select status from enrolment where id = ?1")
                .setParameter(1, id)
                .getResultList();
        return found.stream().findFirst();
    }

    /** The member's held or confirmed enrolment in the course. */
    Optional<Long> live(long courseId, long memberId) {
        @SuppressWarnings("unchecked")
        List<Number> found = em.createNativeQuery("select id from enrolment where course_id = ?1 and member_id = ?2 "
                        + "and status in ('HELD', 'CONFIRMED')")
                .setParameter(1, courseId)
                .setParameter(2, memberId)
                .getResultList();
        return found.stream().findFirst().map(Number::longValue);
    }

    /** The course of the member's enrolment; 404 when there is none. */
    long courseOf(long id, long memberId) {
        return courseOf(id, rows("where id = ?1 and member_id = ?2", id, memberId));
    }

    /** The course of the enrolment; 404 when there is none. */
    long courseOf(long id) {
        return courseOf(id, rows("where id = ?1 and ?2 = ?2", id, 0));
    }

    private static long courseOf(long id, List<Row> found) {
        return found.stream()
                .findFirst()
                .map(Row::courseId)
                .orElseThrow(() -> ProblemException.notFound("enrolment " + id));
    }

    Row lock(long id, long memberId) {
        return rows("where id = ?1 and member_id = ?2 for update", id, memberId).stream()
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("enrolment " + id));
    }

    /** The enrolment when it is held past its hold, locked; empty when another sweeper or a payment got it first. */
    Optional<Row> lapsed(long id) {
        return rows(
                        "where id = ?1 and status = 'HELD' and hold_expires_at <= now() and ?2 = ?2 for update skip locked",
                        id,
                        0)
                .stream()
                .findFirst();
    }

    List<Row> liveOf(long courseId) {
        return rows(
                "where course_id = ?1 and status in ('HELD', 'CONFIRMED') and ?2 = ?2 order by id for update",
                courseId,
                0);
    }

    List<Long> due(int limit) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from enrolment where status = 'HELD' and hold_expires_at <= "
                        + "now() order by hold_expires_at limit ?1")
                .setParameter(1, limit)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    EnrolmentView view(long id, long memberId) {
        List<EnrolmentView> found = views("where e.id = ?1 and e.member_id = ?2", id, memberId, 1, 0);
        if (found.isEmpty()) {
            throw ProblemException.notFound("enrolment " + id);
        }
        return found.get(0);
    }

    Page<EnrolmentView> mine(long memberId, PageRequest page) {
        long total = ((Number) em.createNativeQuery("select count(*) from enrolment where member_id = ?1")
                        .setParameter(1, memberId)
                        .getSingleResult())
                .longValue();
        return new Page<>(
                views("where e.member_id = ?1 and ?2 = ?2", memberId, 0, page.size(), page.offset()),
                page.page(),
                page.size(),
                total);
    }

    /** A course's enrolments for HQ, newest first. */
    Page<EnrolmentView> ofCourse(long courseId, PageRequest page) {
        long total = ((Number) em.createNativeQuery("select count(*) from enrolment where course_id = ?1")
                        .setParameter(1, courseId)
                        .getSingleResult())
                .longValue();
        return new Page<>(
                views("where e.course_id = ?1 and ?2 = ?2", courseId, 0, page.size(), page.offset()),
                page.page(),
                page.size(),
                total);
    }

    private List<Row> rows(String where, Object p1, Object p2) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery(
                        "select id, course_id, member_id, status, price_fen, order_no from " + "enrolment " + where)
                .setParameter(1, p1)
                .setParameter(2, p2)
                .getResultList();
        return found.stream()
                .map(r -> new Row(
                        ((Number) r[0]).longValue(),
                        ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue(),
                        (String) r[3],
                        ((Number) r[4]).longValue(),
                        (String) r[5]))
                .toList();
    }

    private List<EnrolmentView> views(String where, Object p1, Object p2, int limit, int offset) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery(VIEW + where + " order by e.id desc limit ?3 offset ?4")
                .setParameter(1, p1)
                .setParameter(2, p2)
                .setParameter(3, limit)
                .setParameter(4, offset)
                .getResultList();
        Map<Long, ZoneId> zones = stores.timeZones(
                found.stream().map(r -> ((Number) r[4]).longValue()).collect(java.util.stream.Collectors.toSet()));
        List<EnrolmentView> views = new ArrayList<>();
        for (Object[] r : found) {
            long storeId = ((Number) r[4]).longValue();
            Instant next = r[13] == null ? null : Rows.offset(r[13]).toInstant();
            views.add(new EnrolmentView(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    ((Number) r[2]).longValue(),
                    (String) r[3],
                    storeId,
                    (String) r[5],
                    ((Number) r[6]).longValue(),
                    (String) r[7],
                    r[8] == null ? null : Rows.offset(r[8]).toInstant(),
                    (Boolean) r[9],
                    ((Number) r[10]).longValue(),
                    ((Number) r[11]).intValue(),
                    ((Number) r[12]).intValue(),
                    next,
                    next == null
                            ? null
                            : CourseRows.LOCAL.format(
                                    next.atZone(zones.getOrDefault(storeId, ZoneId.of("Asia/Shanghai")))),
                    Rows.offset(r[14]).toInstant(),
                    (String) r[15],
                    (String) r[16]));
        }
        return views;
    }
}
