package io.mendian.devrun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo brand's stock, put in the way stores do it (goods-in receipts through the store console API): every store
 * stocks every SKU, the first store runs low on one SKU (an open alert), and it has asked another store for more (a
 * transfer waiting for approval).
 */
final class DemoStock {

    private DemoStock() {}

    static void seed(DemoCatalogue.Call api, List<Long> stores, List<Long> skus) throws Exception {
        for (int s = 0; s < stores.size(); s++) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int k = 0; k < skus.size(); k++) {
                // Deterministic but uneven quantities, so that the lists have something to sort.
                lines.add(Map.of("skuId", skus.get(k), "quantity", 12 + (s * 7 + k * 13) % 60));
            }
            api.send(
                    "POST",
                    "/api/store/" + stores.get(s) + "/stock/receipts",
                    Map.of("lines", lines, "reference", "DEMO-OPENING-" + (s + 1), "note", "opening stock"));
        }
        long first = stores.get(0);
        long americano = skus.get(0);
        api.send("PUT", "/api/store/" + first + "/stock/" + americano + "/threshold", Map.of("lowThreshold", 20));
        api.send(
                "POST",
                "/api/store/" + first + "/stock/losses",
                Map.of(
                        "lines",
                        List.of(Map.of("skuId", americano, "quantity", 5)),
                        "reason",
                        "DAMAGED",
                        "note",
                        "cups cracked in delivery"));
        api.send(
                "POST",
                "/api/store/" + first + "/transfers",
                Map.of(
                        "fromStoreId",
                        stores.get(1),
                        "lines",
                        List.of(Map.of("skuId", americano, "quantity", 10)),
                        "note",
                        "weekend promotion"));
    }
}
