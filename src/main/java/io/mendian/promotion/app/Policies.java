package io.mendian.promotion.app;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.promotion.DiscountKind;
import io.mendian.promotion.api.PolicyView;
import io.mendian.promotion.pricing.Stacking;
import io.mendian.web.ProblemException;

/**
 * HQ's promotion policy: the stacking matrix (which kinds of discount combine, how many coupons of each issuer) and
 * whether store proposals go live at once or wait for HQ. A brand that never set one gets {@link Stacking#defaults()}
 * and review by HQ.
 */
@ApplicationScoped
public class Policies {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Audit audit;

    public Policies(EntityManager em, ObjectMapper json, Audit audit) {
        this.em = em;
        this.json = json;
        this.audit = audit;
    }

    public PolicyView current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select cast(combines as text), max_hq_coupons, max_store_coupons, "
                        + "store_approval, updated_by, updated_at from promotion_policy where id = 1")
                .getResultList();
        if (rows.isEmpty()) {
            Stacking stacking = Stacking.defaults();
            return PolicyView.of(stacking, "REVIEW", null, null);
        }
        Object[] r = rows.getFirst();
        Stacking stacking = new Stacking(read((String) r[0]), ((Number) r[1]).intValue(), ((Number) r[2]).intValue());
        return PolicyView.of(stacking, (String) r[3], (String) r[4], io.mendian.web.Rows.offset(r[5]));
    }

    public Stacking stacking() {
        PolicyView view = current();
        return view.toStacking();
    }

    @Transactional
    public PolicyView update(PolicyView.Update update, String actor) {
        Stacking stacking;
        try {
            stacking = update.toStacking();
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("invalid-stacking", e.getMessage());
        }
        em.createNativeQuery("insert into promotion_policy (id, combines, max_hq_coupons, max_store_coupons, "
                        + "store_approval, updated_by, updated_at) values (1, cast(?1 as jsonb), ?2, ?3, ?4, ?5, ?6) "
                        + "on conflict (id) do update set combines = excluded.combines, max_hq_coupons = "
                        + "excluded.max_hq_coupons, max_store_coupons = excluded.max_store_coupons, store_approval = "
                        + "excluded.store_approval, updated_by = excluded.updated_by, updated_at = excluded.updated_at")
                .setParameter(1, write(stacking.combines()))
                .setParameter(2, stacking.maxHqCoupons())
                .setParameter(3, stacking.maxStoreCoupons())
                .setParameter(4, update.storeApproval())
                .setParameter(5, actor)
                .setParameter(6, OffsetDateTime.now())
                .executeUpdate();
        audit.record(actor, "POLICY_UPDATED", null, PolicyView.describe(stacking, update.storeApproval()));
        return current();
    }

    private Map<DiscountKind, Set<DiscountKind>> read(String text) {
        try {
            Map<DiscountKind, Set<DiscountKind>> raw = json.readValue(text, new TypeReference<>() {});
            Map<DiscountKind, Set<DiscountKind>> matrix = new java.util.EnumMap<>(DiscountKind.class);
            raw.forEach((k, v) -> matrix.put(k, v.isEmpty() ? EnumSet.noneOf(DiscountKind.class) : EnumSet.copyOf(v)));
            return matrix;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("promotion_policy.combines is not a matrix", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
