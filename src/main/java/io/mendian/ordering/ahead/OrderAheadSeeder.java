package io.mendian.ordering.ahead;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.ordering.ahead.api.OrderAheadSetting;
import io.mendian.tenancy.TenantSeeder;

/**
 * The template's {@code orderAhead} section ({@code enabled}, {@code prepMinutes}, {@code lanes}): cafes and bakeries
 * start with it on. Kept within the setting's bounds; a retried provisioning step writes the same row again.
 */
@ApplicationScoped
public class OrderAheadSeeder implements TenantSeeder {

    private final OrderAheadSettings settings;

    public OrderAheadSeeder(OrderAheadSettings settings) {
        this.settings = settings;
    }

    @Override
    public String section() {
        return "orderAhead";
    }

    @Override
    @Transactional
    public String apply(JsonNode section) {
        OrderAheadSetting defaults = OrderAheadSetting.defaults();
        OrderAheadSetting setting = new OrderAheadSetting(
                section.path("enabled").asBoolean(false),
                Math.clamp(section.path("prepMinutes").asInt(defaults.prepMinutes()), 1, 120),
                Math.clamp(section.path("lanes").asInt(defaults.lanes()), 1, 20),
                Math.clamp(section.path("slotCapacity").asInt(defaults.slotCapacity()), 0, 500));
        settings.save(setting, "provisioning");
        return "order ahead " + (setting.enabled() ? "on" : "off");
    }
}
