package io.mendian.wechat.sandbox.pay;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;

import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.sandbox.pay.PayRecords.Applyment;
import io.mendian.wechat.sandbox.pay.PayRecords.Refund;
import io.mendian.wechat.sandbox.pay.PayRecords.Txn;
import io.quarkus.runtime.StartupEvent;

/**
 * WeChat Pay's books in the sandbox: partner JSAPI transactions (NOTPAY to SUCCESS or CLOSED, prepay valid two
 * hours, {@code out_trade_no} unique per sub-merchant forever), refunds and sub-merchant applyments. Served from
 * memory and written through to its own books ({@link SandboxPayBooks}), because WeChat Pay outlives a crash of the
 * merchant's server. Nothing here can be created without a valid merchant signature.
 */
@ApplicationScoped
public class SandboxPay {

    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-*|]{6,32}");
    private static final Pattern APPID = Pattern.compile("wx[0-9A-Za-z]{16}");

    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();
    private final WeChatSettings.Pay settings;
    private final SandboxPayNotifier notifier;
    private final SandboxPayCrypto crypto;
    private final Map<String, Txn> transactions = new ConcurrentHashMap<>();
    private final Map<String, Applyment> applyments = new ConcurrentHashMap<>();
    private final Map<String, Applyment> subMerchants = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000);

    private final SandboxPayBooks books;
    private final boolean enabled;

    public SandboxPay(
            WeChatSettings settings, SandboxPayNotifier notifier, SandboxPayCrypto crypto, SandboxPayBooks books) {
        this.settings = settings.sandbox().pay();
        this.enabled = settings.sandbox().enabled();
        this.notifier = notifier;
        this.crypto = crypto;
        this.books = books;
    }

    /** Reads the books back; refunds still processing when the last process died finish as WeChat's would. */
    synchronized void open(@Observes StartupEvent started) {
        if (!enabled) {
            return;
        }
        books.create();
        books.load("txn").forEach((key, body) -> transactions.put(key, Txn.of(body)));
        books.load("applyment").forEach((code, body) -> {
            Applyment a = Applyment.of(code, body);
            applyments.put(code, a);
            sequence.accumulateAndGet(a.id, Math::max);
            if (a.subMchid != null) {
                subMerchants.put(a.subMchid, a);
                sequence.accumulateAndGet(Long.parseLong(a.subMchid.substring(2)), Math::max);
            }
        });
        books.load("refund").forEach((key, body) -> refunds.put(key, Refund.of(body, transactions)));
        refunds.values().stream()
                .filter(r -> "PROCESSING".equals(r.status))
                .forEach(r -> notifier.later(settings.refundDelay(), () -> succeed(r)));
    }

    private void save(Txn txn) {
        books.save("txn", txn.key(), txn.record());
    }

    /**
     * Applies {@code change} to a kept transaction and writes it through; when the write fails the transaction is put
     * back as it was. WeChat never answers an error for a change it kept: a caller told "try again" must find the
     * transaction as before, not already paid.
     */
    private void change(Txn txn, Runnable change) {
        Txn.Mark before = txn.mark();
        change.run();
        try {
            save(txn);
        } catch (RuntimeException e) {
            txn.reset(before);
            throw e;
        }
    }

    private void save(Applyment a) {
        books.save("applyment", a.businessCode, a.record());
    }

    private void save(Refund refund) {
        books.save("refund", refund.key(), refund.record());
    }

    /** POST /v3/pay/partner/transactions/jsapi. */
    public synchronized Map<String, Object> prepay(JsonNode r) {
        require(settings.spMchid().equals(r.path("sp_mchid").asText()), "sp_mchid does not match the caller");
        require(APPID.matcher(r.path("sp_appid").asText()).matches(), "sp_appid is not an appid");
        require(APPID.matcher(r.path("sub_appid").asText()).matches(), "sub_appid is not an appid");
        String subMchid = r.path("sub_mchid").asText();
        Applyment merchant = subMerchants.get(subMchid);
        if (merchant == null) {
            throw new PayError(403, "NO_AUTH", "特约商户 " + subMchid + " 不存在或未与服务商建立关系");
        }
        String description = r.path("description").asText();
        require(!description.isEmpty() && description.length() <= 127, "description must be 1 to 127 characters");
        String outTradeNo = r.path("out_trade_no").asText();
        require(OUT_TRADE_NO.matcher(outTradeNo).matches(), "out_trade_no must be 6 to 32 of [0-9A-Za-z_-*|]");
        JsonNode amount = r.path("amount");
        require(
                amount.path("total").isIntegralNumber() && amount.path("total").asLong() > 0,
                "amount.total must be " + "a positive integer in fen");
        require(amount.path("total").asLong() <= Integer.MAX_VALUE, "amount.total is too large");
        require("CNY".equals(amount.path("currency").asText("CNY")), "only CNY is supported");
        require(!r.path("payer").path("sub_openid").asText().isEmpty(), "payer.sub_openid is required");
        String notifyUrl = r.path("notify_url").asText();
        require(validNotifyUrl(notifyUrl), "notify_url must be an https URL without a query");
        Instant expiresAt = Instant.now().plusSeconds(7200);
        if (r.hasNonNull("time_expire")) {
            try {
                expiresAt = OffsetDateTime.parse(r.path("time_expire").asText()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw PayError.param("time_expire must be RFC 3339");
            }
        }
        String key = subMchid + "/" + outTradeNo;
        Txn existing = transactions.get(key);
        if (existing != null) {
            if ("CLOSED".equals(existing.state)) {
                throw new PayError(400, "ORDER_CLOSED", "订单已关闭");
            }
            if ("SUCCESS".equals(existing.state)) {
                throw new PayError(400, "ORDERPAID", "该订单已支付");
            }
            if (!existing.fingerprint.equals(r.toString()) || existing.prepayExpiresAt.isBefore(Instant.now())) {
                throw new PayError(400, "OUT_TRADE_NO_USED", "商户订单号重复");
            }
            return Map.of("prepay_id", existing.prepayId);
        }
        Txn txn = new Txn(r, "wx" + System.currentTimeMillis() + sequence.incrementAndGet(), expiresAt);
        save(txn);
        transactions.put(key, txn);
        return Map.of("prepay_id", txn.prepayId);
    }

    /**
     * POST /v3/pay/transactions/native: the merchant's own Native payment (a QR code the payer scans), as the platform
     * uses for the brands' SaaS invoices. Same out_trade_no rules as partner orders.
     */
    public synchronized Map<String, Object> nativePrepay(JsonNode r) {
        require(settings.spMchid().equals(r.path("mchid").asText()), "mchid does not match the caller");
        require(APPID.matcher(r.path("appid").asText()).matches(), "appid is not an appid");
        String description = r.path("description").asText();
        require(!description.isEmpty() && description.length() <= 127, "description must be 1 to 127 characters");
        String outTradeNo = r.path("out_trade_no").asText();
        require(OUT_TRADE_NO.matcher(outTradeNo).matches(), "out_trade_no must be 6 to 32 of [0-9A-Za-z_-*|]");
        JsonNode amount = r.path("amount");
        require(
                amount.path("total").isIntegralNumber()
                        && amount.path("total").asLong() > 0
                        && amount.path("total").asLong() <= Integer.MAX_VALUE,
                "amount.total must be a positive integer in fen");
        require("CNY".equals(amount.path("currency").asText("CNY")), "only CNY is supported");
        require(validNotifyUrl(r.path("notify_url").asText()), "notify_url must be an https URL without a query");
        String key = "/" + outTradeNo;
        Txn existing = transactions.get(key);
        if (existing != null) {
            if ("SUCCESS".equals(existing.state)) {
                throw new PayError(400, "ORDERPAID", "该订单已支付");
            }
            if (!existing.fingerprint.equals(r.toString()) || "CLOSED".equals(existing.state)) {
                throw new PayError(400, "OUT_TRADE_NO_USED", "商户订单号重复");
            }
            return Map.of("code_url", "weixin://wxpay/bizpayurl?pr=" + existing.prepayId);
        }
        Txn txn = new Txn(
                r,
                "N" + System.currentTimeMillis() + sequence.incrementAndGet(),
                Instant.now().plusSeconds(7200));
        save(txn);
        transactions.put(key, txn);
        return Map.of("code_url", "weixin://wxpay/bizpayurl?pr=" + txn.prepayId);
    }

    /** GET /v3/pay/transactions/out-trade-no/{no}?mchid=: the merchant's own transaction. */
    public synchronized Map<String, Object> nativeQuery(String mchid, String outTradeNo) {
        return view(find(mchid, "", outTradeNo));
    }

    /** GET /v3/pay/partner/transactions/out-trade-no/{no}. */
    public synchronized Map<String, Object> query(String spMchid, String subMchid, String outTradeNo) {
        return view(find(spMchid, subMchid, outTradeNo));
    }

    /** POST .../out-trade-no/{no}/close. */
    public synchronized void close(String spMchid, String subMchid, String outTradeNo) {
        Txn txn = find(spMchid, subMchid, outTradeNo);
        if ("SUCCESS".equals(txn.state)) {
            throw new PayError(400, "ORDERPAID", "订单已支付，不能关闭");
        }
        change(txn, () -> txn.state = "CLOSED");
    }

    /**
     * The customer pays in the WeChat client (test and demo control); the callback follows unless told otherwise.
     * Merchant order numbers are unique per sub-merchant only: without {@code subMchid} the one still unpaid is meant.
     */
    public synchronized Map<String, Object> customerPays(String outTradeNo, String subMchid, boolean notify) {
        java.util.List<Txn> matching = transactions.values().stream()
                .filter(t -> t.outTradeNo.equals(outTradeNo) && (subMchid == null || t.subMchid.equals(subMchid)))
                .toList();
        if (matching.size() > 1) {
            matching = matching.stream().filter(t -> "NOTPAY".equals(t.state)).toList();
        }
        if (matching.size() > 1) {
            throw new PayError(409, "AMBIGUOUS", "several sub-merchants have this out_trade_no; pass sub_mchid");
        }
        return pays(
                matching.stream().findFirst().orElseThrow(() -> PayError.notFound("ORDER_NOT_EXIST", "订单不存在")), notify);
    }

    /**
     * The customer pays the payment sheet a prepay_id opened (what the WeChat client knows: the {@code package} of
     * wx.requestPayment). Unique across sub-merchants, so a storefront needs nothing else.
     */
    public synchronized Map<String, Object> customerPaysPrepay(String prepayId, boolean notify) {
        return pays(
                transactions.values().stream()
                        .filter(t -> prepayId.equals(t.prepayId))
                        .findFirst()
                        .orElseThrow(() -> PayError.notFound("ORDER_NOT_EXIST", "订单不存在")),
                notify);
    }

    private Map<String, Object> pays(Txn txn, boolean notify) {
        if (!"NOTPAY".equals(txn.state)) {
            throw new PayError(400, "ORDER_" + txn.state, "the transaction is " + txn.state);
        }
        if (txn.expiresAt.isBefore(Instant.now())) {
            throw new PayError(400, "ORDER_EXPIRED", "the transaction expired at " + txn.expiresAt);
        }
        change(txn, () -> {
            txn.state = "SUCCESS";
            txn.transactionId = "42000" + System.currentTimeMillis() + sequence.incrementAndGet();
            txn.successTime = SandboxPayNotifier.now();
        });
        Map<String, Object> view = view(txn);
        if (notify) {
            notifier.notify(
                    txn.notifyUrl,
                    "TRANSACTION.SUCCESS",
                    "transaction",
                    "支付成功",
                    view,
                    txn.subMchid + "/" + txn.outTradeNo);
        }
        return view;
    }

    /**
     * POST /v3/refund/domestic/refunds (partner: with sub_mchid). The same out_refund_no is the same refund; the sum
     * refunded never exceeds what was paid.
     */
    public synchronized Map<String, Object> refund(JsonNode r) {
        String subMchid = r.path("sub_mchid").asText();
        String outTradeNo = r.path("out_trade_no").asText();
        Txn txn = transactions.get(subMchid + "/" + outTradeNo);
        if (txn == null) {
            throw PayError.notFound("RESOURCE_NOT_EXISTS", "订单不存在");
        }
        String outRefundNo = r.path("out_refund_no").asText();
        require(Pattern.matches("[0-9A-Za-z_\\-*|@]{1,64}", outRefundNo), "out_refund_no must be 1 to 64 characters");
        JsonNode amount = r.path("amount");
        require(
                amount.path("refund").isIntegralNumber()
                        && amount.path("refund").asLong() > 0,
                "amount.refund must be a positive integer in fen");
        require(amount.path("total").asLong() == txn.total, "amount.total must be the transaction's total");
        require("CNY".equals(amount.path("currency").asText()), "amount.currency must be CNY");
        String notifyUrl = r.path("notify_url").asText("");
        require(notifyUrl.isEmpty() || validNotifyUrl(notifyUrl), "notify_url must be an https URL without a query");
        String key = subMchid + "/" + outRefundNo;
        Refund existing = refunds.get(key);
        if (existing != null) {
            if (!existing.fingerprint.equals(r.toString())) {
                throw PayError.param("out_refund_no was used for a different refund");
            }
            return refundView(existing);
        }
        if (!"SUCCESS".equals(txn.state) && !"REFUND".equals(txn.state)) {
            throw new PayError(403, "TRADE_ERROR", "the transaction is not paid");
        }
        long refunded = refunded(txn);
        long asked = amount.path("refund").asLong();
        if (refunded + asked > txn.total) {
            throw new PayError(403, "NOT_ENOUGH", "申请退款金额超过订单可退金额");
        }
        Refund refund = new Refund(
                outRefundNo,
                "50300" + System.currentTimeMillis() + sequence.incrementAndGet(),
                txn,
                asked,
                notifyUrl,
                r.toString());
        save(refund); // first: a refund that could not be written leaves nothing behind
        refunds.put(key, refund);
        notifier.later(settings.refundDelay(), () -> succeed(refund));
        try {
            change(txn, () -> txn.state = "REFUND");
        } catch (RuntimeException e) {
            // The refund is kept and goes through; only the transaction's trade_state lags until its next change.
            io.quarkus.logging.Log.warnf("the sandbox kept refund %s but not its transaction's state: %s", key, e);
        }
        return refundView(refund);
    }

    /** GET /v3/refund/domestic/refunds/{out_refund_no}?sub_mchid=. */
    public synchronized Map<String, Object> refundQuery(String subMchid, String outRefundNo) {
        Refund refund = refunds.get(subMchid + "/" + outRefundNo);
        if (refund == null) {
            throw PayError.notFound("RESOURCE_NOT_EXISTS", "退款单不存在");
        }
        return refundView(refund);
    }

    private void succeed(Refund refund) {
        Map<String, Object> plaintext;
        synchronized (this) {
            if (!"PROCESSING".equals(refund.status)) {
                return;
            }
            refund.status = "SUCCESS";
            refund.successTime = SandboxPayNotifier.now();
            try {
                save(refund);
            } catch (RuntimeException e) {
                refund.status = "PROCESSING"; // as kept; tried again below
                refund.successTime = null;
                notifier.later(settings.refundDelay(), () -> succeed(refund));
                throw e;
            }
            plaintext = new LinkedHashMap<>();
            plaintext.put("sp_mchid", settings.spMchid());
            plaintext.put("sub_mchid", refund.txn.subMchid);
            plaintext.put("out_trade_no", refund.txn.outTradeNo);
            plaintext.put("transaction_id", refund.txn.transactionId);
            plaintext.put("out_refund_no", refund.outRefundNo);
            plaintext.put("refund_id", refund.refundId);
            plaintext.put("refund_status", "SUCCESS");
            plaintext.put("success_time", refund.successTime);
            plaintext.put("user_received_account", "支付用户零钱");
            plaintext.put(
                    "amount",
                    Map.of(
                            "total",
                            refund.txn.total,
                            "refund",
                            refund.amount,
                            "payer_total",
                            refund.txn.total,
                            "payer_refund",
                            refund.amount));
        }
        if (!refund.notifyUrl.isEmpty()) {
            notifier.notify(
                    refund.notifyUrl,
                    "REFUND.SUCCESS",
                    "refund",
                    "退款成功",
                    plaintext,
                    refund.txn.subMchid + "/" + refund.outRefundNo);
        }
    }

    private Map<String, Object> refundView(Refund refund) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("refund_id", refund.refundId);
        v.put("out_refund_no", refund.outRefundNo);
        v.put("transaction_id", refund.txn.transactionId);
        v.put("out_trade_no", refund.txn.outTradeNo);
        v.put("channel", "ORIGINAL");
        v.put("user_received_account", "支付用户零钱");
        v.put("create_time", refund.createTime);
        if (refund.successTime != null) {
            v.put("success_time", refund.successTime);
        }
        v.put("status", refund.status);
        v.put("funds_account", "AVAILABLE");
        v.put(
                "amount",
                Map.of(
                        "total",
                        refund.txn.total,
                        "refund",
                        refund.amount,
                        "payer_total",
                        refund.txn.total,
                        "payer_refund",
                        refund.amount,
                        "settlement_refund",
                        refund.amount,
                        "settlement_total",
                        refund.txn.total,
                        "discount_refund",
                        0,
                        "currency",
                        "CNY"));
        return v;
    }

    /** POST /v3/applyment4sub/applyment/: a business code names one applyment; submitting it again answers it. */
    public synchronized Map<String, Object> apply(JsonNode r) {
        String code = r.path("business_code").asText();
        require(!code.isEmpty() && code.length() <= 124, "business_code is required");
        for (JsonNode sensitive : new JsonNode[] {
            r.path("contact_info").path("contact_name"),
            r.path("contact_info").path("mobile_phone"),
            r.path("bank_account_info").path("account_number")
        }) {
            String plain = crypto.open(sensitive.asText());
            require(
                    plain != null && !plain.isBlank(),
                    "contact and bank account fields must be encrypted with the " + "WeChat Pay public key");
        }
        require(
                !r.path("subject_info").path("subject_type").asText().isEmpty(),
                "subject_info.subject_type is required");
        require(
                !r.path("bank_account_info").path("account_number").asText().isEmpty(),
                "bank_account_info.account_number is required");
        Applyment a = applyments.get(code);
        if (a == null) {
            a = new Applyment(sequence.incrementAndGet(), code);
            save(a);
            applyments.put(code, a);
        }
        return Map.of("applyment_id", a.id);
    }

    /** GET /v3/applyment4sub/applyment/business_code/{code}: review finishes after the configured delay. */
    public synchronized Map<String, Object> applyment(String businessCode) {
        Applyment a = applyments.get(businessCode);
        if (a == null) {
            throw PayError.notFound("RESOURCE_NOT_EXISTS", "申请单不存在");
        }
        if ("APPLYMENT_STATE_AUDITING".equals(a.state)
                && !a.submittedAt.plus(settings.applymentDelay()).isAfter(Instant.now())) {
            a.state = "APPLYMENT_STATE_FINISHED";
            a.message = "完成";
            a.subMchid = "16" + String.format("%08d", sequence.incrementAndGet() % 100_000_000);
            save(a);
            subMerchants.put(a.subMchid, a);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("business_code", a.businessCode);
        view.put("applyment_id", a.id);
        view.put("applyment_state", a.state);
        view.put("applyment_state_msg", a.message);
        if (a.subMchid != null) {
            view.put("sub_mchid", a.subMchid);
        }
        return view;
    }

    /** Rejects an applyment under review (test and demo control), as WeChat's reviewers might. */
    public synchronized void reject(String businessCode, String reason) {
        Applyment a = applyments.get(businessCode);
        if (a == null || !"APPLYMENT_STATE_AUDITING".equals(a.state)) {
            throw PayError.notFound("RESOURCE_NOT_EXISTS", "no applyment under review with that business code");
        }
        a.state = "APPLYMENT_STATE_REJECTED";
        a.message = reason;
        save(a);
    }

    /** A sub-merchant's paid transaction by WeChat's transaction id (profit sharing names it so), or null. */
    synchronized Txn paid(String subMchid, String transactionId) {
        return transactions.values().stream()
                .filter(t -> t.subMchid.equals(subMchid) && transactionId.equals(t.transactionId))
                .findFirst()
                .orElse(null);
    }

    /** What was refunded of a transaction, or is being refunded. */
    synchronized long refunded(Txn txn) {
        return refunds.values().stream()
                .filter(f -> f.txn == txn && !"CLOSED".equals(f.status))
                .mapToLong(f -> f.amount)
                .sum();
    }

    synchronized boolean isSubMerchant(String subMchid) {
        return subMerchants.containsKey(subMchid);
    }

    private Txn find(String spMchid, String subMchid, String outTradeNo) {
        require(settings.spMchid().equals(spMchid), "sp_mchid does not match the caller");
        Txn txn = transactions.get(subMchid + "/" + outTradeNo);
        if (txn == null) {
            throw PayError.notFound("ORDER_NOT_EXIST", "订单不存在");
        }
        return txn;
    }

    private Map<String, Object> view(Txn txn) {
        if ("NOTPAY".equals(txn.state) && txn.expiresAt.isBefore(Instant.now())) {
            txn.state = "CLOSED";
        }
        Map<String, Object> v = new LinkedHashMap<>();
        if (txn.direct) {
            v.put("appid", txn.spAppid);
            v.put("mchid", settings.spMchid());
        } else {
            v.put("sp_appid", txn.spAppid);
            v.put("sp_mchid", settings.spMchid());
            v.put("sub_appid", txn.subAppid);
            v.put("sub_mchid", txn.subMchid);
        }
        v.put("out_trade_no", txn.outTradeNo);
        v.put("trade_type", txn.direct ? "NATIVE" : "JSAPI");
        v.put("trade_state", txn.state);
        v.put(
                "trade_state_desc",
                switch (txn.state) {
                    case "SUCCESS" -> "支付成功";
                    case "CLOSED" -> "订单已关闭";
                    default -> "订单未支付";
                });
        v.put("payer", txn.direct ? Map.of("openid", "oNativePayer") : Map.of("sub_openid", txn.openid));
        if (txn.transactionId != null) {
            v.put("transaction_id", txn.transactionId);
            v.put("bank_type", "OTHERS");
            v.put("success_time", txn.successTime);
            v.put(
                    "amount",
                    Map.of("total", txn.total, "payer_total", txn.total, "currency", "CNY", "payer_currency", "CNY"));
        } else {
            v.put("amount", Map.of("total", txn.total, "currency", "CNY"));
        }
        return v;
    }

    private static boolean validNotifyUrl(String url) {
        try {
            URI uri = URI.create(url);
            boolean local = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
            return uri.getRawQuery() == null
                    && ("https".equals(uri.getScheme()) || (local && "http".equals(uri.getScheme())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw PayError.param(message);
        }
    }
}
