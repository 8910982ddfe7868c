package io.mendian.wechat.sandbox.pay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.wechat.WeChatSettings;
import io.mendian.wechat.sandbox.pay.PayRecords.Txn;

/**
 * WeChat Pay's profit sharing (分账) for service providers, in the sandbox: receivers added per sub-merchant, sharing
 * orders on paid transactions whose prepay asked for sharing ({@code settle_info.profit_sharing}), never more than
 * is left unshared and unrefunded, the service provider's share capped at 30 %, and releasing the rest (unfreeze)
 * ends sharing for that transaction. Orders answer PROCESSING and finish a moment later. Kept in its books like the
 * rest of the pay sandbox.
 */
@ApplicationScoped
class SandboxProfitSharing {

    /** WeChat's default ceiling for what a service provider may take of a transaction. */
    private static final long MAX_RATIO_BPS = 3_000;

    private final SandboxPay pay;
    private final SandboxPayBooks books;
    private final SandboxPayNotifier timer;
    private final ObjectMapper json;
    private final WeChatSettings.Pay settings;
    private final Map<String, Map<String, Object>> orders = new ConcurrentHashMap<>();
    private final Set<String> receivers = ConcurrentHashMap.newKeySet();
    private boolean loaded;

    SandboxProfitSharing(
            SandboxPay pay,
            SandboxPayBooks books,
            SandboxPayNotifier timer,
            ObjectMapper json,
            WeChatSettings settings) {
        this.pay = pay;
        this.books = books;
        this.timer = timer;
        this.json = json;
        this.settings = settings.sandbox().pay();
    }

    /** POST /v3/profitsharing/receivers/add. */
    synchronized Map<String, Object> addReceiver(JsonNode r) {
        load();
        String subMchid = r.path("sub_mchid").asText();
        if (!pay.isSubMerchant(subMchid)) {
            throw new PayError(403, "NO_AUTH", "特约商户 " + subMchid + " 不存在或未与服务商建立关系");
        }
        String type = r.path("type").asText();
        require(Set.of("MERCHANT_ID", "PERSONAL_OPENID", "PERSONAL_SUB_OPENID").contains(type), "type is invalid");
        require(!r.path("account").asText().isEmpty(), "account is required");
        require(!r.path("relation_type").asText().isEmpty(), "relation_type is required");
        String key = subMchid + "/" + r.path("account").asText();
        if (receivers.add(key)) {
            books.save(
                    "receiver",
                    key,
                    Map.of("type", type, "relationType", r.path("relation_type").asText()));
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sub_mchid", subMchid);
        v.put("type", type);
        v.put("account", r.path("account").asText());
        v.put("relation_type", r.path("relation_type").asText());
        return v;
    }

    /** POST /v3/profitsharing/orders. */
    synchronized Map<String, Object> share(JsonNode r) {
        load();
        String subMchid = r.path("sub_mchid").asText();
        Txn txn = shareable(subMchid, r.path("transaction_id").asText());
        String outOrderNo = r.path("out_order_no").asText();
        require(outOrderNo.matches("[0-9A-Za-z_\\-|*@]{1,64}"), "out_order_no must be 1 to 64 characters");
        Map<String, Object> existing = orders.get(subMchid + "/" + outOrderNo);
        if (existing != null) {
            return again(existing, r);
        }
        requireOpen(txn);
        JsonNode asked = r.path("receivers");
        require(asked.isArray() && !asked.isEmpty() && asked.size() <= 50, "receivers must list 1 to 50 receivers");
        long sum = 0;
        List<Map<String, Object>> details = new ArrayList<>();
        for (JsonNode receiver : asked) {
            long amount = receiver.path("amount").asLong();
            require(receiver.path("amount").isIntegralNumber() && amount > 0, "each amount must be a positive integer");
            if (!receivers.contains(subMchid + "/" + receiver.path("account").asText())) {
                throw new PayError(
                        400,
                        "RECEIVER_INVALID",
                        "分账接收方 " + receiver.path("account").asText() + " 未添加");
            }
            sum += amount;
            details.add(detail(receiver, amount));
        }
        if (sum * 10_000 > txn.total * MAX_RATIO_BPS) {
            throw new PayError(400, "INVALID_REQUEST", "分账金额超出最大分账比例");
        }
        if (sum > txn.total - pay.refunded(txn) - shared(txn)) {
            throw new PayError(403, "NOT_ENOUGH", "分账金额不足");
        }
        return create(
                subMchid,
                txn,
                outOrderNo,
                r,
                details,
                r.path("unfreeze_unsplit").asBoolean(false));
    }

    /** POST /v3/profitsharing/orders/unfreeze: releases everything still frozen and ends sharing. */
    synchronized Map<String, Object> unfreeze(JsonNode r) {
        load();
        String subMchid = r.path("sub_mchid").asText();
        Txn txn = shareable(subMchid, r.path("transaction_id").asText());
        String outOrderNo = r.path("out_order_no").asText();
        require(!r.path("description").asText().isEmpty(), "description is required");
        Map<String, Object> existing = orders.get(subMchid + "/" + outOrderNo);
        if (existing != null) {
            return again(existing, r);
        }
        requireOpen(txn);
        return create(subMchid, txn, outOrderNo, r, List.of(), true);
    }

    /** GET /v3/profitsharing/orders/{out_order_no}?sub_mchid=&transaction_id=. */
    synchronized Map<String, Object> query(String subMchid, String transactionId, String outOrderNo) {
        load();
        Map<String, Object> order = orders.get(subMchid + "/" + outOrderNo);
        if (order == null || !order.get("transaction_id").equals(transactionId)) {
            throw PayError.notFound("RESOURCE_NOT_EXISTS", "分账单不存在");
        }
        return view(order);
    }

    private Map<String, Object> create(
            String subMchid,
            Txn txn,
            String outOrderNo,
            JsonNode request,
            List<Map<String, Object>> details,
            boolean finishing) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("sub_mchid", subMchid);
        order.put("transaction_id", txn.transactionId);
        order.put("out_order_no", outOrderNo);
        order.put("order_id", "3008450740" + System.nanoTime());
        order.put("state", "PROCESSING");
        order.put("receivers", details);
        order.put("fingerprint", request.toString());
        order.put("ends_sharing", finishing);
        String key = subMchid + "/" + outOrderNo;
        books.save("share", key, order);
        orders.put(key, order);
        timer.later(settings.refundDelay(), () -> finish(key));
        return view(order);
    }

