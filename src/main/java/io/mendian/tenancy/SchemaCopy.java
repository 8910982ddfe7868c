package io.mendian.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Copies a brand's schema from one PostgreSQL server to another over two JDBC connections, with the driver's binary
 * COPY (no pg_dump needed, and none of a matching version is assumed on the app's machine). The target schema must
 * already hold the same tables, empty (the tenant changelog applied at the same version); each table's rows go through
 * a temporary file, so memory stays flat however large the brand is. Both connections are the caller's, inside its
 * transactions: the caller decides when the copy counts.
 */
public final class SchemaCopy {

    /** Liquibase's own bookkeeping: written by the migration of the target, not copied. */
    private static final Set<String> SKIPPED = Set.of("databasechangelog", "databasechangeloglock");

    private SchemaCopy() {}

    /** A table's row count and an order-independent hash of its rows' text, equal on both servers when equal. */
    public record Fingerprint(long rows, String hash) {}

    /** The schema's tables, parents before the tables that reference them. */
    public static List<String> tables(Connection c, String schema) throws SQLException {
        return layout(c, schema).ordered();
    }

    /** The tables in copy order, and those that reference themselves (read in key order so parents come first). */
    private record Layout(List<String> ordered, Set<String> selfReferencing) {}

    private static Layout layout(Connection c, String schema) throws SQLException {
        Set<String> all = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' "
                        + "order by table_name")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!SKIPPED.contains(r.getString(1))) {
                        all.add(r.getString(1));
                    }
                }
            }
        }
        Map<String, Set<String>> parents = new HashMap<>();
        Set<String> selfReferencing = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "select child.relname, parent.relname from pg_constraint k join pg_class child on child.oid = k.conrelid "
                        + "join pg_class parent on parent.oid = k.confrelid join pg_namespace n on n.oid = child.relnamespace "
                        + "where k.contype = 'f' and n.nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (r.getString(1).equals(r.getString(2))) {
                        selfReferencing.add(r.getString(1));
                    } else {
                        parents.computeIfAbsent(r.getString(1), k -> new LinkedHashSet<>())
                                .add(r.getString(2));
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < all.size()) {
            boolean progress = false;
            for (String table : all) {
                if (!placed.contains(table)
                        && placed.containsAll(parents.getOrDefault(table, Set.of()).stream()
                                .filter(all::contains)
                                .toList())) {
                    placed.add(table);
                    ordered.add(table);
                    progress = true;
                }
            }
            if (!progress) {
                throw new SQLException("foreign keys of schema " + schema + " form a cycle; it cannot be copied");
            }
        }
        return new Layout(ordered, selfReferencing);
    }

    /**
     * Copies every table's rows and sets every sequence to where the source's is. Returns the rows copied per table.
     * User triggers on the target are off during the copy (the rows were checked and signalled when first written).
     */
    public static Map<String, Long> copy(Connection source, Connection target, String schema) throws SQLException {
        String safe = Schemas.requireSafe(schema);
        CopyManager out = source.unwrap(PGConnection.class).getCopyAPI();
        CopyManager in = target.unwrap(PGConnection.class).getCopyAPI();
        Map<String, Long> copied = new LinkedHashMap<>();
        Path buffer = null;
        try {
            buffer = Files.createTempFile("mendian-move-", ".copy");
            Layout layout = layout(source, safe);
            for (String table : layout.ordered()) {
                String qualified = safe + "." + quote(table);
                String columns = String.join(", ", columns(source, safe, table));
                try (Statement s = target.createStatement()) {
                    s.execute("alter table " + qualified + " disable trigger user");
                }
                try (OutputStream file = Files.newOutputStream(buffer)) {
                    // A table that references itself is read in key order (its first column, by convention), so that
                    // parents arrive before their children.
                    String order = layout.selfReferencing().contains(table) ? " order by 1" : "";
                    out.copyOut(
                            "copy (select " + columns + " from " + qualified + order + ") to stdout (format binary)",
                            file);
                }
                long rows;
                try (InputStream file = Files.newInputStream(buffer)) {
                    rows = in.copyIn("copy " + qualified + " (" + columns + ") from stdin (format binary)", file);
                }
                try (Statement s = target.createStatement()) {
                    s.execute("alter table " + qualified + " enable trigger user");
                }
                copied.put(table, rows);
            }
        } catch (IOException e) {
            throw new SQLException("copy of schema " + schema + " failed: " + e.getMessage(), e);
        } finally {
            if (buffer != null) {
                try {
                    Files.deleteIfExists(buffer);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
        copySequences(source, target, safe);
        return copied;
    }

    /** Every table's fingerprint, to compare the two sides before the copy counts. */
    public static Map<String, Fingerprint> fingerprints(Connection c, String schema) throws SQLException {
        String safe = Schemas.requireSafe(schema);
        Map<String, Fingerprint> prints = new LinkedHashMap<>();
        for (String table : tables(c, safe)) {
            try (Statement s = c.createStatement();
                    ResultSet r =
                            s.executeQuery("select count(*), coalesce(sum(hashtextextended(t::text, 0)::numeric), 0)"
                                    + " from " + safe + "." + quote(table) + " t")) {
                r.next();
                prints.put(
                        table, new Fingerprint(r.getLong(1), r.getBigDecimal(2).toPlainString()));
            }
        }
        return prints;
    }

    private static List<String> columns(Connection c, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
                        + "and is_generated = 'NEVER' order by ordinal_position")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(quote(r.getString(1)));
                }
            }
        }
        return columns;
    }

    private static void copySequences(Connection source, Connection target, String schema) throws SQLException {
        List<String> sequences = new ArrayList<>();
        // From the catalogue, not information_schema: identity columns' sequences must come along too.
        try (PreparedStatement s = source.prepareStatement("select c.relname from pg_class c join pg_namespace n on "
                + "n.oid = c.relnamespace where c.relkind = 'S' and n.nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sequences.add(r.getString(1));
                }
            }
        }
        for (String sequence : sequences) {
            String qualified = schema + "." + quote(sequence);
            long last;
            boolean called;
            try (Statement s = source.createStatement();
                    ResultSet r = s.executeQuery("select last_value, is_called from " + qualified)) {
                r.next();
                last = r.getLong(1);
                called = r.getBoolean(2);
            }
            try (PreparedStatement s = target.prepareStatement("select setval(?::regclass, ?, ?)")) {
                s.setString(1, qualified);
                s.setLong(2, last);
                s.setBoolean(3, called);
                s.execute();
            }
        }
    }

    /** Identifiers come from the catalogue of a whitelisted schema; quoted all the same. */
    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
