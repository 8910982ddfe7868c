package io.mendian.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.platform.registry.TenantRegistry;
import io.mendian.tenancy.SchemaLock;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantDirectory;
import io.mendian.tenancy.TenantMigrator;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What else a brand's move to another shard holds back (docs/adr/0022): migrations of that brand, background jobs in
 * its schema, and the writes a suspended brand may still make.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class BrandBeingMovedTest {

    @Inject
    TenantMigrator migrator;

    @Inject
    Shards shards;

    @Inject
    TenantDirectory directory;

    @Inject
    TenantRegistry registry;

    @Inject
    DataSource data;

    @Test
    void aMigrationSkipsABrandWhoseSchemaWorkIsLockedAndMigratesItOnceFree() throws Exception {
        Brand brand = Brands.anActiveBrand("schema-lock");
        try (Connection mover = shards.openUnpooled(Shards.DEFAULT)) {
            assertTrue(SchemaLock.tryTake(mover, brand.tenant()), "a move holds the brand's schema lock");
            TenantMigrator.Outcome held = migrator.migrate(brand.tenant());
            assertTrue(held.skipped(), "no migration on a schema being moved");
            assertFalse(held.failed(), "and the brand is not quarantined for it");
        }
        TenantMigrator.Outcome free = migrator.migrate(brand.tenant());
        assertFalse(free.skipped());
        assertFalse(free.failed(), free.error());
    }

    @Test
    void aSuspendedBrandBeingMovedOnlyReadsWhatIsOpenWhileSuspendedAndItsJobsWait() {
        Brand brand = Brands.anActiveBrand("susp-move");
        String admin = brand.adminToken();
        set(brand, "status = 'SUSPENDED', moving = true");
        try {
            Eventually.holds(
                    Duration.ofSeconds(10),
                    () -> assertEquals(TenantDirectory.Standing.SUSPENDED_MOVING, directory.standing(brand.tenant())));
            assertFalse(directory.serving().contains(brand.tenant()), "background jobs leave it alone meanwhile");
            assertEquals(200, Api.as(admin).get("/api/hq/invoices").statusCode());
            Response closed = Api.as(admin).get("/api/hq/stores");
            assertEquals(403, closed.statusCode(), closed.asString());
            assertEquals("https://mendian.io/problems/tenant-suspended", closed.path("type"));
            // Paying an invoice is open while suspended, but it is a write: it waits for the move.
            Response held = Api.as(admin).post("/api/hq/invoices/1/wechat-pay");
            assertEquals(503, held.statusCode(), held.asString());
            assertEquals("https://mendian.io/problems/brand-moving", held.path("type"));
        } finally {
            set(brand, "status = 'ACTIVE', moving = false");
        }
        Eventually.holds(
                Duration.ofSeconds(10),
                () -> assertEquals(TenantDirectory.Standing.ACTIVE, directory.standing(brand.tenant())));
        assertTrue(directory.serving().contains(brand.tenant()));
    }

    private void set(Brand brand, String assignments) {
        Sql.execute(data, "update platform.tenant set " + assignments + " where id = '" + brand.slug() + "'");
        registry.forget(brand.slug());
    }
}
