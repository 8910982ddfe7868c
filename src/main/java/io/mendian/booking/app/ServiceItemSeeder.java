package io.mendian.booking.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.tenancy.TenantSeeder;

/**
 * Seeds the template's service items, offered at every store, free until HQ prices them, one booking at a time with a
 * person. Inserts by code, so a retried provisioning step adds nothing twice.
 */
@ApplicationScoped
public class ServiceItemSeeder implements TenantSeeder {

    private final EntityManager em;

    public ServiceItemSeeder(EntityManager em) {
        this.em = em;
    }

    @Override
    public String section() {
        return "serviceItems";
    }

    @Override
    @Transactional
    public String apply(JsonNode section) {
        int created = 0;
        for (JsonNode node : section) {
            String code = node.path("code").asText();
            int minutes = node.path("minutes").asInt(60);
            if (!code.matches("^[A-Z0-9_-]{1,40}$") || minutes < 5 || minutes > 720 || minutes % 5 != 0) {
                continue;
            }
            created += em.createNativeQuery("insert into service_item (code, name, minutes, price_fen, capacity, "
                            + "needs_staff, all_stores, status, created_at, updated_at) values (?1, ?2, ?3, ?4, 1, "
                            + "true, true, 'ACTIVE', now(), now()) on conflict (code) do nothing")
                    .setParameter(1, code)
                    .setParameter(2, node.path("name").asText(code))
                    .setParameter(3, minutes)
                    .setParameter(4, Math.max(0, node.path("priceFen").asLong(0)))
                    .executeUpdate();
        }
        return created + " service items";
    }
}
