package io.mendian.privacy;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;

import io.mendian.tenancy.EveryBrand;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Personal data at rest (X3), read from the raw columns: a delivery address is sealed with its key id and bound to
 * its brand, the phone is findable only through its blind index, and a key rotation leaves old values readable until
 * the rotation job re-seals them (and seals orders written before sealing existed).
 */
@QuarkusTest
@TestProfile(PiiTest.Rotated.class)
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class PiiTest {

    /** The development keyset (application.properties): what sealed everything before the rotation. */
    static final String OLD =
            "{\"primaryKeyId\":1399859570,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"GiACnKBv9xTq8Djz5PsM7FoDfEh1IFSpTwSHCC5TD67bAA==\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":1399859570,\"outputPrefixType\":\"TINK\"}]}";

    /** The development key plus a new primary one: the first step of a rotation. */
    static final String ROTATED =
            "{\"primaryKeyId\":2885255500,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"GiACnKBv9xTq8Djz5PsM7FoDfEh1IFSpTwSHCC5TD67bAA==\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":1399859570,\"outputPrefixType\":\"TINK\"},{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"GiCRburl14fPjqrEYIjI+JOvPiAlQHlRKnJOcnO2ntOnaA==\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":2885255500,\"outputPrefixType\":\"TINK\"}]}";

    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mendian.pii.aead-keyset", ROTATED);
        }
    }

    @Inject
    javax.sql.DataSource data;

    @Inject
    PiiRotation rotation;

    @Inject
    EveryBrand brands;

    @Test
    void aDeliveryAddressIsSealedAtRestAndItsOrderFoundByPhoneThroughTheBlindIndex() throws Exception {
        Shop s = Shops.shop("pii");
        String appid = s.brand().appid();
        String eve = Consumers.memberToken(appid, "eve");
        String orderNo = deliver(s, eve, "张三", "+86 138-0013-8000", "上海市静安区南京西路1号");

        Map<String, String> raw = raw(s, orderNo);
        assertTrue(
                raw.get("address_sealed").startsWith("k2885255500:"), "sealed under the primary key, id in the clear");
        for (String secret : List.of("张三", "13800138000", "138-0013-8000", "南京西路")) {
            assertFalse(raw.toString().contains(secret), secret + " is not stored in the clear: " + raw);
        }
        assertFalse(raw.get("address").contains("name"), "only the coordinates stay in the clear");
        assertEquals(32, raw.get("address_phone_index").length());

        Shops.member(eve)
                .get("/api/shop/" + appid + "/orders/" + orderNo)
                .then()
                .body("address.name", equalTo("张三"))
                .body("address.detail", equalTo("上海市静安区南京西路1号"));
        String admin = s.brand().adminToken();
        Api.as(admin)
                .get("/api/hq/orders?phone=13800138000")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
        Api.as(admin).get("/api/hq/orders?phone=0086 13800138000").then().body("items[0].orderNo", equalTo(orderNo));
        Api.as(admin).get("/api/hq/orders?phone=13900139000").then().body("items", hasSize(0));
        Api.as(admin).get("/api/hq/orders?phone=abc").then().statusCode(400);
    }

    @Test
    void afterARotationOldValuesStillOpenAndTheJobResealsThemAndOrdersFromBeforeSealing() throws Exception {
        Shop s = Shops.shop("piirot");
        String appid = s.brand().appid();
        String ivy = Consumers.memberToken(appid, "ivy");
        String sealedBefore = deliver(s, ivy, "李四", "13700137000", "杭州市西湖区1号");
        String legacy = deliver(s, ivy, "王五", "13600136000", "深圳市南山区2号");
        String schema = s.brand().tenant().schema();
        Map<String, Object> address = new HashMap<>();
        address.put("name", "李四");
        address.put("phone", "13700137000");
        address.put("detail", "杭州市西湖区1号");
        address.put("latitude", 31.2404);
        address.put("longitude", 121.4737);
        try (Connection c = data.getConnection()) {
            // An order sealed under the old key, as every order was before the rotation.
            var update = c.prepareStatement(
                    "update " + schema + ".customer_order set address_sealed = ? where order_no = ?");
            update.setString(
                    1,
                    sealWithOldKey(
                            schema, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(address)));
            update.setString(2, sealedBefore);
            update.executeUpdate();
            // An order written before sealing existed: the address in the clear, nothing sealed.
            var plain = c.prepareStatement("update " + schema + ".customer_order set address = cast(? as jsonb), "
                    + "address_sealed = null, address_phone_index = null where order_no = ?");
            plain.setString(
                    1,
                    "{\"name\":\"王五\",\"phone\":\"13600136000\",\"detail\":\"深圳市南山区2号\","
                            + "\"latitude\":31.2404,\"longitude\":121.4737}");
            plain.setString(2, legacy);
            plain.executeUpdate();
        }
        assertTrue(raw(s, sealedBefore).get("address_sealed").startsWith("k1399859570:"));
        Shops.member(ivy)
                .get("/api/shop/" + appid + "/orders/" + sealedBefore)
                .then()
                .body("address.name", equalTo("李四"));
        Shops.member(ivy).get("/api/shop/" + appid + "/orders/" + legacy).then().body("address.name", equalTo("王五"));

        brands.run("test rotation", tenant -> rotation.resealAll());

        Map<String, String> rotated = raw(s, sealedBefore);
        assertTrue(rotated.get("address_sealed").startsWith("k2885255500:"), "re-sealed under the new key: " + rotated);
        Map<String, String> sealedLegacy = raw(s, legacy);
        assertTrue(sealedLegacy.get("address_sealed").startsWith("k2885255500:"));
        assertFalse(sealedLegacy.toString().contains("王五"), "the legacy address is sealed: " + sealedLegacy);
        assertNull(sealedLegacy.get("address_name"));
        Shops.member(ivy)
                .get("/api/shop/" + appid + "/orders/" + sealedBefore)
                .then()
                .body("address.name", equalTo("李四"));
        Shops.member(ivy)
                .get("/api/shop/" + appid + "/orders/" + legacy)
                .then()
                .body("address.detail", equalTo("深圳市南山区2号"));
        Api.as(s.brand().adminToken())
                .get("/api/hq/orders?phone=13600136000")
                .then()
                .body("items[0].orderNo", equalTo(legacy));
        assertEquals(0, rotateAgain(), "nothing is left under the old key");
    }

    private int rotateAgain() {
        int[] count = {0};
        brands.run("test rotation", tenant -> count[0] += rotation.resealAll());
        return count[0];
    }

    private static String deliver(Shop s, String token, String name, String phone, String detail) {
        String appid = s.brand().appid();
        Shops.put(appid, token, s.deliveryStore(), s.tea(), 1);
        Map<String, Object> order = new HashMap<>(Shops.delivery(s.deliveryStore(), "31.2404"));
        order.put(
                "address",
                Map.of("name", name, "phone", phone, "detail", detail, "latitude", 31.2404, "longitude", 121.4737));
        return Shops.member(token)
                .header("Idempotency-Key", "pii-" + UUID.randomUUID())
                .body(Map.of("orders", List.of(order)))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].orderNo");
    }

    private Map<String, String> raw(Shop s, String orderNo) throws Exception {
        try (Connection c = data.getConnection()) {
            var select = c.prepareStatement("select address::text, address_sealed, address_phone_index from "
                    + s.brand().tenant().schema() + ".customer_order where order_no = ?");
            select.setString(1, orderNo);
            try (ResultSet r = select.executeQuery()) {
                assertTrue(r.next());
                Map<String, String> row = new HashMap<>();
                row.put("address", r.getString(1));
                row.put("address_sealed", r.getString(2));
                row.put("address_phone_index", r.getString(3));
                return row;
            }
        }
    }

    /** What the vault wrote before the rotation: Tink under the old keyset, bound to the brand and the purpose. */
    private static String sealWithOldKey(String schema, String plain) throws Exception {
        AeadConfig.register();
        Aead old = TinkJsonProtoKeysetFormat.parseKeyset(OLD, InsecureSecretKeyAccess.get())
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        byte[] sealed = old.encrypt(
                plain.getBytes(StandardCharsets.UTF_8), (schema + "/order.address").getBytes(StandardCharsets.UTF_8));
        return "k1399859570:" + Base64.getEncoder().withoutPadding().encodeToString(sealed);
    }
}
