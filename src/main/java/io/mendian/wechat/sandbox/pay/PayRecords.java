package io.mendian.wechat.sandbox.pay;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What WeChat Pay keeps about a transaction, an applyment and a refund, and how each is written to its books. */
final class PayRecords {

    private PayRecords() {}

    /** A transaction as WeChat keeps it. */
    static final class Txn {
        final JsonNode request;
        final String spAppid;
        final String subAppid;
        final String subMchid;
        final String outTradeNo;
        final String description;
        final long total;
        final String openid;
        final String notifyUrl;
        final Instant expiresAt;
        final String prepayId;
        final Instant prepayExpiresAt;
        final String fingerprint;
        final boolean direct;
        String state = "NOTPAY";
        String transactionId;
        String successTime;

        Txn(JsonNode r, String prepayId, Instant expiresAt) {
            this(r, prepayId, expiresAt, Instant.now().plusSeconds(7200));
        }

        private Txn(JsonNode r, String prepayId, Instant expiresAt, Instant prepayExpiresAt) {
            this.request = r;
            this.direct = !r.has("sub_mchid");
            this.spAppid = r.has("sp_appid")
                    ? r.path("sp_appid").asText()
                    : r.path("appid").asText();
            this.subAppid = r.path("sub_appid").asText();
            this.subMchid = r.has("sub_mchid") ? r.path("sub_mchid").asText() : "";
            this.outTradeNo = r.path("out_trade_no").asText();
            this.description = r.path("description").asText();
            this.total = r.path("amount").path("total").asLong();
            this.openid = direct ? "" : r.path("payer").path("sub_openid").asText();
            this.notifyUrl = r.path("notify_url").asText();
            this.expiresAt = expiresAt;
            this.prepayId = prepayId;
            this.prepayExpiresAt = prepayExpiresAt;
            this.fingerprint = r.toString();
        }

        String key() {
            return subMchid + "/" + outTradeNo;
        }

        /** The fields a change may touch, to put back when the change cannot be kept. */
        record Mark(String state, String transactionId, String successTime) {}

        Mark mark() {
            return new Mark(state, transactionId, successTime);
        }

        void reset(Mark mark) {
            state = mark.state();
            transactionId = mark.transactionId();
            successTime = mark.successTime();
        }

        Map<String, Object> record() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("request", request);
            m.put("prepayId", prepayId);
            m.put("expiresAt", expiresAt.toString());
            m.put("prepayExpiresAt", prepayExpiresAt.toString());
            m.put("state", state);
            m.put("transactionId", transactionId);
            m.put("successTime", successTime);
            return m;
        }

        static Txn of(JsonNode m) {
            Txn txn = new Txn(
                    m.path("request"),
                    m.path("prepayId").asText(),
                    Instant.parse(m.path("expiresAt").asText()),
                    Instant.parse(m.path("prepayExpiresAt").asText()));
            txn.state = m.path("state").asText();
            txn.transactionId = m.path("transactionId").textValue();
            txn.successTime = m.path("successTime").textValue();
            return txn;
        }
    }

    /** A sub-merchant applyment (特约商户进件). */
    static final class Applyment {
        final long id;
        final String businessCode;
        final Instant submittedAt;
        String state = "APPLYMENT_STATE_AUDITING";
        String message = "资料审核中";
        String subMchid;

        Applyment(long id, String businessCode) {
            this(id, businessCode, Instant.now());
        }

        private Applyment(long id, String businessCode, Instant submittedAt) {
            this.id = id;
            this.businessCode = businessCode;
            this.submittedAt = submittedAt;
        }

        Map<String, Object> record() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("submittedAt", submittedAt.toString());
            m.put("state", state);
            m.put("message", message);
            m.put("subMchid", subMchid);
            return m;
        }

        static Applyment of(String businessCode, JsonNode m) {
            Applyment a = new Applyment(
                    m.path("id").asLong(),
                    businessCode,
                    Instant.parse(m.path("submittedAt").asText()));
            a.state = m.path("state").asText();
            a.message = m.path("message").asText();
            a.subMchid = m.path("subMchid").textValue();
            return a;
        }
    }

    /** A refund as WeChat keeps it: PROCESSING, then SUCCESS (with its callback). */
    static final class Refund {
        final String outRefundNo;
        final String refundId;
        final Txn txn;
        final long amount;
        final String notifyUrl;
        final String fingerprint;
        final String createTime;
        String status = "PROCESSING";
        String successTime;

        Refund(String outRefundNo, String refundId, Txn txn, long amount, String notifyUrl, String fingerprint) {
            this(outRefundNo, refundId, txn, amount, notifyUrl, fingerprint, SandboxPayNotifier.now());
        }

        private Refund(
                String outRefundNo,
                String refundId,
                Txn txn,
                long amount,
                String notifyUrl,
                String fingerprint,
                String createTime) {
            this.outRefundNo = outRefundNo;
            this.refundId = refundId;
            this.txn = txn;
            this.amount = amount;
            this.notifyUrl = notifyUrl;
            this.fingerprint = fingerprint;
            this.createTime = createTime;
        }

        String key() {
            return txn.subMchid + "/" + outRefundNo;
        }

        Map<String, Object> record() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outRefundNo", outRefundNo);
            m.put("refundId", refundId);
            m.put("txn", txn.key());
            m.put("amount", amount);
            m.put("notifyUrl", notifyUrl);
            m.put("fingerprint", fingerprint);
            m.put("createTime", createTime);
            m.put("status", status);
            m.put("successTime", successTime);
            return m;
        }

        static Refund of(JsonNode m, Map<String, Txn> transactions) {
            Txn txn = transactions.get(m.path("txn").asText());
            if (txn == null) {
                throw new IllegalStateException("refund " + m.path("outRefundNo") + " names an unknown transaction");
            }
            Refund refund = new Refund(
                    m.path("outRefundNo").asText(),
                    m.path("refundId").asText(),
                    txn,
                    m.path("amount").asLong(),
                    m.path("notifyUrl").asText(),
                    m.path("fingerprint").asText(),
                    m.path("createTime").asText());
            refund.status = m.path("status").asText();
            refund.successTime = m.path("successTime").textValue();
            return refund;
        }
    }
}
