package io.mendian.promotion.flash;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.messaging.AfterCommit;
import io.mendian.promotion.flash.FlashRows.Sale;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.TenantId;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;

/**
 * One attempt to buy at a flash price: admitted by the Redis gate, then claimed in the database inside the order's
 * transaction. The gate turns thousands of attempts into about as many database writes as there are units; the claim
 * (a conditional UPDATE of the sale's count, then the member's limit under that row lock) is what makes the sale
 * exact, whatever the gate believed. Units the gate gave to an attempt that did not become an order go back to it
 * when the transaction rolls back; units of an order that ends unpaid go back to both.
 */
@ApplicationScoped
public class FlashClaims {

    /** Above this many buyers a rebuilt gate leaves per-member limits to the database alone. */
    static final int GATE_MEMBERS = 10_000;

    /** A member's admitted attempt: the activity's terms, for pricing, and what to claim. */
    public record Ticket(long saleId, String label, long skuId, long priceFen, int quantity, boolean exclusive) {}

    private final EntityManager em;
    private final FlashRows rows;
    private final FlashGate gate;
    private final TenantContext tenant;
    private final AfterCommit afterCommit;

    public FlashClaims(
            EntityManager em, FlashRows rows, FlashGate gate, TenantContext tenant, AfterCommit afterCommit) {
        this.em = em;
        this.rows = rows;
        this.gate = gate;
        this.tenant = tenant;
        this.afterCommit = afterCommit;
    }

    /**
     * Admits the member's attempt through the gate, in the caller's transaction (whose rollback gives the units
     * back). Refuses with 404, 409 flash-not-started / flash-over / flash-sold-out / flash-limit, 422 when the sale
     * does not run at this store, or 503 when the gate cannot be asked (a flash sale refuses rather than oversells).
     */
    public Ticket admit(long saleId, long memberId, long storeId, int quantity) {
        Sale sale = rows.cached(saleId).orElseThrow(() -> ProblemException.notFound("flash sale " + saleId));
        Instant now = Instant.now();
        if ("ENDED".equals(sale.status()) || !now.isBefore(sale.endsAt())) {
            throw ProblemException.conflict("flash-over", "flash sale " + saleId + " is over");
        }
        if (now.isBefore(sale.startsAt())) {
            throw ProblemException.conflict(
                            "flash-not-started", "flash sale " + saleId + " starts at " + sale.startsAt())
                    .with("startsAt", sale.startsAt().toString());
        }
        if (!sale.runsAt(storeId)) {
            throw ProblemException.unprocessable(
                    "flash-not-at-this-store", "flash sale " + saleId + " does not run at store " + storeId);
        }
        if (quantity > sale.perMemberLimit()) {
            throw ProblemException.unprocessable(
                    "flash-limit", "at most " + sale.perMemberLimit() + " per member at the flash price");
        }
        TenantId brand = tenant.require();
        FlashGate.Verdict verdict;
        try {
            verdict = gate.take(brand, saleId, memberId, quantity, sale.perMemberLimit(), sale.endsAt());
            // Missing: flushed, evicted or never built. Build it; a flush between build and take means build again.
            for (int rebuilt = 0; verdict == FlashGate.Verdict.MISSING && rebuilt < 3; rebuilt++) {
                build(brand, saleId);
                verdict = gate.take(brand, saleId, memberId, quantity, sale.perMemberLimit(), sale.endsAt());
            }
        } catch (RuntimeException e) {
            Log.warnf("flash gate %d unavailable: %s", saleId, e.getMessage());
            throw unavailable();
        }
        switch (verdict) {
            case SOLD_OUT -> throw soldOut(saleId);
            case LIMIT ->
                throw ProblemException.conflict(
                        "flash-limit", "you already hold " + sale.perMemberLimit() + " at this flash price");
            case MISSING -> throw unavailable();
            case TAKEN -> afterCommit.onRollback(() -> gate.giveBack(brand, saleId, memberId, quantity));
        }
        return new Ticket(saleId, sale.name(), sale.skuId(), sale.priceFen(), quantity, sale.exclusive());
    }

    /**
     * Refuses an attempt the gate would refuse (sold out, over the member's limit) without a transaction or a write;
     * anything else is left to {@link #admit}. Most of a rush's attempts end here.
     */
    @jakarta.transaction.Transactional
    public void precheck(long saleId, long memberId, int quantity) {
        Sale sale = rows.cached(saleId).orElse(null);
        if (sale == null) {
            return;
        }
        switch (gate.peek(tenant.require(), saleId, memberId, quantity, sale.perMemberLimit())) {
            case SOLD_OUT -> throw soldOut(saleId);
            case LIMIT ->
                throw ProblemException.conflict(
                        "flash-limit", "you already hold " + sale.perMemberLimit() + " at this flash price");
            default -> {}
        }
    }

