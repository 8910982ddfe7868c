package io.mendian.store.domain;

import java.math.BigDecimal;

/**
 * A point in GCJ-02, the coordinate system Chinese map SDKs (and WeChat's location API) use. GCJ-02 is only
 * defined for China, so points outside its bounding box are rejected rather than silently mis-shifted.
 */
public record GeoPoint(BigDecimal latitude, BigDecimal longitude) {

    static final BigDecimal MIN_LAT = new BigDecimal("0.83");
    static final BigDecimal MAX_LAT = new BigDecimal("55.83");
    static final BigDecimal MIN_LNG = new BigDecimal("72.004");
    static final BigDecimal MAX_LNG = new BigDecimal("137.8347");

    public GeoPoint {
        Coordinates.check("latitude", latitude, 90, 6);
        Coordinates.check("longitude", longitude, 180, 6);
        if (latitude.compareTo(MIN_LAT) < 0
                || latitude.compareTo(MAX_LAT) > 0
                || longitude.compareTo(MIN_LNG) < 0
                || longitude.compareTo(MAX_LNG) > 0) {
            throw new IllegalArgumentException(
                    "coordinates must be GCJ-02 within China (latitude 0.83..55.83, longitude 72.004..137.8347)");
        }
    }
}
