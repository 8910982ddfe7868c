package io.mendian.promotion.reduction;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mendian.promotion.app.ActivityTerms;
import io.mendian.promotion.app.Audit;
import io.mendian.promotion.app.Policies;
import io.mendian.promotion.app.TemplateRows;
import io.mendian.promotion.pricing.FullReduction;
import io.mendian.promotion.pricing.Scope;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/**
 * HQ's full reductions (X2): "spend X, save Y" activities the pricing engine applies (the best one an order reaches),
 * created for a window and ended early; audited.
 */
@ApplicationScoped
public class FullReductions {

    static final Duration LONGEST = Duration.ofDays(366);
    private static final String COLUMNS = "select r.id, r.name, cast(r.tiers as text), cast(r.store_ids as text), "
            + "cast(r.category_ids as text), cast(r.sku_ids as text), r.starts_at, r.ends_at, r.status, r.created_by, "
            + "r.created_at, r.proposed_by_store, r.decision_note from full_reduction r ";
    private static final TypeReference<List<FullReductionRequest.Tier>> TIERS = new TypeReference<>() {};

    private final EntityManager em;
    private final TemplateRows ids;
    private final ActivityTerms terms;
    private final Audit audit;
    private final ObjectMapper json;
    private final Policies policies;
    private final TenantContext tenant;
    private final io.mendian.messaging.ClusterSignals signals;

