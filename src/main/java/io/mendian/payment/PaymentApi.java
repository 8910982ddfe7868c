package io.mendian.payment;

import jakarta.enterprise.context.ApplicationScoped;

import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;

import io.mendian.payment.app.WeChatPay;
import io.mendian.web.ProblemException;

/**
 * What other contexts may do with WeChat Pay: collect money for the platform itself with a Native QR code (a brand
 * paying its SaaS invoice, the platform's own income, never a brand's customers' money).
 */
@ApplicationScoped
public class PaymentApi {

    /** A QR code to show: the payer scans it in WeChat. */
    public record NativeQr(String codeUrl, String outTradeNo, long amountFen) {}

    private final WeChatPay pay;

    public PaymentApi(WeChatPay pay) {
        this.pay = pay;
    }

    /**
     * Creates (or, with the same number and terms, returns again) a Native payment to the platform's merchant
     * account; the outcome reaches the {@link PlatformIncome} that owns the number.
     */
    public NativeQr nativePay(String outTradeNo, String description, long amountFen) {
        if (amountFen <= 0 || amountFen > Integer.MAX_VALUE) {
            throw ProblemException.unprocessable("amount-not-payable", "WeChat Pay takes 1 to 2147483647 fen");
        }
        PrepayRequest request = new PrepayRequest();
        request.setOutTradeNo(outTradeNo);
        request.setDescription(description);
        Amount amount = new Amount();
        amount.setTotal((int) amountFen);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return new NativeQr(pay.nativePrepay(request), outTradeNo, amountFen);
    }
}
