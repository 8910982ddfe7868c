package io.mendian.store.domain;

import java.math.BigDecimal;

/**
 * A store's point as WeChat's location API and map SDKs give it: GCJ-02 inside China, which outside China is plain
 * WGS-84 (the shift applies only inside), so brands with stores abroad place them with the same numbers.
 */
public record GeoPoint(BigDecimal latitude, BigDecimal longitude) {

    /** Web maps and Redis's geo index stop here (the Web Mercator limit). */
    static final BigDecimal MAX_ABS_LAT = new BigDecimal("85.05112878");

    public GeoPoint {
        Coordinates.check("latitude", latitude, 90, 6);
        Coordinates.check("longitude", longitude, 180, 6);
        if (latitude.abs().compareTo(MAX_ABS_LAT) > 0) {
            throw new IllegalArgumentException("latitude must be within -85.05..85.05, where maps can place a store");
        }
    }
}
