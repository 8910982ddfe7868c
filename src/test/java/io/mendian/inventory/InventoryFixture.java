package io.mendian.inventory;

import static io.mendian.testsupport.Api.as;
import static io.mendian.testsupport.Api.create;
import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;

/** A brand with stores and SKUs to move stock between, and raw reads of its stock tables for the invariants. */
record InventoryFixture(Brand brand, String admin, List<Long> stores, List<Long> skus) {

    static InventoryFixture of(String prefix, int stores, int skus) {
        Brand brand = Brands.anActiveBrand(prefix);
        String admin = brand.adminToken();
        List<Long> storeIds = new java.util.ArrayList<>();
        for (int i = 0; i < stores; i++) {
            storeIds.add(store(
                    admin, "S" + i, new java.math.BigDecimal("31.23").add(java.math.BigDecimal.valueOf(i, 2)), 121.47));
        }
        long category = create(admin, "/api/hq/categories", Map.of("code", "INV", "name", "Inventory"));
        List<Map<String, Object>> skuBodies = new java.util.ArrayList<>();
        for (int i = 0; i < skus; i++) {
            skuBodies.add(Map.of("code", "SKU-" + i, "basePriceFen", 1000, "minPriceFen", 800, "maxPriceFen", 1200));
        }
        long product = create(
                admin,
                "/api/hq/products",
                Map.of("code", "P", "name", "Oolong", "categoryId", category, "skus", skuBodies));
        List<Number> ids = given().auth()
                .oauth2(admin)
                .get("/api/hq/products/" + product)
                .then()
                .statusCode(200)
                .extract()
                .path("skus.id");
        return new InventoryFixture(
                brand,
                admin,
                storeIds,
                ids.stream().map(Number::longValue).sorted().toList());
    }

    static long store(String token, String code, java.math.BigDecimal lat, double lng) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "code",
                code,
                "name",
                code,
                "city",
                "Shanghai",
                "address",
                "1 Rd",
                "latitude",
                lat,
                "longitude",
                lng,
                "status",
                "OPEN"));
        return create(token, "/api/hq/stores", body);
    }

    void receive(long store, long sku, long quantity) {
        as(admin)
                .body(Map.of("lines", List.of(Map.of("skuId", sku, "quantity", quantity)), "reference", "PO-1"))
                .post("/api/store/" + store + "/stock/receipts")
                .then()
                .statusCode(201);
    }

    /** on_hand, reserved, in_transit of one row (zeros when absent). */
    long[] level(DataSource data, long store, long sku) throws SQLException {
        try (Connection c = data.getConnection();
                var s = c.prepareStatement("select on_hand, reserved, in_transit from "
                        + brand.tenant().schema() + ".stock where store_id = ? and sku_id = ?")) {
            s.setLong(1, store);
            s.setLong(2, sku);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new long[] {r.getLong(1), r.getLong(2), r.getLong(3)} : new long[3];
            }
        }
    }

    /**
     * Stock rows that disagree with their ledger (the sums of its deltas), plus any negative or oversold row: the
     * invariants every history must keep. Empty when all hold.
     */
    List<String> brokenInvariants(DataSource data) throws SQLException {
        String schema = brand.tenant().schema();
        List<String> broken = new java.util.ArrayList<>();
        try (Connection c = data.getConnection();
                var s = c.createStatement();
                ResultSet r = s.executeQuery("select st.store_id, st.sku_id, st.on_hand, st.reserved, st.in_transit, "
                        + "coalesce(sum(m.on_hand_delta), 0), coalesce(sum(m.reserved_delta), 0), "
                        + "coalesce(sum(m.in_transit_delta), 0) from " + schema + ".stock st left join " + schema
                        + ".stock_movement m on m.store_id = st.store_id and m.sku_id = st.sku_id "
                        + "group by st.store_id, st.sku_id, st.on_hand, st.reserved, st.in_transit")) {
            while (r.next()) {
                String row = "store " + r.getLong(1) + " sku " + r.getLong(2);
                if (r.getLong(3) != r.getLong(6) || r.getLong(4) != r.getLong(7) || r.getLong(5) != r.getLong(8)) {
                    broken.add(row + ": stock (" + r.getLong(3) + "," + r.getLong(4) + "," + r.getLong(5)
                            + ") != ledger (" + r.getLong(6) + "," + r.getLong(7) + "," + r.getLong(8) + ")");
                }
                if (r.getLong(3) < 0 || r.getLong(4) < 0 || r.getLong(4) > r.getLong(3)) {
                    broken.add(row + ": negative or oversold");
                }
            }
        }
        return broken;
    }

    long count(DataSource data, String sqlAfterFrom) throws SQLException {
        try (Connection c = data.getConnection();
                var s = c.createStatement();
                ResultSet r =
                        s.executeQuery("select count(*) from " + brand.tenant().schema() + "." + sqlAfterFrom)) {
            r.next();
            return r.getLong(1);
        }
    }
}
