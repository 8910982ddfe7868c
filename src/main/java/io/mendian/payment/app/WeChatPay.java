package io.mendian.payment.app;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.gson.JsonObject;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.Constant;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.JsonRequestBody;
import com.wechat.pay.java.core.http.MediaType;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.partnerpayments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.CloseOrderRequest;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayWithRequestPaymentResponse;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Transaction;
import com.wechat.pay.java.service.profitsharing.ProfitsharingService;
import com.wechat.pay.java.service.profitsharing.model.AddReceiverRequest;
import com.wechat.pay.java.service.profitsharing.model.CreateOrderReceiver;
import com.wechat.pay.java.service.profitsharing.model.CreateOrderRequest;
import com.wechat.pay.java.service.profitsharing.model.OrdersEntity;
import com.wechat.pay.java.service.profitsharing.model.QueryOrderRequest;
import com.wechat.pay.java.service.profitsharing.model.ReceiverRelationType;
import com.wechat.pay.java.service.profitsharing.model.ReceiverType;
import com.wechat.pay.java.service.profitsharing.model.UnfreezeOrderRequest;

import io.mendian.payment.PaySettings;
import io.mendian.wechat.WeChatEndpoints;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The official WeChat Pay SDK, configured once: requests signed with the merchant key, answers and callbacks verified
 * with the WeChat Pay public key. The SDK's hosts are fixed, so an interceptor moves each request to the configured
 * base (the sandbox in development) after it was signed; signatures cover method, path, query and body, not the host.
 */
@ApplicationScoped
public class WeChatPay {

    static final String HOST = "https://api.mch.weixin.qq.com";
    static final String SANDBOX_PATH = "/sandbox/wechat/pay";

    private final PaySettings settings;
    private final WeChatEndpoints endpoints;
    private final RSAPublicKeyConfig config;
    private final HttpClient http;
    private final JsapiServiceExtension jsapi;
    private final NotificationParser parser;
    private final com.wechat.pay.java.service.refund.RefundService refunds;
    private final com.wechat.pay.java.service.payments.nativepay.NativePayService nativePay;
    private final ProfitsharingService sharing;

