package io.mendian.devrun;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The demo brand's cafe catalogue: 50 SKUs in the cafe template's categories plus two of its own. */
final class DemoCatalogue {

    static final Map<String, Object> HOURS = Map.of(
            "weekly",
            Map.of(
                    "MONDAY",
                    List.of("07:30-22:00"),
                    "TUESDAY",
                    List.of("07:30-22:00"),
                    "WEDNESDAY",
                    List.of("07:30-22:00"),
                    "THURSDAY",
                    List.of("07:30-22:00"),
                    "FRIDAY",
                    List.of("07:30-23:30"),
                    "SATURDAY",
                    List.of("08:00-23:30"),
                    "SUNDAY",
                    List.of("08:00-22:00")));

    /** One HQ API call as the demo admin. */
    interface Call {
        JsonNode send(String method, String path, Object body) throws Exception;
    }

    private DemoCatalogue() {}

    /** Seeds the catalogue and returns the ids of its SKUs. */
    static List<Long> seed(Call api, long firstStore) throws Exception {
        List<Long> skuIds = new java.util.ArrayList<>();
        api.send("POST", "/api/hq/categories", Map.of("code", "SIGNATURE", "name", "Signature drinks", "sort", 5));
        api.send("POST", "/api/hq/categories", Map.of("code", "SEASONAL", "name", "Seasonal", "sort", 6));
        Map<String, Long> categories = new HashMap<>();
        for (JsonNode category : api.send("GET", "/api/hq/categories", null)) {
            categories.put(category.path("code").asText(), category.path("id").asLong());
        }
        Object[][] drinks = {
            {"COFFEE", "AMERICANO", "Americano", 2200},
            {"COFFEE", "LATTE", "Caffe Latte", 2800},
            {"COFFEE", "FLATWHITE", "Flat White", 3000},
            {"COFFEE", "CAPPUCCINO", "Cappuccino", 2800},
            {"COFFEE", "MOCHA", "Caffe Mocha", 3200},
            {"COFFEE", "COLDBREW", "Cold Brew", 3000},
            {"TEA", "MATCHA", "Matcha Latte", 3000},
            {"TEA", "OOLONG", "Iced Oolong Tea", 2400},
            {"TEA", "JASMINE", "Jasmine Milk Tea", 2600},
            {"TEA", "BLACKTEA", "Lemon Black Tea", 2200},
            {"TEA", "LONGJING", "West Lake Longjing", 3600},
            {"SIGNATURE", "OSMANTHUS", "Osmanthus Oat Latte", 3400},
            {"SEASONAL", "CHESTNUT", "Chestnut Latte", 3500}
        };
        Object[][] singles = {
            {"BAKERY", "CROISSANT", "Butter Croissant", 1600},
            {"BAKERY", "EGGTART", "Portuguese Egg Tart", 1000},
            {"BAKERY", "BAGEL", "Sesame Bagel", 1400},
            {"BAKERY", "MUFFIN", "Blueberry Muffin", 1500},
            {"BAKERY", "SANDWICH", "Ham and Cheese Sandwich", 2800},
            {"BEANS", "BEANS-YUNNAN", "Yunnan Beans 250 g", 8800},
            {"BEANS", "BEANS-ETHIOPIA", "Ethiopia Yirgacheffe 250 g", 12800},
            {"BEANS", "TUMBLER", "Steel Tumbler", 9900},
            {"BAKERY", "MOONCAKE", "Custard Mooncake", 1800},
            {"BAKERY", "SCONE", "Raisin Scone", 1300},
            {"BEANS", "DRIPBAG", "Drip Bags x10", 5900}
        };
        long firstSku = 0;
        long firstBase = 0;
        for (Object[] d : drinks) {
            String code = (String) d[1];
            long base = ((Number) d[3]).longValue();
            JsonNode product = api.send(
                    "POST",
                    "/api/hq/products",
                    Map.of(
                            "code",
                            code,
                            "name",
                            d[2],
                            "categoryId",
                            categories.get((String) d[0]),
                            "images",
                            List.of("https://img.mendian.local/demo/" + code.toLowerCase() + ".jpg"),
                            "skus",
                            List.of(
                                    sku(code + "-T", "Tall", base),
                                    sku(code + "-G", "Grande", base + 400),
                                    sku(code + "-V", "Venti", base + 800))));
            product.path("skus").forEach(sku -> skuIds.add(sku.path("id").asLong()));
            if (firstSku == 0) {
                firstSku = product.path("skus").get(0).path("id").asLong();
                firstBase = product.path("skus").get(0).path("basePriceFen").asLong();
            }
        }
        for (Object[] d : singles) {
            String code = (String) d[1];
            JsonNode single = api.send(
                    "POST",
                    "/api/hq/products",
                    Map.of(
                            "code",
                            code,
                            "name",
                            d[2],
                            "categoryId",
                            categories.get((String) d[0]),
                            "skus",
                            List.of(sku(code + "-1", "Standard", ((Number) d[3]).longValue()))));
            single.path("skus").forEach(sku -> skuIds.add(sku.path("id").asLong()));
        }
        // The first store sells its grande Americano 2 yuan cheaper, inside HQ's band.
        api.send(
                "PUT",
                "/api/store/" + firstStore + "/catalog/" + firstSku,
                Map.of("listed", true, "priceFen", firstBase - 200));
        return skuIds;
    }

    private static Map<String, Object> sku(String code, String size, long base) {
        return Map.of(
                "code",
                code,
                "specs",
                Map.of("size", size),
                "basePriceFen",
                base,
                "minPriceFen",
                base * 8 / 10,
                "maxPriceFen",
                base * 12 / 10);
    }
}
