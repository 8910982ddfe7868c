package io.mendian.platform.miniapp;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.platform.miniapp.persistence.MiniAppEntity;
import io.mendian.platform.registry.AppidOwners;
import io.mendian.tenancy.TenantId;

/** The appid registry: which brand each mini-program (sandbox or authorized on WeChat) belongs to. */
@ApplicationScoped
@Transactional
public class MiniApps implements AppidOwners {

    /** What registering an appid for a brand came to. */
    public enum Registration {
        REGISTERED,
        ALREADY_THIS_BRANDS,
        ANOTHER_BRANDS
    }

    @Override
    public Optional<TenantId> ownerOf(String appid) {
        return Optional.ofNullable(MiniAppEntity.<MiniAppEntity>findById(appid)).map(app -> new TenantId(app.tenantId));
    }

    /** Registers a sandbox appid at signup (real appids are bound only by WeChat's authorization). */
    public Registration register(String appid, String tenant, String name, String kind) {
        MiniAppEntity app = MiniAppEntity.findById(appid);
        if (app != null) {
            return app.tenantId.equals(tenant) ? Registration.ALREADY_THIS_BRANDS : Registration.ANOTHER_BRANDS;
        }
        app = new MiniAppEntity();
        app.appid = appid;
        app.tenantId = tenant;
        app.name = name;
        app.kind = kind;
        app.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        app.persist();
        return Registration.REGISTERED;
    }
}
