package io.mendian.booking.course.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.booking.app.BookingPolicies;
import io.mendian.booking.app.Capacity;
import io.mendian.booking.course.SeatOffered;
import io.mendian.booking.course.api.EnrolmentView;
import io.mendian.ordering.OrderingApi;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.BrandLocks;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;

/**
 * A member's place in a course (C13). A seat is taken by one guarded update on the course row, so 200 members asking
 * for the last seat get exactly one enrolment; it is held until its tuition is paid (a service order, reference
 * {@code course:<enrolment>}). A seat given back (a cancellation, a lapsed hold) goes, in the same transaction, to the
 * first member waiting, as a held enrolment of their own: while anyone waits, no seat is free to the public.
 */
@ApplicationScoped
@Transactional
public class Enrolments {

    static final String PREFIX = "course:";
    static final int MAX_WAITING = 200;

    private final EntityManager em;
    private final CourseRows courses;
    private final EnrolmentRows rows;
    private final OrderingApi ordering;
    private final BookingPolicies policies;
    private final Duration offerWindow;
    private final Event<SeatOffered> offered;
    private final TenantContext tenant;

    public Enrolments(
            EntityManager em,
            CourseRows courses,
            EnrolmentRows rows,
            OrderingApi ordering,
            BookingPolicies policies,
            @ConfigProperty(name = "mendian.course.offer-window", defaultValue = "PT12H") Duration offerWindow,
            Event<SeatOffered> offered,
            TenantContext tenant) {
        this.em = em;
        this.courses = courses;
        this.rows = rows;
        this.ordering = ordering;
        this.policies = policies;
        this.offerWindow = offerWindow;
        this.offered = offered;
        this.tenant = tenant;
    }

    public EnrolmentView enrol(long memberId, long courseId) {
        lockMember(memberId);
        Optional<Long> live = rows.live(courseId, memberId);
        if (live.isPresent()) {
            return rows.view(live.get(), memberId); // a repeat: the same enrolment
        }
        // Every seat change takes the course row first: 200 members asking for the last seat queue here, and each
        // sees the seats and the waiting list as the one before left them.
        CourseRows.Locked course = openForEnrolment(courseId);
        if (course.priceNow() > 0) {
            ordering.requirePayable(); // as checkout: no seat is promised that cannot be paid for
        }
        if (course.enrolled() >= course.capacity() || course.waiting() > 0) {
            int waiting = course.waiting();
            throw new ProblemException(Problem.of(
                            409,
                            "course-full",
                            "Conflict",
                            "every seat is taken" + (waiting > 0 ? " and " + waiting + " are waiting" : "")
                                    + "; join the waiting list to be offered the next free seat")
                    .with("waiting", waiting));
        }
        em.createNativeQuery("update course set enrolled = enrolled + 1, updated_at = now() where id = ?1")
                .setParameter(1, courseId)
                .executeUpdate();
        // Held no later than the next session: a seat unpaid when the class begins is nobody's.
        Instant holdUntil =
                min(Instant.now().plus(Duration.ofMinutes(policies.current().holdMinutes())), course.nextStart());
        return rows.view(seat(course, memberId, holdUntil, false), memberId);
    }

    /** Joins the waiting list of a full course; answers the place in it (1 is next). */
    public int join(long memberId, long courseId) {
        lockMember(memberId);
        if (rows.live(courseId, memberId).isPresent()) {
            throw ProblemException.conflict("already-enrolled", "you are already enrolled in this course");
        }
        // Under the course row's lock: the count and the insert below see every other join.
        CourseRows.Locked course = openForEnrolment(courseId);
        int waiting = course.waiting();
        if (waiting == 0 && course.enrolled() < course.capacity()) {
            // Waiting while a seat is free would hold that seat back from everyone (nobody enrols past a waiting list).
            throw ProblemException.conflict("seats-free", "a seat is free: enrol instead of waiting");
        }
        if (waiting >= MAX_WAITING) {
            throw ProblemException.conflict(
                    "waitlist-full", "the waiting list is full (" + MAX_WAITING + "); try another course");
        }
        em.createNativeQuery("insert into course_waitlist (course_id, member_id, joined_at) values (?1, ?2, now()) "
                        + "on conflict do nothing")
                .setParameter(1, courseId)
                .setParameter(2, memberId)
                .executeUpdate();
        return position(courseId, memberId).orElseThrow();
    }