    /**
     * Claims the admitted units for the order in the database, in the order's transaction: the sale row's
     * conditional UPDATE makes overselling impossible, and the member's limit is checked under its lock.
     */
    public void claim(Ticket ticket, long memberId, String orderNo, long storeId) {
        // One statement takes the units and says the member limit (the row stays locked to the commit).
        @SuppressWarnings("unchecked")
        List<Number> claimed = em.createNativeQuery("update flash_sale set sold = sold + ?2 where id = ?1 and status = "
                        + "'ACTIVE' and starts_at <= now() and ends_at > now() and sold + ?2 <= quantity returning "
                        + "per_member_limit")
                .setParameter(1, ticket.saleId())
                .setParameter(2, ticket.quantity())
                .getResultList();
        if (claimed.isEmpty()) {
            // The gate let through more than the database has: rebuild it from the database after this rolls back.
            TenantId brand = tenant.require();
            afterCommit.onRollback(() -> gate.forget(brand, ticket.saleId()));
            throw soldOut(ticket.saleId());
        }
        int limit = claimed.getFirst().intValue();
        long held = ((Number) em.createNativeQuery("select coalesce(sum(quantity), 0) from flash_sale_claim where "
                                + "sale_id = ?1 and member_id = ?2 and status = 'HELD'")
                        .setParameter(1, ticket.saleId())
                        .setParameter(2, memberId)
                        .getSingleResult())
                .longValue();
        if (held + ticket.quantity() > limit) {
            throw ProblemException.conflict("flash-limit", "you already hold " + held + " at this flash price");
        }
        em.createNativeQuery("insert into flash_sale_claim (sale_id, member_id, order_no, store_id, quantity, status, "
                        + "created_at) values (?1, ?2, ?3, ?4, ?5, 'HELD', now())")
                .setParameter(1, ticket.saleId())
                .setParameter(2, memberId)
                .setParameter(3, orderNo)
                .setParameter(4, storeId)
                .setParameter(5, ticket.quantity())
                .executeUpdate();
    }

    /** The order ended unpaid or was cancelled: its units go back on sale (in the database, then in the gate). */
    public void release(String orderNo) {
        @SuppressWarnings("unchecked")
        List<Object[]> released = em.createNativeQuery("update flash_sale_claim set status = 'RELEASED', released_at = "
                        + "now() where order_no = ?1 and status = 'HELD' returning sale_id, member_id, quantity")
                .setParameter(1, orderNo)
                .getResultList();
        if (released.isEmpty()) {
            return;
        }
        Object[] r = released.getFirst();
        long saleId = ((Number) r[0]).longValue();
        long memberId = ((Number) r[1]).longValue();
        int quantity = ((Number) r[2]).intValue();
        em.createNativeQuery("update flash_sale set sold = sold - ?2 where id = ?1")
                .setParameter(1, saleId)
                .setParameter(2, quantity)
                .executeUpdate();
        TenantId brand = tenant.require();
        afterCommit.run(() -> gate.giveBack(brand, saleId, memberId, quantity));
    }

    /** Builds the gate from committed claims (another instance may have built it first; then this does nothing). */
    private void build(TenantId brand, long saleId) {
        Sale sale = rows.find(saleId).orElseThrow(() -> ProblemException.notFound("flash sale " + saleId));
        boolean open = "ACTIVE".equals(sale.status()) && Instant.now().isBefore(sale.endsAt());
        Map<Long, Integer> held = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select member_id, sum(quantity) from flash_sale_claim where "
                        + "sale_id = ?1 and status = 'HELD' group by member_id limit " + (GATE_MEMBERS + 1))
                .setParameter(1, saleId)
                .getResultList();
        if (found.size() <= GATE_MEMBERS) {
            found.forEach(r -> held.put(((Number) r[0]).longValue(), ((Number) r[1]).intValue()));
        }
        gate.build(brand, saleId, open ? sale.quantity() - sale.sold() : 0, held, sale.endsAt());
    }

    private static ProblemException soldOut(long saleId) {
        return ProblemException.conflict("flash-sold-out", "flash sale " + saleId + " is sold out");
    }

    private static ProblemException unavailable() {
        return new ProblemException(Problem.of(
                503,
                "flash-unavailable",
                "Flash sale unavailable",
                "the flash sale cannot take orders right now; " + "try again in a moment"));
    }
}
