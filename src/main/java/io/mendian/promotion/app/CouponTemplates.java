package io.mendian.promotion.app;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.catalog.CatalogApi;
import io.mendian.promotion.api.CouponRequest;
import io.mendian.promotion.api.CouponView;
import io.mendian.store.StoreApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;

/**
 * Coupon templates (H7, S6): HQ's go live at once; a store's proposal goes live at once or waits for HQ, as HQ's
 * policy says. Every creation and decision is audited. Ending a template stops claims and distribution; coupons
 * already in wallets stay usable until they expire.
 */
@ApplicationScoped
public class CouponTemplates {

    private final EntityManager em;
    private final TemplateRows rows;
    private final StoreApi stores;
    private final CatalogApi catalog;
    private final Policies policies;
    private final Audit audit;

    public CouponTemplates(
            EntityManager em, TemplateRows rows, StoreApi stores, CatalogApi catalog, Policies policies, Audit audit) {
        this.em = em;
        this.rows = rows;
        this.stores = stores;
        this.catalog = catalog;
        this.policies = policies;
        this.audit = audit;
    }

    @Transactional
    public CouponView createForHq(CouponRequest request, String actor) {
        validate(request, true);
        long id = insert(request, "HQ", null, request.storeScope(), request.storeIds(), "ACTIVE", actor);
        audit.record(actor, "HQ_COUPON_CREATED", id, request.name());
        return get(id);
    }

    @Transactional
    public CouponView proposeForStore(long storeId, CouponRequest request, String actor) {
        // A store's coupon is honoured at that store, whatever scope the request names.
        validate(request, false);
        boolean auto = "AUTO".equals(policies.current().storeApproval());
        String status = auto ? "ACTIVE" : "PENDING";
        long id = insert(request, "STORE", storeId, "STORES", List.of(storeId), status, actor);
        audit.record(actor, auto ? "STORE_COUPON_AUTO_APPROVED" : "STORE_COUPON_PROPOSED", id, request.name());
        return get(id);
    }

