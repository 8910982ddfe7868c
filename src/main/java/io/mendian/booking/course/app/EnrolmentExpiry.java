package io.mendian.booking.course.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.ordering.OrderingApi;
import io.mendian.tenancy.EveryBrand;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Held enrolments whose tuition was not paid in time give their seat back, exactly once (picked with SKIP LOCKED,
 * each in its own transaction, on every instance), which offers it to the next member waiting. Courses whose last
 * session has ended are finished, and their paid orders completed.
 */
@ApplicationScoped
public class EnrolmentExpiry {

    private static final int BATCH = 200;

    private final EveryBrand brands;
    private final Tenants tenants;
    private final EnrolmentRows rows;
    private final Enrolments enrolments;
    private final EntityManager em;
    private final OrderingApi ordering;

    public EnrolmentExpiry(
            EveryBrand brands,
            Tenants tenants,
            EnrolmentRows rows,
            Enrolments enrolments,
            EntityManager em,
            OrderingApi ordering) {
        this.brands = brands;
        this.tenants = tenants;
        this.rows = rows;
        this.enrolments = enrolments;
        this.em = em;
        this.ordering = ordering;
    }

    @Scheduled(
            identity = "course-enrolment-expiry",
            every = "${mendian.booking.expiry-every:15s}",
            delayed = "${mendian.booking.expiry-delay:20s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        brands.run("course enrolment expiry", tenant -> {
            int expired = expire(tenant);
            if (expired > 0) {
                Log.infof("released %d lapsed course seats of %s", expired, tenant.value());
            }
            tenants.runAs(tenant, () -> QuarkusTransaction.requiringNew().call(this::finish));
        });
    }

    /** Expires every lapsed hold of the brand; answers how many this call expired. */
    public int expire(TenantId tenant) {
        int total = 0;
        List<Long> due;
        do {
            due = tenants.runAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> rows.due(BATCH)));
            for (long id : due) {
                boolean mine = tenants.runAs(
                        tenant, () -> QuarkusTransaction.requiringNew().call(() -> enrolments.expire(id)));
                total += mine ? 1 : 0;
            }
        } while (due.size() == BATCH);
        return total;
    }

    /** Courses past their last session: FINISHED, and each paid enrolment's order completed. */
    int finish() {
        @SuppressWarnings("unchecked")
        List<Number> ended = em.createNativeQuery("update course c set status = 'FINISHED', updated_at = now() where "
                        + "status in ('OPEN', 'CLOSED') and not exists (select 1 from course_session s where s.course_id "
                        + "= c.id and s.ends_at > now()) returning id")
                .getResultList();
        for (Number course : ended) {
            @SuppressWarnings("unchecked")
            List<String> orders = em.createNativeQuery("select order_no from enrolment where course_id = ?1 and status "
                            + "= 'CONFIRMED' and order_no is not null")
                    .setParameter(1, course.longValue())
                    .getResultList();
            orders.forEach(no -> ordering.completeService(no, "system", "the course has ended"));
            em.createNativeQuery("delete from course_waitlist where course_id = ?1")
                    .setParameter(1, course.longValue())
                    .executeUpdate();
        }
        return ended.size();
    }
}
