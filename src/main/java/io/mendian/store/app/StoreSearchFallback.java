package io.mendian.store.app;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.store.persistence.StoreEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Store search straight from PostgreSQL, for when Redis cannot answer (an outage, a failover): the same candidates
 * and views the index would give, found through a bounding box on the store table and ordered by great-circle
 * distance. Slower than the index, which is why it is only the fallback.
 */
@ApplicationScoped
class StoreSearchFallback {

    /**
     * The earth's radius Redis GEO uses: the fallback must give the same distances as the index (a store 2,999 m away
     * must not fall out of a 3 km delivery radius because Redis is down).
     */
    private static final double EARTH_METERS = 6_372_797.560856;

    /** The nearest listed stores, nearest first: their distances and their consumer views as the index holds them. */
    record Nearest(Map<Long, Double> distances, Map<Long, String> views) {}

    private final EntityManager em;
    private final ObjectMapper json;

    StoreSearchFallback(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    Nearest nearest(BigDecimal lat, BigDecimal lng, int radiusMeters, int count) {
        double la = lat.doubleValue();
        double lo = lng.doubleValue();
        double dLat = Math.toDegrees(radiusMeters / EARTH_METERS);
        double cos = Math.max(0.01, Math.cos(Math.toRadians(la)));
        double dLng = Math.min(180, dLat / cos);
        // A box that crosses the antimeridian (or a pole) is not worth splitting: every longitude is a candidate then.
        boolean wraps = lo - dLng < -180 || lo + dLng > 180 || Math.abs(la) + dLat > 90;
        List<StoreEntity> stores = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("select id from store where status in ('OPEN', 'PAUSED') and "
                            + "latitude between ?1 and ?2 and (?3 or longitude between ?4 and ?5) order by "
                            // The longitude difference taken the short way round, across the antimeridian too.
                            + "power(latitude - ?6, 2) + power((mod(cast(longitude - ?7 + 540 as numeric), 360) - 180) * ?8, 2) "
                            + "limit ?9")
                    .setParameter(1, la - dLat)
                    .setParameter(2, la + dLat)
                    .setParameter(3, wraps)
                    .setParameter(4, lo - dLng)
                    .setParameter(5, lo + dLng)
                    .setParameter(6, la)
                    .setParameter(7, lo)
                    .setParameter(8, cos)
                    // The flat-earth order is close enough to pick the candidates; the exact distance sorts them.
                    .setParameter(9, 2 * count + 10)
                    .getResultList();
            return ids.isEmpty()
                    ? List.<StoreEntity>of()
                    : StoreEntity.<StoreEntity>list(
                            "id in ?1", ids.stream().map(Number::longValue).toList());
        });
        record Hit(StoreEntity store, double meters) {}
        List<Hit> hits = new ArrayList<>();
        for (StoreEntity s : stores) {
            double meters = meters(la, lo, s.latitude.doubleValue(), s.longitude.doubleValue());
            if (meters <= radiusMeters) {
                hits.add(new Hit(s, meters));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::meters));
        Map<Long, Double> distances = new LinkedHashMap<>();
        Map<Long, String> views = new LinkedHashMap<>();
        for (Hit hit : hits.subList(0, Math.min(count, hits.size()))) {
            distances.put(hit.store().id, hit.meters());
            views.put(hit.store().id, StoreViews.shopJson(json, hit.store()));
        }
        return new Nearest(distances, views);
    }

    /** One listed store's consumer view, as the index would hold it. */
    Optional<String> view(long storeId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Optional.ofNullable(StoreEntity.<StoreEntity>findById(storeId))
                        .filter(s -> StoreIndexWriter.LISTED.contains(s.status))
                        .map(store -> StoreViews.shopJson(json, store)));
    }

    /** Haversine distance in meters. */
    static double meters(double lat1, double lng1, double lat2, double lng2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lng2 - lng1);
        double a =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
