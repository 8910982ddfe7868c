package io.mendian.promotion.flash;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.mendian.promotion.app.TemplateRows;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.Rows;

/**
 * Reads flash_sale rows. The terms of a sale change only when HQ ends it, so a flash attempt reads them from a small
 * per-instance cache (two seconds): the sale's row is the one that thousands of attempts would otherwise all read.
 * A stale entry cannot sell anything the database refuses (the claim re-checks status and window).
 */
@ApplicationScoped
public class FlashRows {

    static final String COLUMNS = "s.id, s.name, s.sku_id, s.price_fen, s.quantity, s.sold, s.per_member_limit, "
            + "cast(s.store_ids as text), s.exclusive, s.starts_at, s.ends_at, s.status, s.created_by, s.created_at, "
            + "s.ended_by";

    /** One sale's terms and its count at the time it was read. */
    public record Sale(
            long id,
            String name,
            long skuId,
            long priceFen,
            int quantity,
            int sold,
            int perMemberLimit,
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
            if (now.isBefore(startsAt)) {
                return "UPCOMING";
            }
            return sold >= quantity ? "SOLD_OUT" : "LIVE";
        }
    }

    private static final String SIGNAL = "flash-sale";

    private final Cache<String, Optional<Sale>> recent = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(2))
            .build();

    private final EntityManager em;
    private final TemplateRows rows;
    private final TenantContext tenant;

    private final io.mendian.messaging.ClusterSignals signals;

    public FlashRows(
            EntityManager em, TemplateRows rows, TenantContext tenant, io.mendian.messaging.ClusterSignals signals) {
        this.signals = signals;
        signals.onKey(SIGNAL, recent::invalidate, recent::invalidateAll);
        this.em = em;
        this.rows = rows;
        this.tenant = tenant;
    }

    Optional<Sale> find(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select " + COLUMNS + " from flash_sale s where s.id = ?1")
                .setParameter(1, id)
                .getResultList();
        return found.stream().findFirst().map(this::sale);
    }

    /** The sale's terms, read at most every two seconds per instance. */
    Optional<Sale> cached(long id) {
        return recent.get(tenant.require().schema() + ":" + id, key -> find(id));
    }

    /** The sale changed: every instance drops its copy once the change commits (this one at once). */
    void forget(long id) {
        signals.send(SIGNAL, tenant.require().schema() + ":" + id);
    }

    @SuppressWarnings("unchecked")
    List<Sale> select(String where, List<Object> params, String tail) {
        var query = em.createNativeQuery("select " + COLUMNS + " from flash_sale s " + where + " " + tail);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return ((List<Object[]>) query.getResultList()).stream().map(this::sale).toList();
    }

    private Sale sale(Object[] r) {
        return new Sale(
                ((Number) r[0]).longValue(),
                (String) r[1],
                ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(),
                ((Number) r[4]).intValue(),
                ((Number) r[5]).intValue(),
                ((Number) r[6]).intValue(),
                rows.ids((String) r[7]),
                (Boolean) r[8],
                Rows.offset(r[9]).toInstant(),
                Rows.offset(r[10]).toInstant(),
                (String) r[11],
                (String) r[12],
                Rows.offset(r[13]).toInstant(),
                (String) r[14]);
    }
}
