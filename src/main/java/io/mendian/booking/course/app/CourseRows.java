package io.mendian.booking.course.app;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.booking.course.api.CourseView;
import io.mendian.store.StoreApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/** Reads of courses and their sessions, shared by HQ's, the store's and the member's side. */
@ApplicationScoped
public class CourseRows {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static final String SELECT = "select c.id, c.code, c.name, c.description, c.store_id, c.teacher_id, "
            + "p.name, c.price_fen, c.capacity, c.enrolled, c.minutes, c.refund_hours, c.status, "
            + "(select count(*) from course_waitlist w where w.course_id = c.id), c.late_enrolment, "
            + "(select count(*) from course_session s where s.course_id = c.id and s.starts_at > now()) "
            + "from course c left join booking_staff p on p.id = c.teacher_id ";

    /**
     * What a lifecycle or seat step needs, read under the course row's lock: the seats taken cannot change until the
     * transaction ends, nor can the waiting list grow (joining takes the same lock).
     */
    record Locked(
            long id,
            String name,
            long storeId,
            Long teacherId,
            long priceFen,
            int refundHours,
            String status,
            int capacity,
            int enrolled,
            int waiting,
            boolean lateEnrolment,
            int sessions,
            int sessionsAhead,
            Instant nextStart) {

        boolean open() {
            return "OPEN".equals(status);
        }

        /** Enrolment is open: before the first session, or, taking late enrolment, while a session is ahead. */
        boolean enrolling() {
            return enrolmentPrice(status, lateEnrolment, sessionsAhead, sessions, priceFen) != null;
        }

        /** What an enrolment made now pays. */
        long priceNow() {
            return tuition(priceFen, sessionsAhead, sessions);
        }
    }

    /**
     * What an enrolment made now pays, or null when the course takes none now: it is open and a session is ahead,
     * and either none has begun or it takes late learners. Shared by the enrol path (locked) and the course views.
     */
    static Long enrolmentPrice(String status, boolean lateEnrolment, int ahead, int sessions, long priceFen) {
        boolean begun = ahead < sessions;
        return "OPEN".equals(status) && ahead > 0 && (!begun || lateEnrolment)
                ? tuition(priceFen, ahead, sessions)
                : null;
    }

    /**
     * The tuition of {@code ahead} of a course's {@code sessions}: the whole price while none has begun, in proportion
     * after (rounded down to the fen, in the member's favour, but never to nothing).
     */
    static long tuition(long priceFen, int ahead, int sessions) {
        if (ahead >= sessions || sessions == 0 || priceFen == 0) {
            return priceFen;
        }
        // At least a fen: a priced course never becomes free (and unpaid) by rounding.
        return Math.max(1, priceFen * ahead / sessions);
    }

    private final EntityManager em;
    private final StoreApi stores;

    public CourseRows(EntityManager em, StoreApi stores) {
        this.em = em;
        this.stores = stores;
    }

    /** The course, locked for the rest of the transaction; 404 when there is none. */
    Locked lock(long id) {
        List<Object[]> found = Rows.list(
                em,
                "select id, name, store_id, teacher_id, price_fen, refund_hours, status, capacity, enrolled, "
                        + "late_enrolment from course where id = ?1 for update",
                id);
        if (found.isEmpty()) {
            throw ProblemException.notFound("course " + id);
        }
        Object[] r = found.get(0);
        // A second statement, after the lock: under READ COMMITTED it sees every change committed by the transactions
        // the lock waited for (a join to the waiting list), which the locking statement's own snapshot may not.
        Object[] around = Rows.list(
                        em,
                        "select (select count(*) from course_waitlist w where w.course_id = ?1), count(*), "
                                + "count(*) filter (where s.starts_at > now()), min(s.starts_at) filter "
                                + "(where s.starts_at > now()) from course_session s where s.course_id = ?1",
                        id)
                .get(0);
        return new Locked(
                id,
                (String) r[1],
                ((Number) r[2]).longValue(),
                r[3] == null ? null : ((Number) r[3]).longValue(),
                ((Number) r[4]).longValue(),
                ((Number) r[5]).intValue(),
                (String) r[6],
                ((Number) r[7]).intValue(),
                ((Number) r[8]).intValue(),
                ((Number) around[0]).intValue(),
                (Boolean) r[9],
                ((Number) around[1]).intValue(),
                ((Number) around[2]).intValue(),
                around[3] == null ? null : Rows.offset(around[3]).toInstant());
    }

