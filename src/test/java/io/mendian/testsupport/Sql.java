package io.mendian.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Direct reads and writes for assertions on what the database holds (and for moving clocks in tests). */
public final class Sql {

    private Sql() {}

    public static long scalar(DataSource data, String sql) {
        try (Connection c = data.getConnection();
                var s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String string(DataSource data, String sql) {
        try (Connection c = data.getConnection();
                var s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row, in order. */
    public static java.util.List<String> strings(DataSource data, String sql) {
        try (Connection c = data.getConnection();
                var s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            java.util.List<String> values = new java.util.ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(DataSource data, String sql) {
        try (Connection c = data.getConnection();
                var s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** On hand and reserved of one SKU at one store of a brand schema. */
    public static long[] stock(DataSource data, String schema, long store, long sku) {
        return new long[] {
            scalar(data, "select on_hand from " + schema + ".stock where store_id = " + store + " and sku_id = " + sku),
            scalar(data, "select reserved from " + schema + ".stock where store_id = " + store + " and sku_id = " + sku)
        };
    }
}
