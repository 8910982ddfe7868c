package io.mendian.payment.app;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.payment.api.ProfitShareView;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;

/** Reads of the brand's profit shares for HQ. */
@ApplicationScoped
@Transactional
public class ProfitShares {

    private static final String WHERE =
            " from profit_share where (?1 = '' or status = ?1) and (?2 = '' or order_no = ?2)";

    private final EntityManager em;

    public ProfitShares(EntityManager em) {
        this.em = em;
    }

    /** A page of shares, newest first; {@code status} and {@code orderNo} filter when not null. */
    public Page<ProfitShareView> list(PageRequest page, String status, String orderNo) {
        String state = status == null ? "" : status;
        String order = orderNo == null ? "" : orderNo;
        long total = ((Number) em.createNativeQuery("select count(*)" + WHERE)
                        .setParameter(1, state)
                        .setParameter(2, order)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select order_no, transaction_id, fee_bps, base_fen, amount_fen, "
                        + "status, last_error, created_at, finished_at" + WHERE
                        + " order by id desc offset ?3 limit ?4")
                .setParameter(1, state)
                .setParameter(2, order)
                .setParameter(3, page.offset())
                .setParameter(4, page.size())
                .getResultList();
        List<ProfitShareView> items = rows.stream()
                .map(r -> new ProfitShareView(
                        (String) r[0],
                        (String) r[1],
                        ((Number) r[2]).intValue(),
                        r[3] == null ? null : ((Number) r[3]).longValue(),
                        r[4] == null ? null : ((Number) r[4]).longValue(),
                        (String) r[5],
                        (String) r[6],
                        at(r[7]),
                        at(r[8])))
                .toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    private static OffsetDateTime at(Object value) {
        return value == null ? null : ((Instant) value).atOffset(ZoneOffset.UTC);
    }
}
