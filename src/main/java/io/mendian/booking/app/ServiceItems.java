package io.mendian.booking.app;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.booking.api.ServiceItemRequest;
import io.mendian.booking.api.ServiceItemView;
import io.mendian.booking.api.ShopServiceItemView;
import io.mendian.store.StoreApi;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.Rows;

/** The brand's service items (HQ edits them; stores offer them; members book them). */
@ApplicationScoped
@Transactional
public class ServiceItems {

    private static final String COLUMNS = "id, code, name, description, minutes, price_fen, capacity, needs_staff, "
            + "all_stores, status, updated_at, prepay";

    /** What booking needs to know of an item. */
    public record Item(
            long id, String name, int minutes, long priceFen, int capacity, boolean needsStaff, boolean prepay) {}

    private final EntityManager em;
    private final StoreApi stores;
    private final BookingAudit audit;

    public ServiceItems(EntityManager em, StoreApi stores, BookingAudit audit) {
        this.em = em;
        this.stores = stores;
        this.audit = audit;
    }

    public ServiceItemView create(ServiceItemRequest r, String actor) {
        check(r);
        if (exists("code = ?1", r.code())) {
            throw ProblemException.conflict("code-taken", "another service item has code " + r.code());
        }
        OffsetDateTime now = OffsetDateTime.now();
        long id = ((Number) em.createNativeQuery("insert into service_item (code, name, description, minutes, "
                                + "price_fen, capacity, needs_staff, all_stores, status, created_at, updated_at, prepay) "
                                + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11) returning id")
                        .setParameter(1, r.code())
                        .setParameter(2, r.name().trim())
                        .setParameter(3, r.description())
                        .setParameter(4, r.minutes())
                        .setParameter(5, r.priceFen())
                        .setParameter(6, r.capacity())
                        .setParameter(7, r.needsStaff())
                        .setParameter(8, r.storeIds() == null)
                        .setParameter(9, Boolean.FALSE.equals(r.active()) ? "RETIRED" : "ACTIVE")
                        .setParameter(10, now)
                        .setParameter(11, Boolean.TRUE.equals(r.prepay()))
                        .getSingleResult())
                .longValue();
        writeStores(id, r.storeIds());
        audit.record(actor, "ITEM_CREATED", "item " + id + " " + r.code() + ": " + r.name());
        return get(id);
    }

