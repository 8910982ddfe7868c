package io.mendian.promotion.groupbuy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.catalog.CatalogApi;
import io.mendian.promotion.app.ActivityTerms;
import io.mendian.promotion.app.Audit;
import io.mendian.promotion.app.TemplateRows;
import io.mendian.promotion.groupbuy.GroupRows.Buy;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;

/** HQ's group buys (C7): created for a window, listed with how their teams are doing, ended early; audited. */
@ApplicationScoped
public class GroupBuys {

    static final Duration LONGEST = Duration.ofDays(92);
    static final int TEAMS_SHOWN = 5;

    private final EntityManager em;
    private final GroupRows rows;
    private final TemplateRows ids;
    private final CatalogApi catalog;
    private final ActivityTerms terms;
    private final Audit audit;

    public GroupBuys(
            EntityManager em, GroupRows rows, TemplateRows ids, CatalogApi catalog, ActivityTerms terms, Audit audit) {
        this.em = em;
        this.rows = rows;
        this.ids = ids;
        this.catalog = catalog;
        this.terms = terms;
        this.audit = audit;
    }

    @Transactional
    public GroupBuyView create(GroupBuyRequest r, String actor) {
        List<Long> storeIds = terms.check("group buy", r.startsAt(), r.endsAt(), LONGEST, r.skuId(), r.storeIds());
        long id = ((Number) em.createNativeQuery(
                                "insert into group_buy (name, sku_id, price_fen, group_size, hours, "
                                        + "store_ids, exclusive, starts_at, ends_at, status, created_by, created_at) values "
                                        + "(?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7, ?8, ?9, 'ACTIVE', ?10, now()) returning id")
                        .setParameter(1, r.name().strip())
                        .setParameter(2, r.skuId())
                        .setParameter(3, r.priceFen())
                        .setParameter(4, r.groupSize())
                        .setParameter(5, r.hours())
                        .setParameter(6, ids.write(storeIds))
                        .setParameter(7, r.exclusive() == null || r.exclusive())
                        .setParameter(8, r.startsAt().atOffset(ZoneOffset.UTC))
                        .setParameter(9, r.endsAt().atOffset(ZoneOffset.UTC))
                        .setParameter(10, actor)
                        .getSingleResult())
                .longValue();
        audit.record(actor, "GROUP_BUY_CREATED", null, "group buy " + id + ": " + r.name());
        return get(id);
    }

    @Transactional
    public GroupBuyView get(long id) {
        Buy buy = rows.find(id).orElseThrow(() -> ProblemException.notFound("group buy " + id));
        return views(List.of(buy)).getFirst();
    }

    /** Newest first; {@code live} keeps those whose window has not passed and that HQ did not end. */
    @Transactional
    public Page<GroupBuyView> list(boolean live, PageRequest page) {
        String where = live ? "where g.status = 'ACTIVE' and g.ends_at > now()" : "";
        long total = ((Number) em.createNativeQuery("select count(*) from group_buy g " + where)
                        .getSingleResult())
                .longValue();
        List<Buy> buys =
                rows.select(where, List.of(), "order by g.id desc limit " + page.size() + " offset " + page.offset());
        return new Page<>(views(buys), page.page(), page.size(), total);
    }

    /** Ends a group buy now: no new team opens and nobody joins; open teams fail at their deadline unless formed. */
    @Transactional
    public GroupBuyView end(long id, String actor) {
        int ended = em.createNativeQuery("update group_buy set status = 'ENDED', ended_by = ?2, ended_at = now() "
                        + "where id = ?1 and status = 'ACTIVE'")
                .setParameter(1, id)
                .setParameter(2, actor)
                .executeUpdate();
        GroupBuyView view = get(id);
        if (ended == 0) {
            throw ProblemException.conflict("already-ended", "group buy " + id + " has already ended");
        }
        audit.record(actor, "GROUP_BUY_ENDED", null, "group buy " + id);
        return view;
    }

    /** Live group buys at one store for SKUs it sells now, each with open teams there that have a free seat. */
    @Transactional
    public List<ShopGroupBuyView> atStore(long storeId) {
        List<Buy> buys = rows.select(
                "where g.status = 'ACTIVE' and g.starts_at <= now() and g.ends_at > now() and (g.store_ids = '[]' or "
                        + "g.store_ids @> cast(?1 as jsonb))",
                List.of("[" + storeId + "]"),
                "order by g.ends_at, g.id limit 50");
        Map<Long, CatalogApi.Offer> offers =
                catalog.offers(storeId, buys.stream().map(Buy::skuId).toList());
        Instant now = Instant.now();
        List<ShopGroupBuyView> shown = new ArrayList<>();
        for (Buy b : buys) {
            CatalogApi.Offer offer = offers.get(b.skuId());
            if (offer == null) {
                continue;
            }
            List<TeamView> open = rows
                    .teams(
                            "where t.group_buy_id = ?1 and t.store_id = ?2 and t.status = 'OPEN' and t.expires_at > "
                                    + "now()",
                            List.of(b.id(), storeId),
                            "having count(m.id) filter (where m.status <> 'LEFT') between 1 and max(t.group_size) - 1 "
                                    + "order by t.expires_at limit " + TEAMS_SHOWN)
                    .stream()
                    .map(t -> rows.view(t, b, now))
                    .toList();
            shown.add(new ShopGroupBuyView(
                    b.id(),
                    b.name(),
                    b.skuId(),
                    offer.productName(),
                    offer.priceFen(),
                    b.priceFen(),
                    b.groupSize(),
                    b.hours(),
                    b.endsAt(),
                    open,
                    now));
        }
        return shown;
    }

    private List<GroupBuyView> views(List<Buy> buys) {
        if (buys.isEmpty()) {
            return List.of();
        }
        Map<Long, CatalogApi.SkuLabel> labels =
                catalog.labels(buys.stream().map(Buy::skuId).toList());
        Map<Long, long[]> counts = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select group_buy_id, count(*) filter (where status = 'OPEN'), "
                        + "count(*) filter (where status = 'FORMED'), count(*) filter (where status = 'FAILED') from "
                        + "group_buy_team where group_buy_id = any(cast(?1 as bigint[])) group by group_buy_id")
                .setParameter(1, buys.stream().map(Buy::id).toArray(Long[]::new))
                .getResultList();
        found.forEach(r -> counts.put(
                ((Number) r[0]).longValue(),
                new long[] {((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue()}));
        Instant now = Instant.now();
        return buys.stream()
                .map(b -> {
                    CatalogApi.SkuLabel label = labels.get(b.skuId());
                    long[] c = counts.getOrDefault(b.id(), new long[3]);
                    return new GroupBuyView(
                            b.id(),
                            b.name(),
                            b.skuId(),
                            label == null ? null : label.code(),
                            label == null ? null : label.productName(),
                            b.priceFen(),
                            b.groupSize(),
                            b.hours(),
                            b.storeIds(),
                            b.exclusive(),
                            b.startsAt(),
                            b.endsAt(),
                            b.state(now),
                            c[0],
                            c[1],
                            c[2],
                            b.createdBy(),
                            b.createdAt(),
                            b.endedBy());
                })
                .toList();
    }
}