    public WeChatPay(PaySettings settings, WeChatEndpoints endpoints) {
        this.settings = settings;
        this.endpoints = endpoints;
        this.config = new RSAPublicKeyConfig.Builder()
                .merchantId(settings.spMchid())
                .privateKey(settings.merchantPrivateKey())
                .merchantSerialNumber(settings.merchantSerial())
                .publicKey(settings.platformPublicKey())
                .publicKeyId(settings.platformPublicKeyId())
                .apiV3Key(settings.apiV3Key())
                .build();
        OkHttpClient ok = new OkHttpClient.Builder()
                .connectTimeout(3, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                .writeTimeout(10, TimeUnit.SECONDS)
                .addInterceptor(chain -> chain.proceed(chain.request()
                        .newBuilder()
                        .url(relocate(chain.request().url()))
                        .build()))
                .build();
        this.http =
                new DefaultHttpClientBuilder().config(config).okHttpClient(ok).build();
        this.jsapi = new JsapiServiceExtension.Builder()
                .config(config)
                .httpClient(http)
                .signType("RSA")
                .build();
        this.parser = new NotificationParser(config);
        this.nativePay = new com.wechat.pay.java.service.payments.nativepay.NativePayService.Builder()
                .config(config)
                .httpClient(http)
                .build();
        this.refunds = new com.wechat.pay.java.service.refund.RefundService.Builder()
                .config(config)
                .httpClient(http)
                .build();
        this.sharing = new ProfitsharingService.Builder()
                .config(config)
                .httpClient(http)
                .build();
    }

    public PaySettings settings() {
        return settings;
    }

    /** Encrypts personal data for WeChat Pay (RSA-OAEP with its public key), as applyments require. */
    public com.wechat.pay.java.core.cipher.PrivacyEncryptor encryptor() {
        return config.createEncryptor();
    }

    /** Creates (or, with identical parameters, re-reads) the prepay and signs the mini-program's payment call. */
    public PrepayWithRequestPaymentResponse prepay(PrepayRequest request) {
        request.setSpMchid(settings.spMchid());
        request.setSpAppid(settings.spAppid());
        return jsapi.prepayWithRequestPayment(request, request.getSubAppid());
    }

    public Transaction query(String subMchid, String outTradeNo) {
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setSpMchid(settings.spMchid());
        request.setSubMchid(subMchid);
        request.setOutTradeNo(outTradeNo);
        return jsapi.queryOrderByOutTradeNo(request);
    }

    public void close(String subMchid, String outTradeNo) {
        CloseOrderRequest request = new CloseOrderRequest();
        request.setSpMchid(settings.spMchid());
        request.setSubMchid(subMchid);
        request.setOutTradeNo(outTradeNo);
        jsapi.closeOrder(request);
    }

    /** A Native payment to the platform's own merchant account; answers the code_url to show as a QR code. */
    public String nativePrepay(com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest request) {
        request.setMchid(settings.spMchid());
        request.setAppid(settings.spAppid());
        request.setNotifyUrl(publicBase() + "/api/wechat/pay/platform-notify/transaction");
        try {
            return nativePay.prepay(request).getCodeUrl();
        } catch (RuntimeException e) {
            io.mendian.web.ProblemException problem = PayFailures.translate(e);
            throw problem == null ? e : problem;
        }
    }

    /** Requests a refund; the same out_refund_no answers the same refund (its current state). */
    public com.wechat.pay.java.service.refund.model.Refund refund(
            com.wechat.pay.java.service.refund.model.CreateRequest request) {
        return refunds.create(request);
    }

    /** Makes the platform a receiver of the sub-merchant's profit sharing (as its service provider); idempotent. */
    public void addPlatformReceiver(String subMchid) {
        AddReceiverRequest request = new AddReceiverRequest();
        request.setSubMchid(subMchid);
        request.setAppid(settings.spAppid());
        request.setType(ReceiverType.MERCHANT_ID);
        request.setAccount(settings.spMchid());
        request.setRelationType(ReceiverRelationType.SERVICE_PROVIDER);
        sharing.addReceiver(request);
    }

    /**
     * Shares {@code amountFen} of the transaction to the platform and releases the rest to the sub-merchant; the same
     * out_order_no answers the same sharing order.
     */
    public OrdersEntity share(String subMchid, String transactionId, String outOrderNo, long amountFen) {
        CreateOrderReceiver platform = new CreateOrderReceiver();
        platform.setType(ReceiverType.MERCHANT_ID.name());
        platform.setAccount(settings.spMchid());
        platform.setAmount(amountFen);
        platform.setDescription("平台技术服务费");
        CreateOrderRequest request = new CreateOrderRequest();
        request.setSubMchid(subMchid);
        request.setAppid(settings.spAppid());
        request.setTransactionId(transactionId);
        request.setOutOrderNo(outOrderNo);
        request.setReceivers(java.util.List.of(platform));
        request.setUnfreezeUnsplit(true);
        return sharing.createOrder(request);
    }

    /** Releases all of the transaction's frozen funds to the sub-merchant (nothing to share). */
    public OrdersEntity release(String subMchid, String transactionId, String outOrderNo) {
        UnfreezeOrderRequest request = new UnfreezeOrderRequest();
        request.setSubMchid(subMchid);
        request.setTransactionId(transactionId);
        request.setOutOrderNo(outOrderNo);
        request.setDescription("解冻全部剩余资金");
        return sharing.unfreezeOrder(request);
    }

    public OrdersEntity sharingOrder(String subMchid, String transactionId, String outOrderNo) {
        QueryOrderRequest request = new QueryOrderRequest();
        request.setSubMchid(subMchid);
        request.setTransactionId(transactionId);
        request.setOutOrderNo(outOrderNo);
        return sharing.queryOrder(request);
    }

    /** Verifies a callback on its raw body and decrypts its resource (throws ValidationException when forged). */
    public <T> T parse(RequestParam callback, Class<T> type) {
        return parser.parse(callback, type);
    }

    /** A signed JSON call for APIs the SDK has no service for (applyment). */
    public JsonObject call(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader(Constant.ACCEPT, MediaType.APPLICATION_JSON.getValue());
        HttpRequest.Builder request =
                new HttpRequest.Builder().httpMethod(method).url(HOST + path).headers(headers);
        if (body != null) {
            headers.addHeader(Constant.CONTENT_TYPE, MediaType.APPLICATION_JSON.getValue());
            request.body(new JsonRequestBody.Builder().body(body).build());
        }
        return http.execute(request.build(), JsonObject.class).getServiceResponse();
    }

    /** Where this deployment receives a brand's pay callbacks (an https URL without a query, as WeChat requires). */
    public String notifyUrl(String tenant, String kind) {
        return publicBase() + "/api/wechat/pay/notify/" + tenant + "/" + kind;
    }

    private String publicBase() {
        return endpoints.publicUrl();
    }

    private HttpUrl relocate(HttpUrl url) {
        String base = settings.apiBase().orElseGet(() -> WeChatEndpoints.local() + SANDBOX_PATH);
        HttpUrl target = HttpUrl.get(base);
        String prefix = target.encodedPath().endsWith("/")
                ? target.encodedPath().substring(0, target.encodedPath().length() - 1)
                : target.encodedPath();
        return url.newBuilder()
                .scheme(target.scheme())
                .host(target.host())
                .port(target.port())
                .encodedPath(prefix + url.encodedPath())
                .build();
    }
}
