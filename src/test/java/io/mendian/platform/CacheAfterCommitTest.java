package io.mendian.platform;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.platform.billing.PlanLimitsFromPlans;
import io.mendian.platform.billing.persistence.SubscriptionEntity;
import io.mendian.tenancy.PlanLimits;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A cached plan is dropped after the change commits, so a read racing the commit cannot cache the old plan again. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class CacheAfterCommitTest {

    @Inject
    PlanLimitsFromPlans limits;

    @Test
    void aReadRacingAPlanChangeCannotKeepTheOldPlanCached() throws Exception {
        Brand brand = Brands.anActiveBrand("after-commit", "pro");
        limits.require(brand.tenant(), PlanLimits.Limit.STORES, 6); // Pro allows 50: cached as Pro
        try (var other = Executors.newSingleThreadExecutor()) {
            QuarkusTransaction.requiringNew().run(() -> {
                SubscriptionEntity subscription = SubscriptionEntity.findById(brand.slug());
                subscription.plan = "basic";
                limits.forget(brand.slug());
                // Another request reads the committed (still Pro) plan before this transaction commits.
                try {
                    other.submit(() -> limits.require(brand.tenant(), PlanLimits.Limit.STORES, 6))
                            .get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertThrows(
                ProblemException.class,
                () -> limits.require(brand.tenant(), PlanLimits.Limit.STORES, 6),
                "Basic allows 5 stores right after the commit");
    }
}
