package io.mendian.payment.app;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Transaction;

import io.mendian.tenancy.TenantDirectory;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.mendian.web.Problem;
import io.mendian.web.ProblemException;

/**
 * WeChat Pay's callbacks for a brand. The signature is verified on the raw body with WeChat Pay's public key and the
 * resource decrypted with the APIv3 key (the SDK's parser); the signed timestamp must be recent, which the parser
 * does not check, so a captured callback cannot be replayed later. The transaction must belong to the brand in the
 * URL. Answering 2xx tells WeChat Pay to stop retrying; anything else makes it try again.
 */
@ApplicationScoped
public class PayCallbacks {

    /** The signed parts of a callback, as received. */
    public record Callback(
            String serial, String timestamp, String nonce, String signature, String signType, String body) {}

    private final WeChatPay pay;
    private final Payments payments;
    private final Refunds refunds;
    private final Tenants tenants;
    private final TenantDirectory directory;
    private final jakarta.enterprise.inject.Instance<io.mendian.payment.PlatformIncome> income;
    private final io.mendian.operations.BusinessMetrics metrics;

    public PayCallbacks(
            WeChatPay pay,
            Payments payments,
            Refunds refunds,
            Tenants tenants,
            TenantDirectory directory,
            jakarta.enterprise.inject.Instance<io.mendian.payment.PlatformIncome> income,
            io.mendian.operations.BusinessMetrics metrics) {
        this.income = income;
        this.metrics = metrics;
        this.pay = pay;
        this.refunds = refunds;
        this.payments = payments;
        this.tenants = tenants;
        this.directory = directory;
    }

    public void transaction(String tenantSlug, Callback callback) {
        refusalsCounted("transaction", () -> {
            TenantId tenant = brand(tenantSlug);
            Transaction tx = verified(callback, Transaction.class);
            tenants.runAs(tenant, () -> accepted("transaction", payments.record(tx)));
        });
    }

    public void refund(String tenantSlug, Callback callback) {
        refusalsCounted("refund", () -> {
            TenantId tenant = brand(tenantSlug);
            RefundResult result = verified(callback, RefundResult.class);
            tenants.runAs(tenant, () -> {
                refunds.record(result);
                accepted("refund", true);
            });
        });
    }

    /**
     * Callbacks accepted (counted for their brand), refused (forged, stale, another merchant's; counted for no
     * brand, since the path's brand is only a claim) and failed (ours: WeChat Pay retries them): a rise in refusals is
     * an alert.
     */
    private <T> T accepted(String kind, T recorded) {
        metrics.countNow("mendian.payment.callbacks", "kind", kind, "outcome", "accepted");
        return recorded;
    }

    private void refusalsCounted(String kind, Runnable handling) {
        try {
            handling.run();
        } catch (RuntimeException e) {
            // A 4xx refusal (forged, stale, another merchant's) is the alert; anything else is our own failure.
            boolean refused = e instanceof io.mendian.web.ProblemException problem
                    && problem.problem().getStatus() < 500;
            metrics.countNow("mendian.payment.callbacks", "kind", kind, "outcome", refused ? "refused" : "failed");
            throw e;
        }
    }

    /** A payment to the platform's own merchant account (Native), handed to the income receiver that owns it. */
    public void platform(Callback callback) {
        com.wechat.pay.java.service.payments.model.Transaction tx =
                verified(callback, com.wechat.pay.java.service.payments.model.Transaction.class);
        if (!pay.settings().spMchid().equals(tx.getMchid())) {
            throw ProblemException.forbidden("foreign-transaction", "the transaction belongs to another merchant");
        }
        if (tx.getTradeState() != com.wechat.pay.java.service.payments.model.Transaction.TradeStateEnum.SUCCESS) {
            return;
        }
        io.mendian.payment.PlatformIncome receiver = income.stream()
                .filter(r -> r.owns(tx.getOutTradeNo()))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("payment " + Problem.clip(tx.getOutTradeNo())));
        receiver.paid(tx.getOutTradeNo(), tx.getTransactionId(), tx.getAmount().getTotal());
    }

    private TenantId brand(String slug) {
        TenantId tenant;
        try {
            tenant = new TenantId(slug);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("brand " + Problem.clip(slug));
        }
        if (directory.standing(tenant) == TenantDirectory.Standing.UNKNOWN) {
            throw ProblemException.notFound("brand " + Problem.clip(slug));
        }
        return tenant;
    }

    private <T> T verified(Callback c, Class<T> type) {
        if (c.body() == null
                || c.body().isBlank()
                || c.serial() == null
                || c.timestamp() == null
                || c.nonce() == null
                || c.signature() == null) {
            throw unsigned("the callback lacks its body or its Wechatpay-* signature headers");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(c.timestamp());
        } catch (NumberFormatException e) {
            throw unsigned("Wechatpay-Timestamp is not a number");
        }
        if (Math.abs(Instant.now().getEpochSecond() - timestamp)
                > pay.settings().callbackWindow().toSeconds()) {
            throw unsigned("the callback was signed too long ago (or in the future) and is treated as a replay");
        }
        try {
            return pay.parse(
                    new RequestParam.Builder()
                            .serialNumber(c.serial())
                            .timestamp(c.timestamp())
                            .nonce(c.nonce())
                            .signature(c.signature())
                            .signType(c.signType() == null ? "WECHATPAY2-SHA256-RSA2048" : c.signType())
                            .body(c.body())
                            .build(),
                    type);
        } catch (ValidationException e) {
            throw unsigned("the callback's signature does not verify with WeChat Pay's key");
        } catch (MalformedMessageException
                | IllegalArgumentException
                | IllegalStateException
                | com.google.gson.JsonParseException e) {
            throw ProblemException.badRequest("callback-unreadable", "the callback's resource cannot be read");
        } catch (RuntimeException e) {
            // The SDK throws its own unchecked types for an unknown serial or a failed decryption.
            throw unsigned("the callback cannot be verified or decrypted");
        }
    }

    private static ProblemException unsigned(String detail) {
        return new ProblemException(Problem.of(401, "callback-not-verified", "Callback not verified", detail));
    }
}
