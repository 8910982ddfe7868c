package io.mendian.testsupport;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Hostile tokens: one that has expired, and one with valid-looking claims signed by a key Keycloak never had. */
public final class Tokens {

    private Tokens() {}

    /** Re-signs the token's own header and claims with a fresh RSA key (same kid), so only the signature is wrong. */
    public static String forged(String genuine) {
        try {
            String[] parts = genuine.split("\\.");
            String signingInput = parts[0] + "." + parts[1];
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(generator.generateKeyPair().getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A genuine token that has expired: issued through a copy of the dev client whose access tokens live one second.
     */
    @SuppressWarnings("unchecked")
    public static String expired(String username, String password, String clientSuffix) {
        String admin = masterAdminToken();
        List<Map<String, Object>> found = given().baseUri(Keycloak.url())
                .auth()
                .oauth2(admin)
                .queryParam("clientId", "mendian-dev-cli")
                .get("/admin/realms/mendian/clients")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        Map<String, Object> client = new java.util.HashMap<>(found.get(0));
        client.remove("id");
        String clientId = "matrix-expiring-" + clientSuffix;
        client.put("clientId", clientId);
        Map<String, Object> attributes =
                new java.util.HashMap<>((Map<String, Object>) client.getOrDefault("attributes", Map.of()));
        attributes.put("access.token.lifespan", "1");
        client.put("attributes", attributes);
        List<Map<String, Object>> mappers = (List<Map<String, Object>>) client.get("protocolMappers");
        if (mappers != null) {
            mappers.forEach(m -> m.remove("id"));
        }
        given().baseUri(Keycloak.url())
                .auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(client)
                .post("/admin/realms/mendian/clients")
                .then()
                .statusCode(201);
        String token = given().baseUri(Keycloak.url())
                .formParam("grant_type", "password")
                .formParam("client_id", clientId)
                .formParam("username", username)
                .formParam("password", password)
                .formParam("scope", "openid")
                .post("/realms/mendian/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        Brands.sleep(3000);
        return token;
    }

    public static String masterAdminToken() {
        return given().baseUri(Keycloak.url())
                .formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", "admin")
                .formParam("password", "admin")
                .post("/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
