package io.mendian.promotion.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.catalog.CatalogApi;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;

/**
 * The checks every item activity (flash sale, group buy) makes of its terms before it is written: a window that ends
 * after it starts, not in the past and not longer than the activity allows; a SKU and stores that exist.
 */
@ApplicationScoped
public class ActivityTerms {

    private final CatalogApi catalog;
    private final StoreApi stores;

    public ActivityTerms(CatalogApi catalog, StoreApi stores) {
        this.catalog = catalog;
        this.stores = stores;
    }

    /**
     * Refuses with 422 bad-window, unknown-sku or unknown-store; answers the stores (empty: every store).
     *
     * @param noun the activity in words, for the messages ("flash sale")
     */
    public List<Long> check(
            String noun, Instant startsAt, Instant endsAt, Duration longest, long skuId, List<Long> storeIds) {
        checkWindow(noun, startsAt, endsAt, longest);
        if (catalog.labels(Set.of(skuId)).isEmpty()) {
            throw ProblemException.unprocessable("unknown-sku", "SKU " + skuId + " does not exist");
        }
        return checkStores(storeIds);
    }

    /** Refuses with 422 bad-window a window that ends before it starts, is over, or runs longer than allowed. */
    public void checkWindow(String noun, Instant startsAt, Instant endsAt, Duration longest) {
        if (!endsAt.isAfter(startsAt)) {
            throw ProblemException.unprocessable("bad-window", "the " + noun + " must end after it starts");
        }
        if (!endsAt.isAfter(Instant.now())) {
            throw ProblemException.unprocessable("bad-window", "the " + noun + " would be over before it starts");
        }
        if (Duration.between(startsAt, endsAt).compareTo(longest) > 0) {
            throw ProblemException.unprocessable(
                    "bad-window", "a " + noun + " runs for at most " + longest.toDays() + " days");
        }
    }

    /** Refuses with 422 unknown-store stores that do not exist; answers the stores (empty: every store). */
    public List<Long> checkStores(List<Long> storeIds) {
        List<Long> ids = storeIds == null ? List.of() : storeIds;
        List<Long> unknown = ids.stream().filter(s -> !stores.exists(s)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("unknown-store", "no such store: " + unknown)
                    .with("storeIds", unknown);
        }
        return ids;
    }

    /** Whether an activity for these stores (empty: every store) runs at this one. */
    public static boolean runsAt(List<Long> storeIds, long storeId) {
        return storeIds.isEmpty() || storeIds.contains(storeId);
    }
}
