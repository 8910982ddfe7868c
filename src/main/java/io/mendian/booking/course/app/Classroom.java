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

import io.mendian.booking.app.Capacity;
import io.mendian.booking.course.api.RosterView;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/**
 * The store's side of its classes: the sessions of a day with their rosters, and check-in by the learner's code,
 * which is the attendance their progress counts. A check-in is taken from an hour before the session until it ends,
 * and once per session (a repeat answers the same).
 */
@ApplicationScoped
@Transactional
public class Classroom {

    static final Duration EARLY = Duration.ofHours(1);

    private final EntityManager em;
    private final StoreApi stores;

    public Classroom(EntityManager em, StoreApi stores) {
        this.em = em;
        this.stores = stores;
    }

    /** The store's sessions on a day of its own calendar, each with its roster. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RosterView> day(long storeId, LocalDate day) {
        ZoneId zone = stores.timeZone(storeId);
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select s.id from course_session s join course c on c.id = s.course_id "
                        + "where c.store_id = ?1 and c.status in ('OPEN', 'CLOSED', 'FINISHED') and s.starts_at >= ?2 "
                        + "and s.starts_at < ?3 order by s.starts_at, s.id")
                .setParameter(1, storeId)
                .setParameter(2, Capacity.utc(day.atStartOfDay(zone).toInstant()))
                .setParameter(3, Capacity.utc(day.plusDays(1).atStartOfDay(zone).toInstant()))
                .getResultList();
        List<RosterView> views = new ArrayList<>();
        for (Number id : ids) {
            views.add(roster(storeId, id.longValue()));
        }
        return views;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RosterView roster(long storeId, long sessionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select s.id, c.id, c.name, p.name, s.seq, (select count(*) from "
                        + "course_session o where o.course_id = c.id), s.starts_at, s.ends_at from course_session s "
                        + "join course c on c.id = s.course_id left join booking_staff p on p.id = c.teacher_id "
                        + "where s.id = ?1 and c.store_id = ?2")
                .setParameter(1, sessionId)
                .setParameter(2, storeId)
                .getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("session " + sessionId + " at store " + storeId);
        }
        Object[] s = found.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> learners = em.createNativeQuery("select e.id, e.code, e.member_id, (select count(*) from "
                        + "attendance a where a.enrolment_id = e.id), (select a.checked_in_at from attendance a where "
                        + "a.enrolment_id = e.id and a.session_id = ?2) from enrolment e where e.course_id = ?1 and "
                        + "e.status = 'CONFIRMED' and e.created_at < ?3 order by e.id")
                .setParameter(1, ((Number) s[1]).longValue())
                .setParameter(2, sessionId)
                .setParameter(3, Rows.offset(s[6]))
                .getResultList();
        Instant starts = Rows.offset(s[6]).toInstant();
        return new RosterView(
                sessionId,
                ((Number) s[1]).longValue(),
                (String) s[2],
                (String) s[3],
                ((Number) s[4]).intValue(),
                ((Number) s[5]).intValue(),
                starts,
                Rows.offset(s[7]).toInstant(),
                CourseRows.LOCAL.format(starts.atZone(stores.timeZone(storeId))),
                learners.stream()
                        .map(l -> new RosterView.Learner(
                                ((Number) l[0]).longValue(),
                                (String) l[1],
                                ((Number) l[2]).longValue(),
                                ((Number) l[3]).intValue(),
                                l[4] == null ? null : Rows.offset(l[4]).toInstant()))
                        .toList());
    }

    /** Checks the learner with this code in to the session; answers the roster. */
    public RosterView checkIn(long storeId, long sessionId, String code, String actor) {
        RosterView session = roster(storeId, sessionId);
        Instant now = Instant.now();
        if (now.isBefore(session.startsAt().minus(EARLY)) || !now.isBefore(session.endsAt())) {
            throw ProblemException.conflict(
                    "not-now", "check-in for this session is open from an hour before it starts until it ends");
        }
        String normalised = code.strip().toUpperCase();
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery(
                        "select id, status, created_at from enrolment where code = ?1 and course_id = ?2")
                .setParameter(1, normalised)
                .setParameter(2, session.courseId())
                .getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("enrolment with code " + normalised + " in this course");
        }
        if (!"CONFIRMED".equals(found.get(0)[1])) {
            throw ProblemException.conflict("not-enrolled", "that enrolment is " + found.get(0)[1]);
        }
        // A late learner paid for the sessions after they enrolled, not the one under way then.
        if (!Rows.offset(found.get(0)[2]).toInstant().isBefore(session.startsAt())) {
            throw ProblemException.conflict(
                    "not-in-this-session", "that learner joined after this session began; it is not theirs");
        }
        em.createNativeQuery(
                        "insert into attendance (session_id, enrolment_id, checked_in_at, by_actor) values (?1, ?2, "
                                + "now(), ?3) on conflict do nothing")
                .setParameter(1, sessionId)
                .setParameter(2, ((Number) found.get(0)[0]).longValue())
                .setParameter(3, actor)
                .executeUpdate();
        return roster(storeId, sessionId);
    }
}
