package io.mendian.booking.course.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.booking.app.BookingAudit;
import io.mendian.booking.app.Capacity;
import io.mendian.booking.course.api.CourseRequest;
import io.mendian.booking.course.api.CourseView;
import io.mendian.booking.course.api.EnrolmentView;
import io.mendian.booking.domain.Cells;
import io.mendian.store.StoreApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;

/**
 * HQ's side of a course (C13): written as a draft, opened for enrolment (which books the teacher's time at every
 * session, so no appointment lands on a class), closed to new enrolments, or cancelled (every learner refunded for the
 * sessions not yet given). Every step is audited.
 */
@ApplicationScoped
@Transactional
public class Courses {

    static final int MAX_SESSIONS = 100;

    private final EntityManager em;
    private final CourseRows rows;
    private final Capacity capacity;
    private final StoreApi stores;
    private final BookingAudit audit;
    private final Enrolments enrolments;
    private final EnrolmentRows enrolmentRows;

    public Courses(
            EntityManager em,
            CourseRows rows,
            Capacity capacity,
            StoreApi stores,
            BookingAudit audit,
            Enrolments enrolments,
            EnrolmentRows enrolmentRows) {
        this.enrolmentRows = enrolmentRows;
        this.em = em;
        this.rows = rows;
        this.capacity = capacity;
        this.stores = stores;
        this.audit = audit;
        this.enrolments = enrolments;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CourseView> list(String status, PageRequest page) {
        return status == null ? rows.page("where ?1 = ?1", 1, page) : rows.page("where c.status = ?1", status, page);
    }

    /**
     * What a store offers its members: courses open for enrolment whose first session is still ahead, or, taking late
     * enrolment, with a session still ahead.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CourseView> enrolling(long storeId) {
        return rows.views(
                "where c.store_id = ?1 and c.status = 'OPEN' and (select case when c.late_enrolment then max(s.starts_at) "
                        + "else min(s.starts_at) end from course_session s where s.course_id = c.id) > now()",
                storeId,
                100,
                0);
    }

    /** A course as members see it: never a draft. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CourseView published(long id) {
        CourseView course = rows.view(id);
        if ("DRAFT".equals(course.status())) {
            throw ProblemException.notFound("course " + id);
        }
        return course;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EnrolmentView> enrolmentsOf(long id, PageRequest page) {
        rows.view(id);
        return enrolmentRows.ofCourse(id, page);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CourseView get(long id) {
        return rows.view(id);
    }

    public CourseView create(CourseRequest r, String actor) {
        List<Instant> starts = plan(r);
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery(
                        "insert into course (code, name, description, store_id, teacher_id, price_fen, capacity, "
                                + "minutes, refund_hours, late_enrolment, status, created_at, updated_at) values (?1, ?2, "
                                + "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'DRAFT', now(), now()) on conflict (code) do nothing "
                                + "returning id")
                .setParameter(1, r.code())
                .setParameter(2, r.name().strip())
                .setParameter(3, r.description())
                .setParameter(4, r.storeId())
                .setParameter(5, r.teacherId())
                .setParameter(6, r.priceFen())
                .setParameter(7, r.capacity())
                .setParameter(8, r.minutes())
                .setParameter(9, r.refundHours())
                .setParameter(10, r.lateEnrolment())
                .getResultList();
        if (ids.isEmpty()) {
            throw ProblemException.conflict("duplicate-code", "a course with code " + r.code() + " already exists");
        }
        long id = ids.get(0).longValue();
        writeSessions(id, starts, r.minutes());
        audit.record(actor, "COURSE_CREATED", "course " + id + " " + r.code() + ": " + starts.size() + " sessions");
        return rows.view(id);
    }

    /** A draft is rewritten whole; an open course only by closing or cancelling it. */
    public CourseView update(long id, CourseRequest r, String actor) {
        CourseRows.Locked course = rows.lock(id);
        if (!"DRAFT".equals(course.status())) {
            throw ProblemException.conflict(
                    "not-a-draft", "the course is " + course.status() + "; only a draft can be edited");
        }
        List<Instant> starts = plan(r);
        int updated = em.createNativeQuery("update course set code = ?2, name = ?3, description = ?4, store_id = ?5, "
                        + "teacher_id = ?6, price_fen = ?7, capacity = ?8, minutes = ?9, refund_hours = ?10, "
                        + "late_enrolment = ?11, updated_at = now(), version = version + 1 where id = ?1 and not exists "
                        + "(select 1 from course o "
                        + "where o.code = ?2 and o.id <> ?1)")
                .setParameter(1, id)
                .setParameter(2, r.code())
                .setParameter(3, r.name().strip())
                .setParameter(4, r.description())
                .setParameter(5, r.storeId())
                .setParameter(6, r.teacherId())
                .setParameter(7, r.priceFen())
                .setParameter(8, r.capacity())
                .setParameter(9, r.minutes())
                .setParameter(10, r.refundHours())
                .setParameter(11, r.lateEnrolment())
                .executeUpdate();
        if (updated == 0) {
            throw ProblemException.conflict("duplicate-code", "a course with code " + r.code() + " already exists");
        }
        em.createNativeQuery("delete from course_session where course_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        writeSessions(id, starts, r.minutes());
        audit.record(actor, "COURSE_UPDATED", "course " + id + " " + r.code() + ": " + starts.size() + " sessions");
        return rows.view(id);
    }

    /**
     * Opens enrolment. The teacher's time at every session is taken as their capacity cells, all or none: a session
     * that clashes with their appointments or another class is named in the 409.
     */
    public CourseView open(long id, String actor) {
        CourseRows.Locked course = rows.lock(id);
        if ("OPEN".equals(course.status())) {
            return rows.view(id);
        }
        if (!"DRAFT".equals(course.status())) {
            throw ProblemException.conflict("not-a-draft", "the course is " + course.status());
        }
        List<CourseView.Session> sessions = rows.sessions(List.of(id)).getOrDefault(id, List.of());
        if (sessions.isEmpty() || !sessions.get(0).startsAt().isAfter(Instant.now())) {
            throw ProblemException.conflict(
                    "already-begun", "the first session has begun or passed; move the sessions to the future");
        }
        if (course.teacherId() != null) {
            for (CourseView.Session s : sessions) {
                if (!capacity.take(
                        List.of(new Capacity.Claim(Cells.staff(course.teacherId()), 1)), s.startsAt(), s.endsAt())) {
                    // The exception rolls back the cells taken for the earlier sessions.
                    throw ProblemException.conflict(
                            "teacher-busy",
                            "the teacher is already booked during session " + s.seq() + " (" + s.local()
                                    + "); move it or choose another teacher");
                }
            }
        }
        status(id, "OPEN");
        audit.record(actor, "COURSE_OPENED", "course " + id);
        return rows.view(id);
    }

    /** No new enrolments (the waiting list is told nothing more); the sessions still take place. */
    public CourseView close(long id, String actor) {
        CourseRows.Locked course = rows.lock(id);
        if (!"OPEN".equals(course.status())) {
            throw ProblemException.conflict("not-open", "the course is " + course.status());
        }
        status(id, "CLOSED");
        em.createNativeQuery("delete from course_waitlist where course_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        audit.record(actor, "COURSE_CLOSED", "course " + id);
        return rows.view(id);
    }

    /**
     * Cancelled by the brand: every learner gets back the sessions not yet begun (whatever the refund rule says, the
     * brand is the one who cancels), held seats end, and the teacher's future sessions are freed.
     */
    public CourseView cancel(long id, String reason, String actor) {
        CourseRows.Locked course = rows.lock(id);
        if ("CANCELLED".equals(course.status()) || "FINISHED".equals(course.status())) {
            throw ProblemException.conflict("not-cancellable", "the course is " + course.status());
        }
        String why = "course cancelled by the brand" + (reason == null || reason.isBlank() ? "" : ": " + reason);
        enrolments.endAllForCancelledCourse(course, why, actor);
        if (course.teacherId() != null && !"DRAFT".equals(course.status())) {
            Instant now = Instant.now();
            for (CourseView.Session s : rows.sessions(List.of(id)).getOrDefault(id, List.of())) {
                if (s.startsAt().isAfter(now)) {
                    capacity.give(Cells.staff(course.teacherId()), s.startsAt(), s.endsAt());
                }
            }
        }
        status(id, "CANCELLED");
        em.createNativeQuery("delete from course_waitlist where course_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        audit.record(actor, "COURSE_CANCELLED", "course " + id + ": " + why);
        return rows.view(id);
    }

    private void status(long id, String status) {
        em.createNativeQuery("update course set status = ?2, updated_at = now(), version = version + 1 where id = ?1")
                .setParameter(1, id)
                .setParameter(2, status)
                .executeUpdate();
    }

    private void writeSessions(long courseId, List<Instant> starts, int minutes) {
        for (int i = 0; i < starts.size(); i++) {
            em.createNativeQuery("insert into course_session (course_id, seq, starts_at, ends_at) values (?1, ?2, ?3, "
                            + "?4)")
                    .setParameter(1, courseId)
                    .setParameter(2, i + 1)
                    .setParameter(3, Capacity.utc(starts.get(i)))
                    .setParameter(4, Capacity.utc(starts.get(i).plus(Duration.ofMinutes(minutes))))
                    .executeUpdate();
        }
    }

    /** The sessions' starts in order, checked: at the store, its teacher there, on five-minute marks, none overlapping. */
    private List<Instant> plan(CourseRequest r) {
        if (!stores.exists(r.storeId())) {
            throw ProblemException.unprocessable("unknown-store", "store " + r.storeId() + " does not exist");
        }
        if (r.teacherId() != null && !teaches(r.teacherId(), r.storeId())) {
            throw ProblemException.unprocessable(
                    "unknown-teacher",
                    "person " + r.teacherId() + " is not on the booking staff of store " + r.storeId());
        }
        boolean single = r.sessions() != null && !r.sessions().isEmpty();
        if (single == (r.series() != null)) {
            throw ProblemException.unprocessable(
                    "sessions-required", "give either single sessions or a weekly series, not both and not neither");
        }
        ZoneId zone = stores.timeZone(r.storeId());
        if (!single) {
            LocalDate today = LocalDate.now(zone);
            if (r.series().from().isBefore(today) || r.series().from().isAfter(today.plusYears(2))) {
                throw ProblemException.unprocessable(
                        "series-from", "a series starts between today and two years ahead on the store's calendar");
            }
        }
        List<Instant> starts = single ? new ArrayList<>(r.sessions()) : series(r.series(), zone);
        starts.sort(null);
        if (starts.isEmpty() || starts.size() > MAX_SESSIONS) {
            throw ProblemException.unprocessable(
                    "sessions-out-of-range",
                    "a course has 1 to " + MAX_SESSIONS + " sessions; this one has " + starts.size());
        }
        for (int i = 0; i < starts.size(); i++) {
            Instant s = starts.get(i);
            if (!Cells.aligned(s) || !Cells.plausible(s)) {
                throw ProblemException.unprocessable(
                        "session-start", "session " + (i + 1) + " must start on a five-minute mark within two years");
            }
            if (i > 0 && starts.get(i - 1).plus(Duration.ofMinutes(r.minutes())).isAfter(s)) {
                throw ProblemException.unprocessable(
                        "sessions-overlap", "sessions " + i + " and " + (i + 1) + " overlap");
            }
        }
        return starts;
    }

    /** Weekly on the chosen days at one local time; a local time that a clock change skips moves forward with it. */
    static List<Instant> series(CourseRequest.Series s, ZoneId zone) {
        List<Instant> starts = new ArrayList<>();
        LocalDate until = s.from().plusWeeks(s.weeks());
        for (LocalDate day = s.from(); day.isBefore(until); day = day.plusDays(1)) {
            if (s.weekdays().contains(day.getDayOfWeek().getValue())) {
                starts.add(day.atTime(s.at()).atZone(zone).toInstant());
            }
        }
        return starts;
    }

    private boolean teaches(long staffId, long storeId) {
        return !em.createNativeQuery("select 1 from booking_staff where id = ?1 and store_id = ?2 and active")
                .setParameter(1, staffId)
                .setParameter(2, storeId)
                .getResultList()
                .isEmpty();
    }
}
