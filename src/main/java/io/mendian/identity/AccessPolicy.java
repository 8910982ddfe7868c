package io.mendian.identity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.web.ProblemException;

/**
 * The one place that turns a caller and a target into allow or deny. Resources declare a {@link Capability};
 * they never compare tenant, store or region ids themselves.
 */
@ApplicationScoped
public class AccessPolicy {

    private final StoreLocator stores;

    public AccessPolicy(StoreLocator stores) {
        this.stores = stores;
    }

    /** Which stores a list query may return for this caller and capability. */
    public record StoreFilter(boolean all, Set<Long> regionRoots, Set<Long> storeIds) {
        public boolean isEmpty() {
            return !all && regionRoots.isEmpty() && storeIds.isEmpty();
        }
    }

    public StoreFilter storeFilter(Caller caller, Capability capability) {
        Set<Long> regions = new HashSet<>();
        Set<Long> storeIds = new HashSet<>();
        for (Grant grant : caller.grants()) {
            if (!capability.carriedBy(grant)) {
                continue;
            }
            switch (grant.scope()) {
                case Scope.All all -> {
                    return new StoreFilter(true, Set.of(), Set.of());
                }
                case Scope.Region region -> regions.add(region.regionId());
                case Scope.Store store -> storeIds.add(store.storeId());
            }
        }
        return new StoreFilter(false, Set.copyOf(regions), Set.copyOf(storeIds));
    }

    /**
     * Whether the caller may act on the store with this capability. An unknown store is a 404 for callers with
     * brand-wide scope and a 403 for everyone else, so that scoped staff cannot probe which ids exist.
     */
    public void requireStore(Caller caller, Capability capability, long storeId) {
        StoreFilter filter = storeFilter(caller, capability);
        var region = stores.regionOf(storeId);
        if (filter.all()) {
            if (region.isEmpty()) {
                throw ProblemException.notFound("store " + storeId);
            }
            return;
        }
        boolean covered = region.isPresent()
                && (filter.storeIds().contains(storeId)
                        || region.get()
                                .map(r -> filter.regionRoots().stream().anyMatch(root -> stores.isWithin(r, root)))
                                .orElse(false));
        if (!covered) {
            throw ProblemException.forbidden("out-of-scope", "store " + storeId + " is outside your scope");
        }
    }

    /**
     * Whether the caller may hand out (or take away) this grant: through one of their own grants that carries the
     * capability, ranks at least as high, and whose scope covers the grant's scope.
     */
    public boolean canGrant(Caller caller, Capability capability, Grant grant) {
        if (!grant.tenant().equals(caller.tenant())) {
            return false;
        }
        return caller.grants().stream()
                .anyMatch(own -> capability.carriedBy(own)
                        && own.role().outranksOrEquals(grant.role())
                        && covers(own.scope(), grant.scope()));
    }

    /** Whether the scope's targets exist in the current brand. */
    public boolean exists(Scope scope) {
        return switch (scope) {
            case Scope.All all -> true;
            case Scope.Region region -> stores.isWithin(region.regionId(), region.regionId());
            case Scope.Store store -> stores.regionOf(store.storeId()).isPresent();
        };
    }

    private boolean covers(Scope outer, Scope inner) {
        return switch (outer) {
            case Scope.All all -> true;
            case Scope.Region region ->
                switch (inner) {
                    case Scope.All all -> false;
                    case Scope.Region sub -> stores.isWithin(sub.regionId(), region.regionId());
                    case Scope.Store store ->
                        stores.regionOf(store.storeId())
                                .flatMap(r -> r)
                                .map(r -> stores.isWithin(r, region.regionId()))
                                .orElse(false);
                };
            case Scope.Store store -> inner instanceof Scope.Store other && other.storeId() == store.storeId();
        };
    }

    /**
     * A caller scoped to regions may place a store only inside their own subtree (and not outside every region);
     * brand-wide callers may place it anywhere.
     */
    public void requirePlacement(Caller caller, Capability capability, Long regionId) {
        if (!storeFilter(caller, capability).all()
                && (regionId == null || !coversRegion(caller, capability, regionId))) {
            throw ProblemException.forbidden("out-of-scope", "you can only place stores in your own region");
        }
    }

    /**
     * Whether the caller may see or act on a member whose grants in this brand are {@code grantsHere}: every one of
     * them must be a grant the caller could hand out. Someone with no grant here (invited without roles, or stripped
     * of them) belongs to the brand rather than to a store or region, so only brand-wide callers reach them;
     * otherwise a store manager could take any such person into their own store.
     */
    public boolean reachesMember(Caller caller, Capability capability, List<Grant> grantsHere) {
        if (grantsHere.isEmpty()) {
            return storeFilter(caller, capability).all();
        }
        return grantsHere.stream().allMatch(g -> canGrant(caller, capability, g));
    }

    /** Whether the caller may act on (or assign) a region: brand-wide scope, or the region is in their subtree. */
    public boolean coversRegion(Caller caller, Capability capability, long regionId) {
        StoreFilter filter = storeFilter(caller, capability);
        return filter.all() || filter.regionRoots().stream().anyMatch(root -> stores.isWithin(regionId, root));
    }
}
