package io.mendian.ordering.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.catalog.CatalogApi;
import io.mendian.inventory.InventoryApi;
import io.mendian.ordering.api.CartView;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;

/**
 * A member's cart, one part per store (C3): what they will buy where. Prices and stock are not held: the cart shows
 * them live, and checkout fixes prices and reserves stock.
 */
@ApplicationScoped
@Transactional
public class Carts {

    static final int MAX_LINES = 100;

    private final EntityManager em;
    private final CatalogApi catalog;
    private final InventoryApi inventory;
    private final StoreApi stores;

    public Carts(EntityManager em, CatalogApi catalog, InventoryApi inventory, StoreApi stores) {
        this.em = em;
        this.catalog = catalog;
        this.inventory = inventory;
        this.stores = stores;
    }

    public CartView set(long memberId, long storeId, long skuId, int quantity) {
        if (quantity == 0) {
            em.createNativeQuery("delete from cart_line where member_id = ?1 and store_id = ?2 and sku_id = ?3")
                    .setParameter(1, memberId)
                    .setParameter(2, storeId)
                    .setParameter(3, skuId)
                    .executeUpdate();
            return view(memberId);
        }
        if (!stores.isBrowsable(storeId)) {
            throw ProblemException.notFound("store " + storeId);
        }
        if (!catalog.offers(storeId, List.of(skuId)).containsKey(skuId)) {
            throw ProblemException.unprocessable("not-sold-here", "store " + storeId + " does not sell SKU " + skuId);
        }
        long lines = ((Number) em.createNativeQuery("select count(*) from cart_line where member_id = ?1")
                        .setParameter(1, memberId)
                        .getSingleResult())
                .longValue();
        if (lines >= MAX_LINES) {
            throw ProblemException.unprocessable("cart-full", "a cart holds at most " + MAX_LINES + " lines");
        }
        em.createNativeQuery("insert into cart_line (member_id, store_id, sku_id, quantity, added_at) values "
                        + "(?1, ?2, ?3, ?4, now()) on conflict (member_id, store_id, sku_id) do update set quantity = "
                        + "excluded.quantity")
                .setParameter(1, memberId)
                .setParameter(2, storeId)
                .setParameter(3, skuId)
                .setParameter(4, quantity)
                .executeUpdate();
        return view(memberId);
    }

    public CartView clear(long memberId, long storeId) {
        em.createNativeQuery("delete from cart_line where member_id = ?1 and store_id = ?2")
                .setParameter(1, memberId)
                .setParameter(2, storeId)
                .executeUpdate();
        return view(memberId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CartView view(long memberId) {
        Map<Long, Map<Long, Integer>> byStore = lines(memberId);
        List<CartView.StoreCart> parts = new ArrayList<>();
        byStore.forEach((storeId, quantities) -> {
            var offers = catalog.offers(storeId, quantities.keySet());
            var available = inventory.available(storeId, quantities.keySet());
            // Names of what the store still sells come with its offers; only SKUs it no longer sells need a lookup.
            var unsold = quantities.keySet().stream()
                    .filter(sku -> !offers.containsKey(sku))
                    .toList();
            var labels = catalog.labels(unsold);
            List<CartView.Item> items = new ArrayList<>();
            long total = 0;
            for (var line : quantities.entrySet()) {
                var offer = offers.get(line.getKey());
                var label = labels.get(line.getKey());
                Long lineFen = offer == null ? null : offer.priceFen() * line.getValue();
                total += lineFen == null ? 0 : lineFen;
                items.add(new CartView.Item(
                        line.getKey(),
                        offer != null ? offer.code() : label == null ? null : label.code(),
                        offer != null ? offer.productName() : label == null ? null : label.productName(),
                        line.getValue(),
                        offer == null ? null : offer.priceFen(),
                        lineFen,
                        offer != null,
                        available.getOrDefault(line.getKey(), 0L) >= line.getValue()));
            }
            parts.add(new CartView.StoreCart(storeId, items, total));
        });
        return new CartView(parts);
    }

    /** Store → SKU → quantity, in a stable order. */
    Map<Long, Map<Long, Integer>> lines(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select store_id, sku_id, quantity from cart_line where member_id = ?1 "
                                + "order by store_id, sku_id")
                .setParameter(1, memberId)
                .getResultList();
        Map<Long, Map<Long, Integer>> byStore = new LinkedHashMap<>();
        rows.forEach(r -> byStore.computeIfAbsent(((Number) r[0]).longValue(), k -> new LinkedHashMap<>())
                .put(((Number) r[1]).longValue(), ((Number) r[2]).intValue()));
        return byStore;
    }
}
