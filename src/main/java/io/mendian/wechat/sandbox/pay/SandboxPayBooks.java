package io.mendian.wechat.sandbox.pay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * WeChat Pay does not die with the merchant's server: the sandbox keeps its transactions, refunds and applyments in
 * PostgreSQL (its own schema, created only when the sandbox is on), written through on every change, so an app killed
 * with {@code kill -9} and restarted finds WeChat Pay exactly as its customers left it, as the crash histories require.
 */
@ApplicationScoped
class SandboxPayBooks {

    private final DataSource data;
    private final ObjectMapper json;

    SandboxPayBooks(DataSource data, ObjectMapper json) {
        this.data = data;
        this.json = json;
    }

    void create() {
        try (Connection c = data.getConnection();
                Statement st = c.createStatement()) {
            st.execute("create schema if not exists wechat_sandbox");
            st.execute("create table if not exists wechat_sandbox.pay_record (kind text not null, key text not null, "
                    + "body jsonb not null, primary key (kind, key))");
        } catch (SQLException e) {
            throw new IllegalStateException("the WeChat Pay sandbox cannot keep its books", e);
        }
    }

    /** Every record of one kind, by key, in insertion-independent order. */
    Map<String, JsonNode> load(String kind) {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        try (Connection c = data.getConnection();
                PreparedStatement st =
                        c.prepareStatement("select key, body from wechat_sandbox.pay_record where kind = ?")) {
            st.setString(1, kind);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    records.put(rs.getString(1), json.readTree(rs.getString(2)));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("the WeChat Pay sandbox cannot read its books", e);
        }
        return records;
    }

    void save(String kind, String key, Object body) {
        try (Connection c = data.getConnection();
                PreparedStatement st = c.prepareStatement("insert into wechat_sandbox.pay_record (kind, key, body) "
                        + "values (?, ?, ?::jsonb) on conflict (kind, key) do update set body = excluded.body")) {
            st.setString(1, kind);
            st.setString(2, key);
            st.setString(3, json.writeValueAsString(body));
            st.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("the WeChat Pay sandbox cannot write its books", e);
        }
    }
}
