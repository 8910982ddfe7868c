package io.mendian.promotion.flash;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.catalog.CatalogApi;
import io.mendian.messaging.AfterCommit;
import io.mendian.promotion.app.ActivityTerms;
import io.mendian.promotion.app.Audit;
import io.mendian.promotion.app.TemplateRows;
import io.mendian.promotion.flash.FlashRows.Sale;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.TenantId;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;

/** HQ's flash sales (C7): created live for their window, listed with what they sold, ended early; audited. */
@ApplicationScoped
public class FlashSales {

    static final Duration LONGEST = Duration.ofDays(31);
    static final Duration SHOWN_AHEAD = Duration.ofDays(7);

    private final EntityManager em;
    private final FlashRows rows;
    private final TemplateRows ids;
    private final FlashGate gate;
    private final CatalogApi catalog;
    private final ActivityTerms terms;
    private final Audit audit;
    private final TenantContext tenant;
    private final AfterCommit afterCommit;

    public FlashSales(
            EntityManager em,
            FlashRows rows,
            TemplateRows ids,
            FlashGate gate,
            CatalogApi catalog,
            ActivityTerms terms,
            Audit audit,
            TenantContext tenant,
            AfterCommit afterCommit) {
        this.em = em;
        this.rows = rows;
        this.ids = ids;
        this.gate = gate;
        this.catalog = catalog;
        this.terms = terms;
        this.audit = audit;
        this.tenant = tenant;
        this.afterCommit = afterCommit;
    }

    @Transactional
    public FlashSaleView create(FlashSaleRequest r, String actor) {
        List<Long> storeIds = terms.check("flash sale", r.startsAt(), r.endsAt(), LONGEST, r.skuId(), r.storeIds());
        if (r.perMemberLimit() > r.quantity()) {
            throw ProblemException.unprocessable(
                    "bad-limit", "the per-member limit cannot be above the quantity on sale");
        }
        long id = ((Number) em.createNativeQuery("insert into flash_sale (name, sku_id, price_fen, quantity, "
                                + "per_member_limit, store_ids, exclusive, starts_at, ends_at, status, created_by, "
                                + "created_at) values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7, ?8, ?9, 'ACTIVE', ?10, "
                                + "now()) returning id")
                        .setParameter(1, r.name().strip())
                        .setParameter(2, r.skuId())
                        .setParameter(3, r.priceFen())
                        .setParameter(4, r.quantity())
                        .setParameter(5, r.perMemberLimit())
                        .setParameter(6, ids.write(storeIds))
                        .setParameter(7, r.exclusive() == null || r.exclusive())
                        .setParameter(8, r.startsAt().atOffset(java.time.ZoneOffset.UTC))
                        .setParameter(9, r.endsAt().atOffset(java.time.ZoneOffset.UTC))
                        .setParameter(10, actor)
                        .getSingleResult())
                .longValue();
        audit.record(actor, "FLASH_SALE_CREATED", null, "flash " + id + ": " + r.name());
        return get(id);
    }

    @Transactional
    public FlashSaleView get(long id) {
        return view(rows.find(id).orElseThrow(() -> ProblemException.notFound("flash sale " + id)), Instant.now());
    }

    /** Newest first; {@code live} keeps only sales whose window has not passed and that HQ did not end. */
    @Transactional
    public Page<FlashSaleView> list(boolean live, PageRequest page) {
        String where = live ? "where s.status = 'ACTIVE' and s.ends_at > now()" : "";
        long total = ((Number) em.createNativeQuery("select count(*) from flash_sale s " + where)
                        .getSingleResult())
                .longValue();
        List<Sale> sales =
                rows.select(where, List.of(), "order by s.id desc limit " + page.size() + " offset " + page.offset());
        Map<Long, CatalogApi.SkuLabel> labels =
                catalog.labels(sales.stream().map(Sale::skuId).toList());
        Instant now = Instant.now();
        return new Page<>(
                sales.stream().map(s -> view(s, labels.get(s.skuId()), now)).toList(), page.page(), page.size(), total);
    }

    /** Ends a sale now: no more units are sold at its price; orders already placed keep it. */
    @Transactional
    public FlashSaleView end(long id, String actor) {
        int ended = em.createNativeQuery("update flash_sale set status = 'ENDED', ended_by = ?2, ended_at = now() "
                        + "where id = ?1 and status = 'ACTIVE'")
                .setParameter(1, id)
                .setParameter(2, actor)
                .executeUpdate();
        FlashSaleView view = get(id);
        if (ended == 0) {
            throw ProblemException.conflict("already-ended", "flash sale " + id + " has already ended");
        }
        audit.record(actor, "FLASH_SALE_ENDED", null, "flash " + id);
        TenantId brand = tenant.require();
        afterCommit.run(() -> gate.forget(brand, id));
        rows.forget(id);
        return view;
    }

    /** Live and coming sales (the next seven days) at one store, for SKUs the store sells now. */
    @Transactional
    public List<ShopFlashSaleView> atStore(long storeId) {
        List<Object> params = new ArrayList<>();
        params.add("[" + storeId + "]");
        params.add(java.time.OffsetDateTime.now().plus(SHOWN_AHEAD));
        List<Sale> sales = rows.select(
                "where s.status = 'ACTIVE' and s.ends_at > now() and s.starts_at < ?2 and (s.store_ids = '[]' or "
                        + "s.store_ids @> cast(?1 as jsonb))",
                params,
                "order by s.starts_at, s.id limit 50");
        Map<Long, CatalogApi.Offer> offers =
                catalog.offers(storeId, sales.stream().map(Sale::skuId).toList());
        Instant now = Instant.now();
        TenantId brand = tenant.require();
        return sales.stream()
                .filter(s -> offers.containsKey(s.skuId()))
                .map(s -> {
                    Integer counted = gate.count(brand, s.id());
                    int left = counted != null ? Math.min(counted, s.quantity() - s.sold()) : s.quantity() - s.sold();
                    String state = now.isBefore(s.startsAt()) ? "UPCOMING" : left <= 0 ? "SOLD_OUT" : "LIVE";
                    CatalogApi.Offer offer = offers.get(s.skuId());
                    return new ShopFlashSaleView(
                            s.id(),
                            s.name(),
                            s.skuId(),
                            offer.productName(),
                            offer.priceFen(),
                            s.priceFen(),
                            s.quantity(),
                            Math.max(0, left),
                            s.perMemberLimit(),
                            s.startsAt(),
                            s.endsAt(),
                            state,
                            now);
                })
                .toList();
    }

    private FlashSaleView view(Sale s, Instant now) {
        return view(s, catalog.labels(Set.of(s.skuId())).get(s.skuId()), now);
    }

    private static FlashSaleView view(Sale s, CatalogApi.SkuLabel label, Instant now) {
        return new FlashSaleView(
                s.id(),
                s.name(),
                s.skuId(),
                label == null ? null : label.code(),
                label == null ? null : label.productName(),
                s.priceFen(),
                s.quantity(),
                s.sold(),
                s.perMemberLimit(),
                s.storeIds(),
                s.exclusive(),
                s.startsAt(),
                s.endsAt(),
                s.state(now),
                s.createdBy(),
                s.createdAt(),
                s.endedBy());
    }
}
