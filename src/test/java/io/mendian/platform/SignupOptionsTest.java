package io.mendian.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What the signup page asks before a brand submits: the plans and industries, and whether a slug is free. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class SignupOptionsTest {

    @Test
    void theSignupPageOffersOnlySelfServicePlansWithTheirTermsAndEveryIndustry() {
        given().get("/api/signup/options")
                .then()
                .statusCode(200)
                .body("plans.id", contains("basic", "pro"))
                .body("plans[0].monthlyFen", equalTo(29900))
                .body("plans[0].trialDays", equalTo(14))
                .body("plans[0].platformFeeBps", equalTo(60))
                .body("plans[0].limits.stores", equalTo(5))
                .body("industries.id", contains("cafe", "bakery", "retail", "beauty"))
                .body("industries[0].name", equalTo("Cafe and tea drinks"));
    }

    @Test
    void aSlugIsCheckedAsTypedForShapeReservationAndBrandsThatHoldIt() {
        Brand taken = Brands.anActiveBrand("slugchk");
        given().get("/api/signup/slugs/" + taken.slug())
                .then()
                .statusCode(200)
                .body("available", equalTo(false))
                .body("reason", equalTo("slug-taken"));
        given().get("/api/signup/slugs/admin")
                .then()
                .statusCode(200)
                .body("available", equalTo(false))
                .body("reason", equalTo("slug-reserved"));
        given().get("/api/signup/slugs/Bad--Slug")
                .then()
                .statusCode(200)
                .body("available", equalTo(false))
                .body("reason", equalTo("invalid-slug"));
        given().get("/api/signup/slugs/" + Brands.freshSlug("free"))
                .then()
                .statusCode(200)
                .body("available", equalTo(true))
                .body("reason", nullValue());
    }
}
