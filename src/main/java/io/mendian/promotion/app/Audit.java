package io.mendian.promotion.app;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Who changed which promotion, when and how: every HQ and store decision is one row, written with the change. */
@ApplicationScoped
public class Audit {

    private final EntityManager em;

    public Audit(EntityManager em) {
        this.em = em;
    }

    public void record(String actor, String action, Long templateId, String detail) {
        em.createNativeQuery("insert into promotion_audit (at, actor, action, template_id, detail) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, OffsetDateTime.now())
                .setParameter(2, actor)
                .setParameter(3, action)
                .setParameter(4, templateId)
                .setParameter(5, detail == null ? null : detail.length() > 400 ? detail.substring(0, 400) : detail)
                .executeUpdate();
    }
}
