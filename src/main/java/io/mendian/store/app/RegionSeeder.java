package io.mendian.store.app;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.store.persistence.RegionEntity;
import io.mendian.tenancy.TenantSeeder;

/** Seeds the top-level regions of an industry template; upserts by code so that a retried step adds nothing twice. */
@ApplicationScoped
public class RegionSeeder implements TenantSeeder {

    @Override
    public String section() {
        return "regions";
    }

    @Override
    @Transactional
    public String apply(JsonNode section) {
        int created = 0;
        for (JsonNode node : section) {
            String code = node.path("code").asText();
            if (code.isBlank() || RegionEntity.count("code", code) > 0) {
                continue;
            }
            RegionEntity region = new RegionEntity();
            region.code = code;
            region.name = node.path("name").asText(code);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            region.createdAt = now;
            region.updatedAt = now;
            region.createdBy = "provisioning";
            region.updatedBy = "provisioning";
            region.persist();
            created++;
        }
        return created + " regions";
    }
}
