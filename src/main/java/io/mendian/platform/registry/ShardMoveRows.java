package io.mendian.platform.registry;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.platform.registry.persistence.TenantEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The {@code platform.shard_move} rows: each in a transaction of its own, since a move spans several servers. */
@ApplicationScoped
class ShardMoveRows {

    private static final String COLUMNS = "id, tenant_id, source, target, state, detail, tables_copied, rows_copied, "
            + "requested_by, started_at, finished_at";

    /** Records a RUNNING move; false when one already runs for the brand (the unique index decides, not a read). */
    boolean start(UUID id, String tenant, String source, String target, String actor) {
        return QuarkusTransaction.requiringNew()
                        .call(() -> TenantEntity.getEntityManager()
                                .createNativeQuery(
                                        "insert into platform.shard_move (id, tenant_id, source, target, state, "
                                                + "requested_by) values (?1, ?2, ?3, ?4, 'RUNNING', ?5) on conflict do nothing")
                                .setParameter(1, id)
                                .setParameter(2, tenant)
                                .setParameter(3, source)
                                .setParameter(4, target)
                                .setParameter(5, actor)
                                .executeUpdate())
                == 1;
    }

    void step(UUID id, String detail) {
        QuarkusTransaction.requiringNew()
                .run(() -> TenantEntity.getEntityManager()
                        .createNativeQuery("update platform.shard_move set detail = ?2 where id = ?1")
                        .setParameter(1, id)
                        .setParameter(2, clip(detail))
                        .executeUpdate());
    }

    void finish(UUID id, String state, String detail, int tables, long rows) {
        QuarkusTransaction.requiringNew()
                .run(() -> TenantEntity.getEntityManager()
                        .createNativeQuery(
                                "update platform.shard_move set state = ?2, detail = ?3, tables_copied = ?4, "
                                        + "rows_copied = ?5, finished_at = now() where id = ?1")
                        .setParameter(1, id)
                        .setParameter(2, state)
                        .setParameter(3, clip(detail))
                        .setParameter(4, tables)
                        .setParameter(5, rows)
                        .executeUpdate());
    }

    List<ShardMoveView> of(String tenant, int limit) {
        return rows(QuarkusTransaction.requiringNew()
                .call(() -> TenantEntity.getEntityManager()
                        .createNativeQuery("select " + COLUMNS + " from platform.shard_move where tenant_id = ?1 "
                                + "order by started_at desc limit " + limit)
                        .setParameter(1, tenant)
                        .getResultList()));
    }

    List<ShardMoveView> running() {
        return rows(QuarkusTransaction.requiringNew()
                .call(() -> TenantEntity.getEntityManager()
                        .createNativeQuery("select " + COLUMNS + " from platform.shard_move where state = 'RUNNING'")
                        .getResultList()));
    }

    ShardMoveView get(UUID id) {
        return rows(QuarkusTransaction.requiringNew()
                        .call(() -> TenantEntity.getEntityManager()
                                .createNativeQuery("select " + COLUMNS + " from platform.shard_move where id = ?1")
                                .setParameter(1, id)
                                .getResultList()))
                .getFirst();
    }

    private static List<ShardMoveView> rows(List<?> raw) {
        return raw.stream()
                .map(o -> (Object[]) o)
                .map(r -> new ShardMoveView(
                        r[0].toString(),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        ((Number) r[6]).intValue(),
                        ((Number) r[7]).longValue(),
                        (String) r[8],
                        time(r[9]),
                        time(r[10])))
                .toList();
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.time.Instant) value).atOffset(java.time.ZoneOffset.UTC);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
