package io.mendian.testsupport;

import static io.restassured.RestAssured.given;

import io.mendian.testinfra.InfraTestResource;

/** Real tokens from the test Keycloak, through the dev CLI client's password grant. */
public final class Keycloak {

    private Keycloak() {}

    public static String tokenFor(String username, String password) {
        return tokenFor(username, password, "openid");
    }

    /** With {@code organization:*} in the scope, a member of several brands gets all of them in the claim. */
    public static String tokenFor(String username, String password, String scope) {
        return given().baseUri(url())
                .formParam("grant_type", "password")
                .formParam("client_id", "mendian-dev-cli")
                .formParam("username", username)
                .formParam("password", password)
                .formParam("scope", scope)
                .post("/realms/mendian/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    public static String operatorToken() {
        return tokenFor("operator", "operator");
    }

    public static String url() {
        return InfraTestResource.infra().keycloakUrl();
    }
}
