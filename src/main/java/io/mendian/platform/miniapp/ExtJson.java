package io.mendian.platform.miniapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.platform.registry.BrandRecords;
import io.mendian.wechat.WeChatEndpoints;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The ext_json committed with the shared template: the brand's configuration for its copy of the mini-program. Split
 * out of {@link Deployments} because it is the one part of the pipeline that reads the registry and decides what a
 * brand's mini-program looks like; the pipeline only carries the string to WeChat.
 */
@ApplicationScoped
class ExtJson {

    private final BrandRecords brands;
    private final WeChatEndpoints endpoints;
    private final ObjectMapper json;

    ExtJson(BrandRecords brands, WeChatEndpoints endpoints, ObjectMapper json) {
        this.brands = brands;
        this.endpoints = endpoints;
        this.json = json;
    }

    /** The brand's configuration for the shared template: who it is, where its API is, how it looks. */
    String of(String tenant, String appid) {
        BrandRecords.BrandRecord brand = QuarkusTransaction.requiringNew()
                .call(() -> brands.find(tenant))
                .orElse(null);
        String name = brand == null ? tenant : brand.name();
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("tenantId", tenant);
        ext.put("apiBase", endpoints.publicUrl() + "/api/shop/" + appid);
        ext.put(
                "theme",
                Map.of("brandName", name, "primaryColor", brand == null ? "#c8102e" : colour(brand.industry())));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("extAppid", appid);
        root.put("extEnable", true);
        root.put("directCommit", false);
        root.put("ext", ext);
        root.put("window", Map.of("navigationBarTitleText", name));
        root.put("requiredPrivateInfos", List.of("getLocation", "chooseLocation"));
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colour(String industry) {
        return switch (industry == null ? "" : industry) {
            case "cafe" -> "#6f4e37";
            case "bakery" -> "#d4a373";
            case "tea" -> "#2d6a4f";
            default -> "#c8102e";
        };
    }
}
