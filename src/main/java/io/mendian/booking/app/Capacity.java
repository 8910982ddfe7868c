package io.mendian.booking.app;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.booking.domain.Cells;
import io.mendian.web.Rows;

/**
 * Places in capacity cells (docs/adr/0023). Taking the cells of one resource is one statement that upserts every cell
 * of the interval in time order, each only while it has room: concurrent bookings of the last place queue on that
 * cell's row and exactly one finds room. Resources are taken in name order, so two bookings never wait on each other in
 * a circle. Joins the caller's transaction.
 */
@ApplicationScoped
public class Capacity {

    /** One resource to take a place of, and how many places each of its cells has. */
    public record Claim(String resource, int capacity) {}

    private final EntityManager em;

    public Capacity(EntityManager em) {
        this.em = em;
    }

    /**
     * Takes one place in every cell of [from, until) of every claim, or none: when a cell is full, the places taken so
     * far are given back and the answer is false.
     */
    public boolean take(List<Claim> claims, Instant from, Instant until) {
        int cells = Cells.of(from, until).size();
        List<Claim> ordered =
                claims.stream().sorted(Comparator.comparing(Claim::resource)).toList();
        for (int i = 0; i < ordered.size(); i++) {
            Claim claim = ordered.get(i);
            @SuppressWarnings("unchecked")
            List<Object> took = em.createNativeQuery("insert into booking_cell (resource, cell, taken) "
                            + "select ?1, c, 1 from generate_series(cast(?2 as timestamptz), "
                            + "cast(?3 as timestamptz) - interval '5 minutes', interval '5 minutes') c "
                            + "on conflict (resource, cell) do update set taken = booking_cell.taken + 1 "
                            + "where booking_cell.taken < ?4 returning cell")
                    .setParameter(1, claim.resource())
                    .setParameter(2, utc(from))
                    .setParameter(3, utc(until))
                    .setParameter(4, claim.capacity())
                    .getResultList();
            if (took.size() < cells) {
                if (!took.isEmpty()) {
                    em.createNativeQuery("update booking_cell set taken = taken - 1 where resource = :resource "
                                    + "and cell in (:cells)")
                            .setParameter("resource", claim.resource())
                            .setParameter(
                                    "cells", took.stream().map(Rows::offset).toList())
                            .executeUpdate();
                }
                for (int j = 0; j < i; j++) {
                    give(ordered.get(j).resource(), from, until);
                }
                return false;
            }
        }
        return true;
    }

    /** Locks every cell of [from, until) of the resource in time order (creating empty ones), changing nothing. */
    public void lock(String resource, Instant from, Instant until) {
        em.createNativeQuery("insert into booking_cell (resource, cell, taken) select ?1, c, 0 from generate_series("
                        + "cast(?2 as timestamptz), cast(?3 as timestamptz) - interval '5 minutes', interval '5 minutes') c "
                        + "on conflict (resource, cell) do update set taken = booking_cell.taken")
                .setParameter(1, resource)
                .setParameter(2, utc(from))
                .setParameter(3, utc(until))
                .executeUpdate();
    }

    /**
     * Gives back one place in every cell of [from, until) of the resource, locking the cells in time order first (as
     * taking does), so that giving back never waits on a taker in a circle.
     */
    public void give(String resource, Instant from, Instant until) {
        em.createNativeQuery("update booking_cell set taken = taken - 1 where resource = ?1 and cell in (select cell "
                        + "from booking_cell where resource = ?1 and cell >= ?2 and cell < ?3 and taken > 0 order by cell "
                        + "for update)")
                .setParameter(1, resource)
                .setParameter(2, utc(from))
                .setParameter(3, utc(until))
                .executeUpdate();
    }

    /** Places taken per resource and cell in [from, until); cells with none are absent. */
    public Map<String, Map<Instant, Integer>> taken(Collection<String> resources, Instant from, Instant until) {
        Map<String, Map<Instant, Integer>> taken = new HashMap<>();
        if (resources.isEmpty()) {
            return taken;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select resource, cell, taken from booking_cell where resource in "
                        + "(:resources) and cell >= :from and cell < :until and taken > 0")
                .setParameter("resources", resources)
                .setParameter("from", utc(from))
                .setParameter("until", utc(until))
                .getResultList();
        for (Object[] r : rows) {
            taken.computeIfAbsent((String) r[0], k -> new HashMap<>())
                    .put(Rows.offset(r[1]).toInstant(), ((Number) r[2]).intValue());
        }
        return taken;
    }

    /** Forgets cells of the past that nothing will read again (bounded growth). */
    public int forgetBefore(Instant before) {
        return em.createNativeQuery("delete from booking_cell where cell < ?1")
                .setParameter(1, utc(before))
                .executeUpdate();
    }

    public static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
