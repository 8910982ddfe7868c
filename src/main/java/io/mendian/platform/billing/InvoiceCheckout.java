package io.mendian.platform.billing;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.payment.PaymentApi;
import io.mendian.payment.PlatformIncome;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * HQ pays its SaaS invoice online: a Native QR code for what is outstanding, paid to the platform's own merchant
 * account (the platform's income, so this is not clearing for others). The merchant order number names the invoice and
 * the amount, so asking again for the same outstanding amount shows the same code; WeChat Pay's success records the
 * payment through {@link Payments} once, keyed by its transaction id, which reactivates a suspended brand.
 */
@ApplicationScoped
public class InvoiceCheckout implements PlatformIncome {

    private static final String PREFIX = "INV";

    private final Invoices invoices;
    private final Payments payments;
    private final PaymentApi pay;

    public InvoiceCheckout(Invoices invoices, Payments payments, PaymentApi pay) {
        this.invoices = invoices;
        this.payments = payments;
        this.pay = pay;
    }

    public PaymentApi.NativeQr start(TenantId tenant, long invoiceId) {
        InvoiceView invoice = QuarkusTransaction.requiringNew().call(() -> invoices.getForBrand(tenant, invoiceId));
        if (invoice.outstandingFen() <= 0) {
            throw ProblemException.conflict("invoice-settled", "invoice " + invoice.number() + " has nothing to pay");
        }
        String outTradeNo = PREFIX + invoiceId + "A" + invoice.outstandingFen();
        return pay.nativePay(
                outTradeNo,
                "Mendian " + invoice.plan() + " " + invoice.period() + " " + invoice.number(),
                invoice.outstandingFen());
    }

    @Override
    public boolean owns(String outTradeNo) {
        return outTradeNo != null && outTradeNo.matches(PREFIX + "[0-9]+A[0-9]+");
    }

    @Override
    public void paid(String outTradeNo, String transactionId, long amountFen) {
        long invoiceId = Long.parseLong(outTradeNo.substring(PREFIX.length(), outTradeNo.indexOf('A')));
        payments.record(
                invoiceId,
                amountFen,
                "WECHAT_PAY",
                transactionId,
                "wechat-pay:" + transactionId,
                "wechat-pay",
                Instant.now());
    }
}
