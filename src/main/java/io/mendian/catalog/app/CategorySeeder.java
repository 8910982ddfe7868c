package io.mendian.catalog.app;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.catalog.persistence.CategoryEntity;
import io.mendian.tenancy.TenantSeeder;

/** Seeds the template's category tree; upserts by code so that a retried provisioning step adds nothing twice. */
@ApplicationScoped
public class CategorySeeder implements TenantSeeder {

    @Override
    public String section() {
        return "categories";
    }

    @Override
    @Transactional
    public String apply(JsonNode section) {
        return seed(section, null, 0) + " categories";
    }

    private int seed(JsonNode nodes, Long parentId, int depth) {
        int created = 0;
        int sort = 0;
        for (JsonNode node : nodes) {
            String code = node.path("code").asText();
            if (code.isBlank() || depth > 5) {
                continue;
            }
            CategoryEntity category = CategoryEntity.find("code", code).firstResult();
            if (category == null) {
                category = new CategoryEntity();
                category.code = code;
                category.name = node.path("name").asText(code);
                category.parentId = parentId;
                category.sort = sort;
                category.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
                category.updatedAt = category.createdAt;
                category.createdBy = "provisioning";
                category.updatedBy = "provisioning";
                category.persistAndFlush();
                created++;
            }
            sort += 10;
            created += seed(node.path("children"), category.id, depth + 1);
        }
        return created;
    }
}
