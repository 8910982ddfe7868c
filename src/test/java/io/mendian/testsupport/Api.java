package io.mendian.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Calls as a given token, with a fresh Idempotency-Key, the way every console write goes out. */
public final class Api {

    private Api() {}

    public static RequestSpecification as(String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID());
    }

    /** POSTs and returns the new resource's id (expects 201). */
    public static long create(String token, String path, Map<String, Object> body) {
        return ((Number) as(token)
                        .body(body)
                        .post(path)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }
}
