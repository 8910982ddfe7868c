package io.mendian.store.persistence;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Subtree and ancestry queries over the region tree, as recursive CTEs in the current tenant's schema. */
@ApplicationScoped
public class RegionTree {

    private final EntityManager em;

    public RegionTree(EntityManager em) {
        this.em = em;
    }

    /** The roots and every region below them. */
    public Set<Long> subtree(Collection<Long> roots) {
        if (roots.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("with recursive sub(id) as (select id from region where id in (:roots) "
                        + "union select r.id from region r join sub on r.parent_id = sub.id) select id from sub")
                .setParameter("roots", roots)
                .getResultList();
        return ids.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    /** Whether {@code regionId} equals {@code ancestorId} or lies below it. */
    public boolean isWithin(long regionId, long ancestorId) {
        Number hits = (Number) em.createNativeQuery(
                        "with recursive up(id, parent_id, depth) as (select id, parent_id, 0 from region where id = :r "
                                + "union all select p.id, p.parent_id, up.depth + 1 from region p join up on p.id = up.parent_id where up.depth < 64) "
                                + "select count(*) from up where id = :a")
                .setParameter("r", regionId)
                .setParameter("a", ancestorId)
                .getSingleResult();
        return hits.longValue() > 0;
    }
}
