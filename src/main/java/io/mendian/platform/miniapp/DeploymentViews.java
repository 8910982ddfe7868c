package io.mendian.platform.miniapp;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.platform.miniapp.Deployments.Event;
import io.mendian.platform.miniapp.Deployments.View;
import io.mendian.tenancy.TenantId;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Deployments as HQ and the operator read them: the brand's latest, every brand's by state, a rollout's snapshot. */
@ApplicationScoped
public class DeploymentViews {

    /** Every brand's deployments, newest change first, optionally in one state (the operator's watch list). */
    public Page<View> list(Deployments.State state, PageRequest page) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String where = state == null ? "" : " where state = ?1";
            var count = em().createNativeQuery("select count(*) from platform.miniapp_deployment" + where);
            var ids = em().createNativeQuery("select id from platform.miniapp_deployment" + where
                    + " order by updated_at desc, id desc limit " + page.size() + " offset " + page.offset());
            if (state != null) {
                count.setParameter(1, state.name());
                ids.setParameter(1, state.name());
            }
            @SuppressWarnings("unchecked")
            List<Number> rows = ids.getResultList();
            return new Page<>(
                    rows.stream().map(id -> view(id.longValue(), false)).toList(),
                    page.page(),
                    page.size(),
                    ((Number) count.getSingleResult()).longValue());
        });
    }

    /** The brand's latest deployment (a brand-facing read of the platform table: the brand by type, never null). */
    public Optional<View> latestForBrand(TenantId tenant) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em().createNativeQuery(
                        "select id from platform.miniapp_deployment where tenant_id = ?1 order by id desc limit 1")
                .setParameter(1, tenant.value())
                .getResultList();
        return ids.stream().findFirst().map(id -> view(id.longValue(), true));
    }

    private static final String COLUMNS =
            "select id, tenant_id, appid, template_id, user_version, rollout_id, state, audit_id, reason, "
                    + "attempts, updated_at, released_at from platform.miniapp_deployment ";

    public View view(long id, boolean withEvents) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery(COLUMNS + "where id = ?1")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("deployment " + id);
        }
        List<Event> events = List.of();
        if (withEvents) {
            @SuppressWarnings("unchecked")
            List<Object[]> history = em().createNativeQuery(
                            "select state, detail, at from platform.miniapp_deployment_event where deployment_id = ?1 "
                                    + "order by id desc limit 50")
                    .setParameter(1, id)
                    .getResultList();
            events = history.stream()
                    .map(h -> new Event((String) h[0], (String) h[1], Rows.offset(h[2])))
                    .toList();
        }
        return toView(rows.get(0), events);
    }

    /** A rollout's deployments read in one statement, so that their states are one consistent snapshot. */
    public List<View> ofRollout(long rollout) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery(COLUMNS + "where rollout_id = ?1 order by tenant_id")
                .setParameter(1, rollout)
                .getResultList();
        return rows.stream().map(r -> toView(r, List.of())).toList();
    }

    private static View toView(Object[] r, List<Event> events) {
        return new View(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                ((Number) r[3]).longValue(),
                (String) r[4],
                r[5] == null ? null : ((Number) r[5]).longValue(),
                (String) r[6],
                r[7] == null ? null : ((Number) r[7]).longValue(),
                (String) r[8],
                ((Number) r[9]).intValue(),
                Rows.offset(r[10]),
                Rows.offset(r[11]),
                events);
    }

    private static jakarta.persistence.EntityManager em() {
        return Deployments.em();
    }
}