    /**
     * What runs at each store, kept two seconds per instance: every checkout and every store page reads it, and a
     * change made here is seen at once on this instance (dropped after its commit), within two seconds on others.
     */
    private final Cache<String, List<FullReductionView>> live = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(2))
            .build();

    public FullReductions(
            EntityManager em,
            TemplateRows ids,
            ActivityTerms terms,
            Audit audit,
            ObjectMapper json,
            Policies policies,
            TenantContext tenant,
            io.mendian.messaging.ClusterSignals signals) {
        this.signals = signals;
        // A brand's change drops every brand's entries: they are two seconds old at most anyway.
        signals.on("full-reductions", schema -> live.invalidateAll());
        this.policies = policies;
        this.tenant = tenant;
        this.em = em;
        this.ids = ids;
        this.terms = terms;
        this.audit = audit;
        this.json = json;
    }

    @Transactional
    public FullReductionView create(FullReductionRequest r, String actor) {
        long id = insert(r, terms.checkStores(r.storeIds()), "ACTIVE", null, actor);
        changed();
        audit.record(actor, "FULL_REDUCTION_CREATED", null, "full reduction " + id + ": " + r.name());
        return get(id);
    }

    /** A store proposes one for itself (whatever stores it names): live at once under AUTO, else PENDING for HQ. */
    @Transactional
    public FullReductionView propose(long storeId, FullReductionRequest r, String actor) {
        boolean auto = "AUTO".equals(policies.current().storeApproval());
        long id = insert(r, List.of(storeId), auto ? "ACTIVE" : "PENDING", storeId, actor);
        changed();
        audit.record(
                actor,
                auto ? "STORE_REDUCTION_AUTO_APPROVED" : "STORE_REDUCTION_PROPOSED",
                null,
                "full reduction " + id + " at store " + storeId + ": " + r.name());
        return get(id);
    }

    /** HQ decides on a store's proposal; a rejection says why. Audited. */
    @Transactional
    public FullReductionView decide(long id, boolean approve, String note, String actor) {
        if (!approve && (note == null || note.isBlank())) {
            throw ProblemException.unprocessable("note-required", "say why the proposal is rejected");
        }
        int decided = em.createNativeQuery(
                        "update full_reduction set status = ?2, decided_by = ?3, decided_at = now(), "
                                + "decision_note = ?4 where id = ?1 and status = 'PENDING'")
                .setParameter(1, id)
                .setParameter(2, approve ? "ACTIVE" : "REJECTED")
                .setParameter(3, actor)
                .setParameter(4, note)
                .executeUpdate();
        FullReductionView view = get(id);
        if (decided == 0) {
            throw ProblemException.conflict(
                    "not-pending", "full reduction " + id + " is " + view.state() + ", not waiting for a decision");
        }
        changed();
        audit.record(
                actor, approve ? "STORE_REDUCTION_APPROVED" : "STORE_REDUCTION_REJECTED", null, "full reduction " + id);
        return view;
    }

    /** What a store sees: what applies there (HQ's and its own) and its own proposals, newest first. */
    @Transactional
    public Page<FullReductionView> atStore(long storeId, PageRequest page) {
        String where = "where (r.store_ids = '[]' or r.store_ids @> cast(?1 as jsonb)) and (r.status in ('ACTIVE', "
                + "'ENDED') or r.proposed_by_store = " + storeId + ") ";
        long total = ((Number) em.createNativeQuery("select count(*) from full_reduction r " + where)
                        .setParameter(1, "[" + storeId + "]")
                        .getSingleResult())
                .longValue();
        return new Page<>(
                select(
                        where + "order by r.id desc limit " + page.size() + " offset " + page.offset(),
                        "[" + storeId + "]"),
                page.page(),
                page.size(),
                total);
    }

    private long insert(FullReductionRequest r, List<Long> storeIds, String status, Long proposedBy, String actor) {
        terms.checkWindow("full reduction", r.startsAt(), r.endsAt(), LONGEST);
        var thresholds = new HashSet<Long>();
        for (FullReductionRequest.Tier tier : r.tiers()) {
            if (tier.offFen() >= tier.thresholdFen()) {
                throw ProblemException.unprocessable(
                        "bad-tier",
                        "saving " + tier.offFen() + " needs a threshold above it, not " + tier.thresholdFen());
            }
            if (!thresholds.add(tier.thresholdFen())) {
                throw ProblemException.unprocessable("bad-tier", "two tiers start at " + tier.thresholdFen());
            }
        }
        return ((Number) em.createNativeQuery(
                                "insert into full_reduction (name, tiers, store_ids, category_ids, sku_ids, "
                                        + "starts_at, ends_at, status, created_by, created_at, proposed_by_store) values (?1, "
                                        + "cast(?2 as jsonb), cast(?3 as jsonb), cast(?4 as jsonb), cast(?5 as jsonb), ?6, ?7, "
                                        + "?9, ?8, now(), ?10) returning id")
                        .setParameter(1, r.name().strip())
                        .setParameter(2, write(r.tiers()))
                        .setParameter(3, ids.write(storeIds))
                        .setParameter(4, ids.write(r.categoryIds() == null ? List.of() : r.categoryIds()))
                        .setParameter(5, ids.write(r.skuIds() == null ? List.of() : r.skuIds()))
                        .setParameter(6, r.startsAt().atOffset(ZoneOffset.UTC))
                        .setParameter(7, r.endsAt().atOffset(ZoneOffset.UTC))
                        .setParameter(8, actor)
                        .setParameter(9, status)
                        .setParameter(10, proposedBy)
                        .getSingleResult())
                .longValue();
    }

    @Transactional
    public FullReductionView get(long id) {
        return select("where r.id = ?1", id).stream()
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("full reduction " + id));
    }

    /** Newest first; {@code live} keeps those not over and not ended. */
    @Transactional
    public Page<FullReductionView> list(boolean live, PageRequest page) {
        String where = live ? "where r.status = 'ACTIVE' and r.ends_at > now() " : "";
        long total = ((Number) em.createNativeQuery("select count(*) from full_reduction r " + where)
                        .getSingleResult())
                .longValue();
        return new Page<>(
                select(where + "order by r.id desc limit " + page.size() + " offset " + page.offset(), null),
                page.page(),
                page.size(),
                total);
    }

    /** Ends one now (a pending proposal is withdrawn); {@code ownStore} limits a store to its own proposals (404). */
    @Transactional
    public FullReductionView end(long id, Long ownStore, String actor) {
        if (ownStore != null && !ownStore.equals(get(id).proposedByStore())) {
            throw ProblemException.notFound("full reduction " + id);
        }
        int ended = em.createNativeQuery("update full_reduction set status = 'ENDED', ended_by = ?2, ended_at = now() "
                        + "where id = ?1 and status in ('ACTIVE', 'PENDING')")
                .setParameter(1, id)
                .setParameter(2, actor)
                .executeUpdate();
        FullReductionView view = get(id);
        if (ended == 0) {
            throw ProblemException.conflict("already-ended", "full reduction " + id + " has already ended");
        }
        changed();
        audit.record(actor, "FULL_REDUCTION_ENDED", null, "full reduction " + id);
        return view;
    }

    /** What runs at a store now (at most 20), for shoppers and for the pricing engine. */
    @Transactional
    public List<FullReductionView> liveAt(long storeId) {
        return select(
                "where r.status = 'ACTIVE' and r.starts_at <= now() and r.ends_at > now() and (r.store_ids = '[]' or "
                        + "r.store_ids @> cast(?1 as jsonb)) order by r.id limit 20",
                "[" + storeId + "]");
    }

    /** {@link #liveAt}, read at most every two seconds per store and instance. */
    public List<FullReductionView> liveAtRecently(long storeId) {
        return live.get(tenant.require().schema() + ":" + storeId, key -> liveAt(storeId));
    }

    /** Every instance drops what it read once the change commits (this one at once, the others by their signal). */
    private void changed() {
        signals.send("full-reductions", tenant.require().schema());
    }

    /** The engine's view of what runs at a store now (read at most every two seconds, as the store page shows it). */
    public List<FullReduction> forPricing(long storeId) {
        return liveAtRecently(storeId).stream()
                .map(r -> new FullReduction(
                        "reduction-" + r.id(),
                        r.name(),
                        new Scope(new HashSet<>(r.skuIds()), new HashSet<>(r.categoryIds())),
                        r.tiers().stream()
                                .map(t -> new FullReduction.Tier(t.thresholdFen(), t.offFen()))
                                .toList()))
                .toList();
    }

    private List<FullReductionView> select(String where, Object param) {
        var query = em.createNativeQuery(COLUMNS + where);
        if (param != null) {
            query.setParameter(1, param);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Instant now = Instant.now();
        return rows.stream().map(r -> view(r, now)).toList();
    }

    private FullReductionView view(Object[] r, Instant now) {
        Instant starts = Rows.offset(r[6]).toInstant();
        Instant ends = Rows.offset(r[7]).toInstant();
        String status = (String) r[8];
        String state = "ACTIVE".equals(status)
                ? !now.isBefore(ends) ? "OVER" : now.isBefore(starts) ? "UPCOMING" : "LIVE"
                : status;
        try {
            return new FullReductionView(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    json.readValue((String) r[2], TIERS),
                    ids.ids((String) r[3]),
                    ids.ids((String) r[4]),
                    ids.ids((String) r[5]),
                    starts,
                    ends,
                    state,
                    r[11] == null ? null : ((Number) r[11]).longValue(),
                    (String) r[12],
                    (String) r[9],
                    Rows.offset(r[10]).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable tiers of full reduction " + r[0], e);
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
