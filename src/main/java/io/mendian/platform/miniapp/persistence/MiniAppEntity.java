package io.mendian.platform.miniapp.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A mini-program appid and the brand that owns it: the only way anonymous shop traffic finds its tenant. */
@Entity
@Table(name = "mini_app")
public class MiniAppEntity extends PanacheEntityBase {

    @Id
    public String appid;

    @Column(name = "tenant_id")
    public String tenantId;

    public String name;
    /** SANDBOX (served by the in-app WeChat sandbox) or WECHAT (a real authorized mini-program). */
    public String kind;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
