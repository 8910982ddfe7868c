package io.mendian.identity;

import static io.mendian.testsupport.Api.as;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Concurrent writes to one Keycloak account end in the last request's state; nothing an earlier one changed comes back. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class KeycloakWritesTest {

    @Inject
    StaffAccounts accounts;

    private static long aStore(String admin, String code) {
        return Api.create(
                admin,
                "/api/hq/stores",
                Map.of(
                        "code",
                        code,
                        "name",
                        code,
                        "city",
                        "Suzhou",
                        "address",
                        "1 Rd",
                        "latitude",
                        31.3,
                        "longitude",
                        120.6));
    }

    private static Map<String, Object> clerkOf(long store) {
        return Map.of("grants", List.of(Map.of("role", "store_clerk", "scope", "store/" + store)));
    }

    @Test
    void aDisableRacingGrantChangesIsNeverUndone() throws Exception {
        Brand brand = Brands.anActiveBrand("kc-race");
        String admin = brand.adminToken();
        long one = aStore(admin, "K1");
        long two = aStore(admin, "K2");
        Brands.aStaffMember(
                accounts, brand, "racer", List.of(new Grant(brand.tenant(), Role.STORE_CLERK, new Scope.Store(one))));
        String user = accounts.findUser("racer@" + brand.slug() + ".example").orElseThrow();
        for (int round = 0; round < 4; round++) {
            List<Callable<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long store = i % 2 == 0 ? one : two;
                writes.add(() -> as(admin)
                        .body(clerkOf(store))
                        .put("/api/hq/staff/" + user + "/grants")
                        .statusCode());
            }
            writes.add(
                    3,
                    () -> as(admin).post("/api/hq/staff/" + user + "/disable").statusCode());
            try (var pool = Executors.newFixedThreadPool(writes.size())) {
                for (var done : pool.invokeAll(writes)) {
                    done.get();
                }
            }
            assertFalse(
                    accounts.account(user).orElseThrow().enabled(),
                    "round " + round + ": a grant change re-enabled the account");
            as(admin).post("/api/hq/staff/" + user + "/enable").then().statusCode(200);
        }
    }

    @Test
    void twoBrandsEditingOnePersonsGrantsKeepEachOthersGrants() throws Exception {
        Brand a = Brands.anActiveBrand("kc-two-a");
        Brand b = Brands.anActiveBrand("kc-two-b");
        String adminA = a.adminToken();
        String adminB = b.adminToken();
        long storeA = aStore(adminA, "A1");
        long storeB = aStore(adminB, "B1");
        Brands.aStaffMember(
                accounts, a, "shared", List.of(new Grant(a.tenant(), Role.STORE_CLERK, new Scope.Store(storeA))));
        String user = accounts.findUser("shared@" + a.slug() + ".example").orElseThrow();
        accounts.addGrants(user, List.of(new Grant(b.tenant(), Role.STORE_CLERK, new Scope.Store(storeB))));
        accounts.ensureMember(accounts.findOrganization(b.tenant()).orElseThrow(), user);
        List<Callable<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            writes.add(() -> as(adminA)
                    .body(clerkOf(storeA))
                    .put("/api/hq/staff/" + user + "/grants")
                    .statusCode());
            writes.add(() -> as(adminB)
                    .body(Map.of("grants", List.of(Map.of("role", "store_manager", "scope", "store/" + storeB))))
                    .put("/api/hq/staff/" + user + "/grants")
                    .statusCode());
        }
        try (var pool = Executors.newFixedThreadPool(writes.size())) {
            for (var done : pool.invokeAll(writes)) {
                done.get();
            }
        }
        List<String> grants = accounts.account(user).orElseThrow().grants();
        assertTrue(grants.contains(a.slug() + ":store_clerk:store/" + storeA), "brand A's grant survived: " + grants);
        assertTrue(grants.contains(b.slug() + ":store_manager:store/" + storeB), "brand B's grant survived: " + grants);
    }
}
