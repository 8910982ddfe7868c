package io.mendian.payment;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The platform's WeChat Pay service-provider account. Every default is the sandbox's development value. */
@ConfigMapping(prefix = "mendian.pay")
public interface PaySettings {

    /** WeChat Pay's API base (https://api.mch.weixin.qq.com); absent means this app's own pay sandbox. */
    Optional<String> apiBase();

    /** The service provider's merchant id. */
    String spMchid();

    /** The service provider's own appid (sp_appid). */
    String spAppid();

    /** The serial number of the merchant API certificate whose private key signs requests. */
    String merchantSerial();

    /** The merchant API private key (PKCS#8, base64 or PEM). */
    String merchantPrivateKey();

    /** The APIv3 key (32 characters) that seals callback resources. */
    String apiV3Key();

    /** The WeChat Pay public key (base64 or PEM) and its id, which verify answers and callbacks. */
    String platformPublicKey();

    String platformPublicKeyId();

    /** A callback whose signed timestamp is further than this from now is refused as a replay. */
    @WithDefault("5M")
    Duration callbackWindow();

    /** How long after an applyment state was read it is read again from WeChat when someone asks. */
    @WithDefault("10S")
    Duration applymentRecheck();

    /** How often refunds WeChat Pay has not confirmed are sent again or asked about ({@code RefundSweep}'s schedule). */
    @WithDefault("30s")
    String refundSweepEvery();

    /** How long after startup the refund sweep first runs. */
    @WithDefault("30s")
    String refundSweepDelay();

    /** How often the profit-sharing sweep runs ({@code ProfitSharing}'s schedule). */
    @WithDefault("10m")
    String profitSharingEvery();

    @WithDefault("60s")
    String profitSharingDelay();

    /** How long a share waits before its order is asked about again (or its after-sales window closes, if later). */
    @WithDefault("1H")
    Duration profitSharingRecheck();

    /** How long after WeChat Pay answered PROCESSING (or a refund was still on its way) it is asked again. */
    @WithDefault("1M")
    Duration profitSharingPoll();
}
