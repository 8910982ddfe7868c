package io.mendian.ordering.app;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.ordering.api.OrderCentrePage;
import io.mendian.ordering.api.OrderSummary;
import io.mendian.store.StoreApi;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantContext;
import io.mendian.web.PageRequest;

/**
 * HQ's order centre (H4): the brand's orders filtered by store, status, fulfilment, member and date, limited to the
 * stores in the caller's scope, newest first. Exports read the same rows through a forward-only cursor and write them
 * as they come, so a year of orders never sits in memory.
 */
@ApplicationScoped
public class OrderCentre {

    /** Receives exported rows one at a time. */
    public interface RowSink {
        void row(OrderSummary order) throws IOException;
    }

    private static final String COLUMNS = "select order_no, store_id, member_id, status, fulfilment_mode, items_fen, "
            + "delivery_fee_fen, discount_fen, total_fen, created_at, pickup_at, updated_at from ";

    private final Shards shards;
    private final TenantContext tenant;
    private final StoreApi stores;

    public OrderCentre(Shards shards, TenantContext tenant, StoreApi stores) {
        this.shards = shards;
        this.tenant = tenant;
        this.stores = stores;
    }

    public OrderCentrePage page(OrderCriteria criteria, PageRequest page) {
        String table = tenant.require().schema() + ".customer_order";
        OrderCriteria.Sql sql = criteria.sql();
        try (Connection c = shards.of(tenant.require()).getConnection()) {
            long total;
            try (PreparedStatement count = prepare(
                    c,
                    "select count(*) from (select 1 from " + table + " where " + sql.where() + " limit "
                            + (OrderCentrePage.COUNT_LIMIT + 1) + ") x",
                    sql)) {
                try (ResultSet r = count.executeQuery()) {
                    r.next();
                    total = r.getLong(1);
                }
            }
            List<OrderSummary> rows = new ArrayList<>();
            try (PreparedStatement select = prepare(
                    c,
                    COLUMNS + table + " where " + sql.where() + " order by created_at desc, id desc limit "
                            + page.size() + " offset " + page.offset(),
                    sql)) {
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        rows.add(read(r, null));
                    }
                }
            }
            boolean capped = total > OrderCentrePage.COUNT_LIMIT;
            return new OrderCentrePage(
                    label(rows), page.page(), page.size(), capped ? OrderCentrePage.COUNT_LIMIT : total, capped);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Streams every matching order to the sink. The schema is resolved now, in the request; the rows are read later,
     * while the response is written.
     */
    public Export export(OrderCriteria criteria) {
        String table = tenant.require().schema() + ".customer_order";
        DataSource server = shards.of(tenant.require());
        Map<Long, String> names = stores.allLabels();
        return sink -> {
            OrderCriteria.Sql sql = criteria.sql();
            try (Connection c = server.getConnection()) {
                c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
                try (PreparedStatement select = prepare(
                        c, COLUMNS + table + " where " + sql.where() + " order by created_at desc, id desc", sql)) {
                    select.setFetchSize(500);
                    try (ResultSet r = select.executeQuery()) {
                        while (r.next()) {
                            sink.row(read(r, names));
                        }
                    }
                }
                c.rollback();
            } catch (SQLException e) {
                throw new IOException("export failed", e);
            }
        };
    }

    /** A deferred export. */
    public interface Export {
        void writeTo(RowSink sink) throws IOException;
    }

    private List<OrderSummary> label(List<OrderSummary> rows) {
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.storeId()));
        Map<Long, String> names = stores.labels(ids);
        return rows.stream()
                .map(r -> new OrderSummary(
                        r.orderNo(),
                        r.storeId(),
                        names.get(r.storeId()),
                        r.memberId(),
                        r.status(),
                        r.fulfilmentMode(),
                        r.itemsFen(),
                        r.deliveryFeeFen(),
                        r.discountFen(),
                        r.totalFen(),
                        r.createdAt(),
                        r.pickupAt(),
                        r.updatedAt()))
                .toList();
    }

    private static PreparedStatement prepare(Connection c, String sql, OrderCriteria.Sql criteria) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        int i = 1;
        for (Object p : criteria.params()) {
            if (p instanceof Long[] ids) {
                statement.setArray(i++, c.createArrayOf("bigint", ids));
            } else {
                statement.setObject(i++, p);
            }
        }
        return statement;
    }

    private static OrderSummary read(ResultSet r, Map<Long, String> names) throws SQLException {
        long storeId = r.getLong(2);
        return new OrderSummary(
                r.getString(1),
                storeId,
                names == null ? null : names.get(storeId),
                r.getLong(3),
                r.getString(4),
                r.getString(5),
                r.getLong(6),
                r.getLong(7),
                r.getLong(8),
                r.getLong(9),
                time(r.getTimestamp(10)),
                time(r.getTimestamp(11)),
                time(r.getTimestamp(12)));
    }

    private static OffsetDateTime time(Timestamp t) {
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }
}