    public void leave(long memberId, long courseId) {
        em.createNativeQuery("delete from course_waitlist where course_id = ?1 and member_id = ?2")
                .setParameter(1, courseId)
                .setParameter(2, memberId)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Integer> position(long courseId, long memberId) {
        @SuppressWarnings("unchecked")
        List<Number> found = em.createNativeQuery("select (select count(*) from course_waitlist o where o.course_id = "
                        + "w.course_id and (o.joined_at, o.member_id) <= (w.joined_at, w.member_id)) from "
                        + "course_waitlist w where w.course_id = ?1 and w.member_id = ?2")
                .setParameter(1, courseId)
                .setParameter(2, memberId)
                .getResultList();
        return found.stream().findFirst().map(Number::intValue);
    }

    /**
     * Cancelled by the member. A held seat simply ends; a paid one is refunded for every session that starts at least
     * the course's refund hours from now, in proportion, rounded down to the fen. The seat goes to the waiting list.
     */
    public EnrolmentView cancel(long memberId, long enrolmentId, String reason) {
        // The course row first, as every seat change takes it: a cancel never waits on an enrolment in a circle.
        CourseRows.Locked course = courses.lock(rows.courseOf(enrolmentId, memberId));
        EnrolmentRows.Row row = rows.lock(enrolmentId, memberId);
        if (!row.live()) {
            throw ProblemException.conflict("not-cancellable", "the enrolment is " + row.status());
        }
        long refund = 0;
        if ("CONFIRMED".equals(row.status())) {
            refund = refundable(row, course.refundHours());
            settle(row, course.storeId(), refund, "cancelled by the member" + (reason == null ? "" : ": " + reason));
        }
        rows.close(enrolmentId, "CANCELLED", refund, reason == null ? "cancelled by the member" : reason);
        giveBack(course);
        return rows.view(enrolmentId, memberId);
    }

    /** The course was cancelled: held seats end, paid ones get back every session not yet begun. */
    void endAllForCancelledCourse(CourseRows.Locked course, String why, String actor) {
        for (EnrolmentRows.Row row : rows.liveOf(course.id())) {
            long refund = 0;
            if ("CONFIRMED".equals(row.status())) {
                refund = refundable(row, 0);
                settle(row, course.storeId(), refund, why);
            }
            rows.close(row.id(), "CANCELLED", refund, why);
        }
        em.createNativeQuery("update course set enrolled = 0 where id = ?1")
                .setParameter(1, course.id())
                .executeUpdate();
    }

    /** A lapsed hold (the expiry job): the seat goes to the next member waiting, or back to the public. */
    boolean expire(long enrolmentId) {
        CourseRows.Locked course = courses.lock(rows.courseOf(enrolmentId));
        if (rows.lapsed(enrolmentId).isEmpty()) {
            return false;
        }
        rows.close(enrolmentId, "EXPIRED", 0, "not paid in time");
        giveBack(course);
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EnrolmentView> mine(long memberId, PageRequest page) {
        return rows.mine(memberId, page);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EnrolmentView get(long memberId, long enrolmentId) {
        return rows.view(enrolmentId, memberId);
    }

    /**
     * A freed seat: offered to the first member waiting while enrolment is open (their held enrolment keeps the seat
     * taken), otherwise counted free again. The caller holds the course row's lock.
     */
    private void giveBack(CourseRows.Locked course) {
        long courseId = course.id();
        if (course.enrolling()) {
            @SuppressWarnings("unchecked")
            List<Number> next = em.createNativeQuery("delete from course_waitlist where (course_id, member_id) = "
                            + "(select course_id, member_id from course_waitlist where course_id = ?1 order by joined_at, "
                            + "member_id limit 1) returning member_id")
                    .setParameter(1, courseId)
                    .getResultList();
            if (!next.isEmpty()) {
                long member = next.get(0).longValue();
                long id = seat(course, member, min(Instant.now().plus(offerWindow), course.nextStart()), true);
                offered.fire(new SeatOffered(tenant.require(), id, member));
                return;
            }
        }
        em.createNativeQuery(
                        "update course set enrolled = enrolled - 1, updated_at = now() where id = ?1 and enrolled > 0")
                .setParameter(1, courseId)
                .executeUpdate();
    }

    /** A taken seat becomes the member's enrolment: held with its order when priced, confirmed at once when free. */
    private long seat(CourseRows.Locked course, long memberId, Instant holdUntil, boolean fromWaitlist) {
        long courseId = course.id();
        long price = course.priceNow();
        boolean free = price == 0;
        long id = rows.insert(
                courseId, memberId, free ? "CONFIRMED" : "HELD", price, free ? null : holdUntil, fromWaitlist);
        if (!free) {
            String orderNo = ordering.placeService(
                    memberId,
                    course.storeId(),
                    new OrderingApi.ServiceLine(courseId, "COURSE-" + courseId, course.name(), price),
                    PREFIX + id,
                    course.nextStart(),
                    holdUntil);
            rows.setOrder(id, orderNo);
        }
        return id;
    }

    /** Pays back {@code refund} of the enrolment's order; the rest of it is kept for the sessions given. */
    private void settle(EnrolmentRows.Row row, long storeId, long refund, String reason) {
        if (row.orderNo() == null || !ordering.isPaid(row.orderNo())) {
            return;
        }
        if (refund >= row.priceFen()) {
            ordering.cancelPaid(row.orderNo(), reason, "member:" + row.memberId());
            return;
        }
        if (refund > 0) {
            ordering.refundPart(storeId, row.orderNo(), refund, reason, "member:" + row.memberId());
        }
        ordering.completeService(row.orderNo(), "system", "sessions given are kept: " + reason);
    }

    /**
     * The price of the sessions that start at least {@code hours} from now, in proportion to the sessions the
     * enrolment paid for (those after it was made: all of them, or the ones ahead of a late learner), rounded down.
     */
    private long refundable(EnrolmentRows.Row row, int hours) {
        Instant cutoff = Instant.now().plus(Duration.ofHours(hours));
        Object[] r = (Object[]) em.createNativeQuery("select count(*) filter (where s.starts_at > e.created_at), "
                        + "count(*) filter (where s.starts_at >= ?2) from course_session s join enrolment e on e.id = ?3 "
                        + "where s.course_id = ?1")
                .setParameter(1, row.courseId())
                .setParameter(2, Capacity.utc(cutoff))
                .setParameter(3, row.id())
                .getSingleResult();
        long total = ((Number) r[0]).longValue();
        long later = ((Number) r[1]).longValue();
        return total == 0 ? 0 : row.priceFen() * later / total;
    }

    /** The course, locked, when it takes enrolments now; 404 or 409 otherwise. */
    private CourseRows.Locked openForEnrolment(long courseId) {
        CourseRows.Locked course = courses.lock(courseId);
        if (!course.open()) {
            throw ProblemException.conflict("not-enrolling", "this course takes no enrolments now");
        }
        if (!course.enrolling()) {
            throw ProblemException.conflict(
                    "already-begun",
                    course.lateEnrolment() || course.nextStart() == null
                            ? "every session of this course has begun"
                            : "this course has begun; enrolment closed at its first session");
        }
        return course;
    }

    private void lockMember(long memberId) {
        BrandLocks.hold(em, "course-member:" + memberId);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
