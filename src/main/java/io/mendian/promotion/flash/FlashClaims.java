package io.mendian.promotion.flash;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.messaging.AfterCommit;
import io.mendian.promotion.flash.FlashRows.Sale;
import io.mendian.tenancy.TenantContext;
import io.mendian.tenancy.TenantId;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

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
    private final FlashLanes lanes;

    public FlashClaims(
            EntityManager em,
            FlashRows rows,
            FlashGate gate,
            TenantContext tenant,
            AfterCommit afterCommit,
            FlashLanes lanes) {
        this.lanes = lanes;
        this.em = em;
        this.rows = rows;
        this.gate = gate;
        this.tenant = tenant;
        this.afterCommit = afterCommit;
    }

    /**
     * Units of a flash sale taken from the gate for one attempt, with the attempt's place in the sale's lane; both are
     * held outside any transaction. Close it when the attempt is over: the place frees, and the units go back to the
     * gate unless the attempt's order was committed.
     */
    public final class Pass implements AutoCloseable {
        private final Ticket ticket;
        private final TenantId brand;
        private final long memberId;
        private final Runnable leave;
        private final AtomicBoolean kept = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        private Pass(Ticket ticket, TenantId brand, long memberId, Runnable leave) {
            this.ticket = ticket;
            this.brand = brand;
            this.memberId = memberId;
            this.leave = leave;
        }

        public Ticket ticket() {
            return ticket;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                leave.run();
                if (!kept.get()) {
                    gate.giveBack(brand, ticket.saleId(), memberId, ticket.quantity());
                }
            }
        }
    }

    /**
     * Admits the member's attempt through the gate and then into the sale's lane, outside any transaction, so that
     * losers never open one and winners wait for their turn without holding a database connection. Refuses with 404,
     * 409 flash-not-started / flash-over / flash-sold-out / flash-limit, 422 when the sale does not run at this store,
     * 503 flash-unavailable when the gate cannot be asked (a flash sale refuses rather than oversells) or flash-busy
     * when no place in the lane frees in time.
     */
    public Pass admit(long saleId, long memberId, long storeId, int quantity) {
        Ticket ticket = QuarkusTransaction.requiringNew().call(() -> take(saleId, memberId, storeId, quantity));
        TenantId brand = tenant.require();
        Runnable leave;
        try {
            leave = lanes.enter(brand, saleId);
        } catch (ProblemException busy) {
            gate.giveBack(brand, saleId, memberId, quantity);
            throw busy;
        }
        return new Pass(ticket, brand, memberId, leave);
    }

    /** Takes the attempt's units from the gate (rebuilding it from the database when it is missing). */
    private Ticket take(long saleId, long memberId, long storeId, int quantity) {
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
                rebuild(brand, saleId);
                verdict = gate.take(brand, saleId, memberId, quantity, sale.perMemberLimit(), sale.endsAt());
            }
        } catch (ProblemException busy) {
            throw busy;
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
            case TAKEN -> {}
        }
        return new Ticket(saleId, sale.name(), sale.skuId(), sale.priceFen(), quantity, sale.exclusive());
    }

    /**
     * Claims the admitted units for the order in the database, in the order's transaction: the sale row's
     * conditional UPDATE makes overselling impossible, and the member's limit is checked under its lock.
     */
    public void claim(Pass pass, long memberId, String orderNo, long storeId) {
        Ticket ticket = pass.ticket();
        afterCommit.run(() -> pass.kept.set(true));
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

    private void rebuild(TenantId brand, long saleId) {
        lanes.rebuildOnce(brand, saleId, () -> gate.count(brand, saleId) == null, () -> build(brand, saleId));
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
                        "the flash sale cannot take orders right now; try again in a moment")
                .with("retryAfterSeconds", 5));
    }
}