    CourseView view(long id) {
        List<CourseView> found = views("where c.id = ?1", id, 1, 0);
        if (found.isEmpty()) {
            throw ProblemException.notFound("course " + id);
        }
        return found.get(0);
    }

    /** A page of the courses matching {@code where} (one positional parameter, ?1), newest first. */
    Page<CourseView> page(String where, Object param, PageRequest page) {
        long total = ((Number) em.createNativeQuery("select count(*) from course c " + where)
                        .setParameter(1, param)
                        .getSingleResult())
                .longValue();
        return new Page<>(views(where, param, page.size(), page.offset()), page.page(), page.size(), total);
    }

    /** Courses matching {@code where} (one positional parameter, ?1), newest first. */
    List<CourseView> views(String where, Object param, int limit, int offset) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + where + " order by c.id desc limit ?2 offset ?3")
                .setParameter(1, param)
                .setParameter(2, limit)
                .setParameter(3, offset)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        Map<Long, List<CourseView.Session>> sessions = sessions(ids);
        Map<Long, String> labels = stores.labels(
                rows.stream().map(r -> ((Number) r[4]).longValue()).toList());
        List<CourseView> views = new ArrayList<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            List<CourseView.Session> own = sessions.getOrDefault(id, List.of());
            boolean late = (Boolean) r[14];
            int ahead = ((Number) r[15]).intValue();
            Long priceNow = enrolmentPrice((String) r[12], late, ahead, own.size(), ((Number) r[7]).longValue());
            int capacity = ((Number) r[8]).intValue();
            int enrolled = ((Number) r[9]).intValue();
            long storeId = ((Number) r[4]).longValue();
            views.add(new CourseView(
                    id,
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    storeId,
                    labels.get(storeId),
                    r[5] == null ? null : ((Number) r[5]).longValue(),
                    (String) r[6],
                    ((Number) r[7]).longValue(),
                    capacity,
                    enrolled,
                    Math.max(0, capacity - enrolled),
                    ((Number) r[13]).intValue(),
                    ((Number) r[10]).intValue(),
                    ((Number) r[11]).intValue(),
                    (String) r[12],
                    late,
                    priceNow,
                    ahead,
                    own));
        }
        return views;
    }

    /** Sessions per course, in order, with their starts on their store's clock. */
    Map<Long, List<CourseView.Session>> sessions(List<Long> courseIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select s.course_id, s.id, s.seq, s.starts_at, s.ends_at, "
                        + "c.store_id from course_session s join course c on c.id = s.course_id "
                        + "where s.course_id in (:ids) order by s.course_id, s.seq")
                .setParameter("ids", courseIds)
                .getResultList();
        Map<Long, ZoneId> zones = stores.timeZones(
                rows.stream().map(r -> ((Number) r[5]).longValue()).collect(java.util.stream.Collectors.toSet()));
        Map<Long, List<CourseView.Session>> byCourse = new LinkedHashMap<>();
        for (Object[] r : rows) {
            Instant starts = Rows.offset(r[3]).toInstant();
            ZoneId zone = zones.getOrDefault(((Number) r[5]).longValue(), ZoneId.of("Asia/Shanghai"));
            byCourse.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(new CourseView.Session(
                            ((Number) r[1]).longValue(),
                            ((Number) r[2]).intValue(),
                            starts,
                            Rows.offset(r[4]).toInstant(),
                            LOCAL.format(starts.atZone(zone))));
        }
        return byCourse;
    }
}