    public CouponView get(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery(
                        "select " + TemplateRows.COLUMNS + " from coupon_template t where t.id = ?1")
                .setParameter(1, id)
                .getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("coupon " + id);
        }
        return rows.view(found.getFirst());
    }

    /** HQ's list, newest first; filter by status and issuer. */
    public Page<CouponView> list(String status, String issuer, Long storeId, PageRequest page) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            params.add(status);
            where.append(" and t.status = ?").append(params.size());
        }
        if (issuer != null) {
            params.add(issuer);
            where.append(" and t.issuer = ?").append(params.size());
        }
        if (storeId != null) {
            // Honoured at the store: HQ's for all stores, for the store, or for a region above it; the store's own.
            where.append(" and ").append(honouredAt(storeId, params));
        }
        return page(where.toString(), params, page);
    }

    /**
     * The SQL condition (over alias t) for "honoured at this store": for all stores, for the store, or for a region on
     * its path; appends its parameters.
     */
    String honouredAt(long storeId, List<Object> params) {
        params.add("[" + storeId + "]");
        int store = params.size();
        params.add(stores.regionPath(storeId).stream().map(String::valueOf).toArray(String[]::new));
        return "(t.store_scope = 'ALL' or (t.store_scope = 'STORES' and t.store_ids @> cast(?" + store
                + " as jsonb)) or (t.store_scope = 'REGIONS' and exists (select 1 from jsonb_array_elements_text("
                + "t.region_ids) r where r = any(cast(?" + params.size() + " as text[])))))";
    }

    private Page<CouponView> page(String where, List<Object> params, PageRequest page) {
        var count = em.createNativeQuery("select count(*) from coupon_template t" + where);
        var select = em.createNativeQuery("select " + TemplateRows.COLUMNS + " from coupon_template t" + where
                + " order by t.id desc limit " + page.size() + " offset " + page.offset());
        for (int i = 0; i < params.size(); i++) {
            count.setParameter(i + 1, params.get(i));
            select.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = select.getResultList();
        return new Page<>(
                found.stream().map(rows::view).toList(),
                page.page(),
                page.size(),
                ((Number) count.getSingleResult()).longValue());
    }

    @Transactional
    public CouponView decide(long id, boolean approve, String note, String actor) {
        CouponView coupon = locked(id);
        if (!"PENDING".equals(coupon.status())) {
            throw ProblemException.conflict("not-pending", "coupon " + id + " is " + coupon.status() + ", not waiting");
        }
        if (!approve && (note == null || note.isBlank())) {
            throw ProblemException.unprocessable("note-required", "say why the proposal is rejected");
        }
        em.createNativeQuery("update coupon_template set status = ?2, decided_by = ?3, decided_at = now(), "
                        + "decision_note = ?4 where id = ?1")
                .setParameter(1, id)
                .setParameter(2, approve ? "ACTIVE" : "REJECTED")
                .setParameter(3, actor)
                .setParameter(4, note)
                .executeUpdate();
        audit.record(actor, approve ? "STORE_COUPON_APPROVED" : "STORE_COUPON_REJECTED", id, note);
        return get(id);
    }

    /** Ends a template; a store may end only its own proposals (the resource checks which store). */
    @Transactional
    public CouponView end(long id, Long ownStore, String actor) {
        CouponView coupon = locked(id);
        if (ownStore != null && !ownStore.equals(coupon.proposedByStore())) {
            throw ProblemException.notFound("coupon " + id);
        }
        if ("ENDED".equals(coupon.status()) || "REJECTED".equals(coupon.status())) {
            return coupon;
        }
        em.createNativeQuery("update coupon_template set status = 'ENDED' where id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        audit.record(actor, "COUPON_ENDED", id, null);
        return get(id);
    }

    CouponView locked(long id) {
        em.createNativeQuery("select id from coupon_template where id = ?1 for update")
                .setParameter(1, id)
                .getResultList();
        return get(id);
    }

    private void validate(CouponRequest r, boolean withScope) {
        if (!r.validUntil().isAfter(r.validFrom())) {
            throw ProblemException.unprocessable("invalid-validity", "validUntil must be after validFrom");
        }
        if (!r.validUntil().isAfter(java.time.Instant.now())) {
            throw ProblemException.unprocessable("invalid-validity", "validUntil is in the past");
        }
        if ("PERCENT".equals(r.type()) && r.value() > 99) {
            throw ProblemException.unprocessable("invalid-percent", "a PERCENT coupon takes 1 to 99 percent off");
        }
        if ("AMOUNT".equals(r.type()) && r.capFen() != null) {
            throw ProblemException.unprocessable("cap-on-amount", "capFen applies to PERCENT coupons only");
        }
        if (withScope) {
            validateScope(r);
        }
        if (r.skuIds() != null && !r.skuIds().isEmpty()) {
            var known = catalog.labels(r.skuIds()).keySet();
            List<Long> unknown =
                    r.skuIds().stream().filter(s -> !known.contains(s)).toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.unprocessable("unknown-skus", "no such SKUs: " + unknown);
            }
        }
    }

    private void validateScope(CouponRequest r) {
        if ("STORES".equals(r.storeScope())
                && (r.storeIds() == null || r.storeIds().isEmpty())) {
            throw ProblemException.unprocessable("stores-required", "a STORES coupon lists its stores");
        }
        if ("REGIONS".equals(r.storeScope())
                && (r.regionIds() == null || r.regionIds().isEmpty())) {
            throw ProblemException.unprocessable("regions-required", "a REGIONS coupon lists its regions");
        }
        if ("STORES".equals(r.storeScope())) {
            List<Long> unknown =
                    r.storeIds().stream().filter(s -> !stores.exists(s)).toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.unprocessable("unknown-stores", "no such stores: " + unknown);
            }
        }
        if ("REGIONS".equals(r.storeScope())) {
            List<Long> unknown = r.regionIds().stream()
                    .filter(id -> !stores.regionExists(id))
                    .toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.unprocessable("unknown-regions", "no such regions: " + unknown);
            }
        }
    }

    private long insert(
            CouponRequest r,
            String issuer,
            Long store,
            String storeScope,
            List<Long> storeIds,
            String status,
            String actor) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return ((Number) em.createNativeQuery("insert into coupon_template (issuer, proposed_by_store, name, "
                                + "description, store_scope, region_ids, store_ids, sku_ids, category_ids, "
                                + "threshold_fen, type, value, cap_fen, exclusive, claimable, valid_from, valid_until, "
                                + "days_after_claim, per_member_limit, budget, status, created_by, created_at) values "
                                + "(?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), cast(?7 as jsonb), cast(?8 as jsonb), "
                                + "cast(?9 as jsonb), ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
                                + "?23) returning id")
                        .setParameter(1, issuer)
                        .setParameter(2, store)
                        .setParameter(3, r.name().strip())
                        .setParameter(4, r.description())
                        .setParameter(5, storeScope)
                        .setParameter(6, rows.write("REGIONS".equals(storeScope) ? r.regionIds() : List.of()))
                        .setParameter(7, rows.write("STORES".equals(storeScope) ? storeIds : List.of()))
                        .setParameter(8, rows.write(r.skuIds()))
                        .setParameter(9, rows.write(r.categoryIds()))
                        .setParameter(10, r.thresholdFen())
                        .setParameter(11, r.type())
                        .setParameter(12, r.value())
                        .setParameter(13, r.capFen())
                        .setParameter(14, Boolean.TRUE.equals(r.exclusive()))
                        .setParameter(15, r.claimable() == null || r.claimable())
                        .setParameter(16, r.validFrom().atOffset(ZoneOffset.UTC))
                        .setParameter(17, r.validUntil().atOffset(ZoneOffset.UTC))
                        .setParameter(18, r.daysAfterClaim())
                        .setParameter(19, r.perMemberLimit())
                        .setParameter(20, r.budget())
                        .setParameter(21, status)
                        .setParameter(22, actor)
                        .setParameter(23, now)
                        .getSingleResult())
                .longValue();
    }
}
