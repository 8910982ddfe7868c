package io.mendian.promotion.groupbuy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.catalog.CatalogApi;
import io.mendian.promotion.app.TemplateRows;
import io.mendian.web.Rows;

/** Reads group_buy rows and teams with their seat counts. */
@ApplicationScoped
public class GroupRows {

    private static final String COLUMNS = "g.id, g.name, g.sku_id, g.price_fen, g.group_size, g.hours, "
            + "cast(g.store_ids as text), g.exclusive, g.starts_at, g.ends_at, g.status, g.created_by, g.created_at, "
            + "g.ended_by";

    private static final String TEAM = "select t.id, t.group_buy_id, t.store_id, t.group_size, t.status, t.expires_at, "
            + "count(m.id) filter (where m.status <> 'LEFT'), count(m.id) filter (where m.status = 'PAID') "
            + "from group_buy_team t left join group_buy_member m on m.team_id = t.id ";

    /** A group buy's terms. */
    public record Buy(
            long id,
            String name,
            long skuId,
            long priceFen,
            int groupSize,
            int hours,
            List<Long> storeIds,
            boolean exclusive,
            Instant startsAt,
            Instant endsAt,
            String status,
            String createdBy,
            Instant createdAt,
            String endedBy) {

        boolean runsAt(long storeId) {
            return io.mendian.promotion.app.ActivityTerms.runsAt(storeIds, storeId);
        }

        String state(Instant now) {
            if ("ENDED".equals(status)) {
                return "ENDED";
            }
            if (!now.isBefore(endsAt)) {
                return "OVER";
            }
            return now.isBefore(startsAt) ? "UPCOMING" : "LIVE";
        }
    }

    /** A team and its seats. */
    record Team(
            long id,
            long groupBuyId,
            long storeId,
            int groupSize,
            String status,
            Instant expiresAt,
            int joined,
            int paid) {}

    private final EntityManager em;
    private final TemplateRows rows;
    private final CatalogApi catalog;

    public GroupRows(EntityManager em, TemplateRows rows, CatalogApi catalog) {
        this.em = em;
        this.rows = rows;
        this.catalog = catalog;
    }

    Optional<Buy> find(long id) {
        return select("where g.id = ?1", List.of(id), "").stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    List<Buy> select(String where, List<Object> params, String tail) {
        var query = em.createNativeQuery("select " + COLUMNS + " from group_buy g " + where + " " + tail);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return ((List<Object[]>) query.getResultList()).stream().map(this::buy).toList();
    }

    Optional<Team> team(long teamId) {
        return teams("where t.id = ?1", List.of(teamId), "").stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    List<Team> teams(String where, List<Object> params, String tail) {
        var query = em.createNativeQuery(TEAM + where + " group by t.id " + tail);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return ((List<Object[]>) query.getResultList())
                .stream()
                        .map(r -> new Team(
                                ((Number) r[0]).longValue(),
                                ((Number) r[1]).longValue(),
                                ((Number) r[2]).longValue(),
                                ((Number) r[3]).intValue(),
                                (String) r[4],
                                Rows.offset(r[5]).toInstant(),
                                ((Number) r[6]).intValue(),
                                ((Number) r[7]).intValue()))
                        .toList();
    }

    /** The team as its link shows it, priced at its store. */
    TeamView view(Team t, Buy buy, Instant now) {
        Map<Long, CatalogApi.Offer> offers = catalog.offers(t.storeId(), List.of(buy.skuId()));
        CatalogApi.Offer offer = offers.get(buy.skuId());
        String product = offer != null
                ? offer.productName()
                : java.util.Optional.ofNullable(
                                catalog.labels(Set.of(buy.skuId())).get(buy.skuId()))
                        .map(CatalogApi.SkuLabel::productName)
                        .orElse(null);
        return new TeamView(
                t.id(),
                buy.id(),
                buy.name(),
                t.storeId(),
                buy.skuId(),
                product,
                offer == null ? null : offer.priceFen(),
                buy.priceFen(),
                t.groupSize(),
                t.joined(),
                t.paid(),
                t.status(),
                t.expiresAt(),
                now);
    }

    private Buy buy(Object[] r) {
        return new Buy(
                ((Number) r[0]).longValue(),
                (String) r[1],
                ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(),
                ((Number) r[4]).intValue(),
                ((Number) r[5]).intValue(),
                rows.ids((String) r[6]),
                (Boolean) r[7],
                Rows.offset(r[8]).toInstant(),
                Rows.offset(r[9]).toInstant(),
                (String) r[10],
                (String) r[11],
                Rows.offset(r[12]).toInstant(),
                (String) r[13]);
    }
}