    public ServiceItemView update(long id, ServiceItemRequest r, String actor) {
        get(id);
        check(r);
        if (exists("code = ?1 and id <> " + id, r.code())) {
            throw ProblemException.conflict("code-taken", "another service item has code " + r.code());
        }
        em.createNativeQuery("update service_item set code = ?1, name = ?2, description = ?3, minutes = ?4, "
                        + "price_fen = ?5, capacity = ?6, needs_staff = ?7, all_stores = ?8, status = ?9, "
                        + "prepay = ?11, updated_at = now(), version = version + 1 where id = ?10")
                .setParameter(1, r.code())
                .setParameter(2, r.name().trim())
                .setParameter(3, r.description())
                .setParameter(4, r.minutes())
                .setParameter(5, r.priceFen())
                .setParameter(6, r.capacity())
                .setParameter(7, r.needsStaff())
                .setParameter(8, r.storeIds() == null)
                .setParameter(9, Boolean.FALSE.equals(r.active()) ? "RETIRED" : "ACTIVE")
                .setParameter(10, id)
                .setParameter(11, Boolean.TRUE.equals(r.prepay()))
                .executeUpdate();
        em.createNativeQuery("delete from service_item_store where item_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        writeStores(id, r.storeIds());
        audit.record(actor, "ITEM_UPDATED", "item " + id + " " + r.code() + ": " + r);
        return get(id);
    }

    public Page<ServiceItemView> list(String status, PageRequest page) {
        if (status != null && !Set.of("ACTIVE", "RETIRED").contains(status)) {
            throw ProblemException.badRequest("invalid-status", "status is ACTIVE or RETIRED");
        }
        String where = status == null ? "" : " where status = '" + status + "'";
        long total = ((Number) em.createNativeQuery("select count(*) from service_item" + where)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select " + COLUMNS + " from service_item" + where + " order by code limit ?1 offset ?2")
                .setParameter(1, page.size())
                .setParameter(2, page.offset())
                .getResultList();
        Map<Long, List<Long>> stores =
                storesOf(rows.stream().map(r -> ((Number) r[0]).longValue()).toList());
        return new Page<>(
                rows.stream()
                        .map(r -> view(r, stores.getOrDefault(((Number) r[0]).longValue(), List.of())))
                        .toList(),
                page.page(),
                page.size(),
                total);
    }

    public ServiceItemView get(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from service_item where id = ?1")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("service item " + id);
        }
        return view(rows.get(0), storesOf(List.of(id)).getOrDefault(id, List.of()));
    }

    /** The stores each item names (items offered everywhere name none), in store order; one read for a page. */
    private Map<Long, List<Long>> storesOf(List<Long> itemIds) {
        Map<Long, List<Long>> stores = new java.util.HashMap<>();
        if (itemIds.isEmpty()) {
            return stores;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select item_id, store_id from service_item_store where item_id in "
                        + "(:ids) order by item_id, store_id")
                .setParameter("ids", itemIds)
                .getResultList();
        rows.forEach(r -> stores.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                .add(((Number) r[1]).longValue()));
        return stores;
    }

    /** The item when it is active and offered at the store. */
    public Optional<Item> offered(long itemId, long storeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name, minutes, price_fen, capacity, needs_staff, "
                        + "prepay from service_item i where id = ?1 and status = 'ACTIVE' and (all_stores or exists "
                        + "(select 1 from service_item_store s where s.item_id = i.id and s.store_id = ?2))")
                .setParameter(1, itemId)
                .setParameter(2, storeId)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new Item(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        ((Number) r[2]).intValue(),
                        ((Number) r[3]).longValue(),
                        ((Number) r[4]).intValue(),
                        (Boolean) r[5],
                        (Boolean) r[6]));
    }

    /** Active items offered at the store, with the active people there who perform each. */
    public List<ShopServiceItemView> atStore(long storeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select i.id, i.name, i.description, i.minutes, i.price_fen, "
                        + "i.needs_staff, p.id, p.name, p.title from service_item i "
                        + "left join booking_staff_item si on si.item_id = i.id "
                        + "left join booking_staff p on p.id = si.staff_id and p.store_id = ?1 and p.active "
                        + "where i.status = 'ACTIVE' and (i.all_stores or exists (select 1 from service_item_store s "
                        + "where s.item_id = i.id and s.store_id = ?1)) order by i.code, p.id")
                .setParameter(1, storeId)
                .getResultList();
        Map<Long, ShopServiceItemView> items = new LinkedHashMap<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            ShopServiceItemView item = items.computeIfAbsent(
                    id,
                    k -> new ShopServiceItemView(
                            id,
                            (String) r[1],
                            (String) r[2],
                            ((Number) r[3]).intValue(),
                            ((Number) r[4]).longValue(),
                            (Boolean) r[5],
                            new ArrayList<>()));
            if (r[6] != null) {
                item.staff()
                        .add(new ShopServiceItemView.Person(((Number) r[6]).longValue(), (String) r[7], (String) r[8]));
            }
        }
        return List.copyOf(items.values());
    }

    private static ServiceItemView view(Object[] r, List<Long> storeIds) {
        long id = ((Number) r[0]).longValue();
        return new ServiceItemView(
                id,
                (String) r[1],
                (String) r[2],
                (String) r[3],
                ((Number) r[4]).intValue(),
                ((Number) r[5]).longValue(),
                ((Number) r[6]).intValue(),
                (Boolean) r[7],
                (Boolean) r[8],
                storeIds,
                (String) r[9],
                Rows.offset(r[10]).toInstant(),
                (Boolean) r[11]);
    }

    private boolean exists(String where, String code) {
        return !em.createNativeQuery("select 1 from service_item where " + where)
                .setParameter(1, code)
                .getResultList()
                .isEmpty();
    }

    private void check(ServiceItemRequest r) {
        if (r.minutes() % 5 != 0) {
            throw ProblemException.unprocessable(
                    "invalid-minutes",
                    "minutes is a multiple of 5 (capacity is counted in five minutes), got " + r.minutes());
        }
        checkStores(r.storeIds());
    }

    private void checkStores(Set<Long> storeIds) {
        if (storeIds == null) {
            return;
        }
        for (Long store : storeIds) {
            if (store == null || !stores.exists(store)) {
                throw ProblemException.unprocessable("unknown-store", "store " + store + " does not exist");
            }
        }
    }

    private void writeStores(long id, Set<Long> storeIds) {
        if (storeIds == null) {
            return;
        }
        for (Long store : storeIds) {
            em.createNativeQuery("insert into service_item_store (item_id, store_id) values (?1, ?2)")
                    .setParameter(1, id)
                    .setParameter(2, store)
                    .executeUpdate();
        }
    }
}
