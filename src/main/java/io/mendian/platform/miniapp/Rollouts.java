package io.mendian.platform.miniapp;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.web.ProblemException;
import io.mendian.web.Rows;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A template upgrade for every authorized brand. Creating it queues one deployment per brand (idempotent per appid and
 * version); the pipeline then runs at most {@code maxConcurrent} of them at a time, so WeChat's audit quota and our
 * support desk see a steady trickle, and each brand's state is visible here.
 */
@ApplicationScoped
public class Rollouts {

    /** A rollout with its per-brand progress. */
    public record View(
            long id,
            long templateId,
            String userVersion,
            String userDesc,
            int maxConcurrent,
            String createdBy,
            OffsetDateTime createdAt,
            Map<String, Long> byState,
            List<Deployments.View> deployments) {}

    private final Deployments deployments;
    private final DeploymentViews deploymentViews;

    public Rollouts(Deployments deployments, DeploymentViews views) {
        this.deployments = deployments;
        this.deploymentViews = views;
    }

    public View start(long templateId, String version, String description, int maxConcurrent, String actor) {
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Number rollout = (Number) Deployments.em()
                    .createNativeQuery("insert into platform.miniapp_rollout (template_id, user_version, user_desc, "
                            + "max_concurrent, created_by) values (?1, ?2, ?3, ?4, ?5) returning id")
                    .setParameter(1, templateId)
                    .setParameter(2, version)
                    .setParameter(3, description)
                    .setParameter(4, maxConcurrent)
                    .setParameter(5, actor)
                    .getSingleResult();
            @SuppressWarnings("unchecked")
            List<Object[]> brands = Deployments.em()
                    .createNativeQuery(
                            "select tenant_id, appid from platform.miniapp_authorization a join platform.tenant t "
                                    + "on t.id = a.tenant_id where a.status = 'AUTHORIZED' and t.status = 'ACTIVE' order by tenant_id")
                    .getResultList();
            for (Object[] brand : brands) {
                deployments.request((String) brand[0], (String) brand[1], templateId, version, rollout.longValue());
            }
            return rollout.longValue();
        });
        return get(id);
    }

    public View get(long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Deployments.em()
                    .createNativeQuery("select id, template_id, user_version, user_desc, max_concurrent, created_by, "
                            + "created_at from platform.miniapp_rollout where id = ?1")
                    .setParameter(1, id)
                    .getResultList();
            if (rows.isEmpty()) {
                throw ProblemException.notFound("rollout " + id);
            }
            Object[] r = rows.get(0);
            List<Deployments.View> views = deploymentViews.ofRollout(id);
            Map<String, Long> byState = new TreeMap<>();
            views.forEach(v -> byState.merge(v.state(), 1L, Long::sum));
            return new View(
                    ((Number) r[0]).longValue(),
                    ((Number) r[1]).longValue(),
                    (String) r[2],
                    (String) r[3],
                    ((Number) r[4]).intValue(),
                    (String) r[5],
                    Rows.offset(r[6]),
                    byState,
                    views);
        });
    }
}
