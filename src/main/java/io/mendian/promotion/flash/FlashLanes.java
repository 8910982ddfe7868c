package io.mendian.promotion.flash;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.tenancy.TenantId;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;

/**
 * How many admitted attempts at one flash sale may write their orders at once on this instance. Every admitted
 * attempt ends on the same sale row and the same stock row, so more of them at once buy nothing but held database
 * connections: when Redis lost the gate and a rebuild briefly let in more attempts than there are units, those
 * attempts queued on the sale row's lock while holding connections, and the rest of the instance (idempotency
 * records, other shoppers) waited for the pool. A lane keeps such a queue in memory instead, bounded by its wait,
 * and does the same for the gate's rebuild (one per sale at a time, not one per attempt).
 *
 * <p>Lanes are striped by brand and sale, so their number is fixed whatever anonymous callers send; two sales sharing
 * a stripe share its width.
 */
@ApplicationScoped
public class FlashLanes {

    private static final int STRIPES = 64;

    private final Semaphore[] lanes = new Semaphore[STRIPES];
    private final ReentrantLock[] builders = new ReentrantLock[STRIPES];
    private final Duration wait;

    public FlashLanes(
            @ConfigProperty(name = "mendian.flash.lane-width", defaultValue = "16") int width,
            @ConfigProperty(name = "mendian.flash.lane-wait", defaultValue = "10s") Duration wait) {
        this.wait = wait;
        for (int i = 0; i < STRIPES; i++) {
            lanes[i] = new Semaphore(Math.max(1, width), true);
            builders[i] = new ReentrantLock();
        }
    }

    /**
     * Takes a place in the sale's lane, waiting for one to free; returns what gives it back (call it once). 503 flash-busy
     * with Retry-After when none frees in time.
     */
    public Runnable enter(TenantId brand, long saleId) {
        Semaphore lane = lanes[stripe(brand, saleId)];
        if (!acquire(lane)) {
            throw busy();
        }
        return lane::release;
    }

    /**
     * Runs {@code build} unless another thread of this instance is building the same gate: that thread's result is
     * then awaited and {@code stillMissing} asked again, so a flushed gate costs one read of the database per instance.
     */
    public void rebuildOnce(TenantId brand, long saleId, BooleanSupplier stillMissing, Runnable build) {
        ReentrantLock builder = builders[stripe(brand, saleId)];
        try {
            if (!builder.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            if (stillMissing.getAsBoolean()) {
                build.run();
            }
        } finally {
            builder.unlock();
        }
    }

    private boolean acquire(Semaphore lane) {
        try {
            return lane.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int stripe(TenantId brand, long saleId) {
        return Math.floorMod(31 * brand.schema().hashCode() + Long.hashCode(saleId), STRIPES);
    }

    private static ProblemException busy() {
        return new ProblemException(Problem.of(
                        503,
                        "flash-busy",
                        "Flash sale busy",
                        "many shoppers are buying right now; try again in a moment")
                .with("retryAfterSeconds", 1));
    }
}
