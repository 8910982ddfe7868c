package io.mendian.booking.app;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Who changed the brand's items, policy or schedules, and how: one row, written with the change. */
@ApplicationScoped
public class BookingAudit {

    private final EntityManager em;

    public BookingAudit(EntityManager em) {
        this.em = em;
    }

    public void record(String actor, String action, String detail) {
        em.createNativeQuery("insert into booking_audit (at, actor, action, detail) values (?1, ?2, ?3, ?4)")
                .setParameter(1, OffsetDateTime.now())
                .setParameter(2, actor)
                .setParameter(3, action)
                .setParameter(4, detail == null ? null : detail.length() > 400 ? detail.substring(0, 400) : detail)
                .executeUpdate();
    }
}