    private synchronized void finish(String key) {
        Map<String, Object> order = orders.get(key);
        if (order == null || !"PROCESSING".equals(order.get("state"))) {
            return;
        }
        order.put("state", "FINISHED");
        for (Object d : (List<?>) order.get("receivers")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> detail = (Map<String, Object>) d;
            detail.put("result", "SUCCESS");
            detail.put("finish_time", SandboxPayNotifier.now());
        }
        books.save("share", key, order);
    }

    private Map<String, Object> again(Map<String, Object> existing, JsonNode r) {
        if (!existing.get("fingerprint").equals(r.toString())) {
            throw new PayError(400, "INVALID_REQUEST", "商户分账单号重复");
        }
        return view(existing);
    }

    private Txn shareable(String subMchid, String transactionId) {
        Txn txn = pay.paid(subMchid, transactionId);
        if (txn == null) {
            throw PayError.notFound("RESOURCE_NOT_EXISTS", "订单不存在");
        }
        if (!txn.request.path("settle_info").path("profit_sharing").asBoolean(false)) {
            throw new PayError(403, "NO_AUTH", "该笔订单下单时未设置分账标识，不能分账");
        }
        return txn;
    }

    private void requireOpen(Txn txn) {
        boolean ended = orders.values().stream()
                .anyMatch(o -> txn.transactionId.equals(o.get("transaction_id"))
                        && Boolean.TRUE.equals(o.get("ends_sharing")));
        if (ended) {
            throw new PayError(400, "INVALID_REQUEST", "该笔订单已完结分账，剩余资金已解冻");
        }
    }

    private long shared(Txn txn) {
        return orders.values().stream()
                .filter(o -> txn.transactionId.equals(o.get("transaction_id")))
                .flatMap(o -> ((List<?>) o.get("receivers")).stream())
                .mapToLong(d -> ((Number) ((Map<?, ?>) d).get("amount")).longValue())
                .sum();
    }

    private static Map<String, Object> detail(JsonNode receiver, long amount) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("amount", amount);
        d.put("description", receiver.path("description").asText());
        d.put("type", receiver.path("type").asText());
        d.put("account", receiver.path("account").asText());
        d.put("result", "PENDING");
        d.put("create_time", SandboxPayNotifier.now());
        d.put("detail_id", "3600" + System.nanoTime());
        return d;
    }

    private static Map<String, Object> view(Map<String, Object> order) {
        Map<String, Object> v = new LinkedHashMap<>(order);
        v.remove("fingerprint");
        v.remove("ends_sharing");
        return v;
    }

    @SuppressWarnings("unchecked")
    private void load() {
        if (loaded) {
            return;
        }
        books.create();
        receivers.addAll(books.load("receiver").keySet());
        books.load("share").forEach((key, body) -> {
            Map<String, Object> order = json.convertValue(body, LinkedHashMap.class);
            orders.put(key, order);
            if ("PROCESSING".equals(order.get("state"))) {
                timer.later(settings.refundDelay(), () -> finish(key));
            }
        });
        loaded = true;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw PayError.param(message);
        }
    }
}
