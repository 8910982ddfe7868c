package io.mendian.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A failure below the REST layer still answers in words, and a rush there still says to retry. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class FailureProblemsTest {

    @Test
    void aDefectInTheHttpLayerAnswersAProblemWithTheRequestId() {
        given().header("Accept", "application/json")
                .header(RequestIds.HEADER, "trace-me-1234")
                .get("/test-failures/bug")
                .then()
                .statusCode(500)
                .contentType(Problem.MEDIA_TYPE)
                .header(RequestIds.HEADER, "trace-me-1234")
                .body("type", equalTo("https://mendian.io/problems/internal"))
                .body("requestId", equalTo("trace-me-1234"))
                .body("details", nullValue());
    }

    @Test
    void aStatementTimeoutInTheHttpLayerIsA503ToRetry() {
        given().get("/test-failures/rush")
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "1")
                .body("type", equalTo("https://mendian.io/problems/busy"))
                .body("requestId", not(nullValue()));
    }

    @Test
    void aRefusalWithItsOwnStatusKeepsIt() {
        given().get("/test-failures/refused").then().statusCode(403);
    }
}
