package io.mendian.wechat;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where WeChat is and who we are to it. Every default points at the in-app sandbox. */
@ConfigMapping(prefix = "mendian.wechat")
public interface WeChatSettings {

    /** The Open Platform API base, such as https://api.weixin.qq.com; absent means this app's own sandbox. */
    Optional<String> apiBase();

    /** This deployment's public base URL (authorization redirects, ext_json's API base); absent means this app's local address. */
    Optional<String> publicUrl();

    /** How often every instance looks for tokens inside their refresh window (the refresh itself is one instance's). */
    @WithDefault("60S")
    Duration tokenRefreshInterval();

    Component component();

    Sandbox sandbox();

    /** The third-party platform (component) account. */
    interface Component {
        @WithDefault("wx0000000000c0de01")
        String appid();

        @WithDefault("sandbox-component-secret")
        String secret();

        /** The message token WeChat signs pushes with. */
        @WithDefault("sandbox-token")
        String token();

        /** 43 characters of base64 without the trailing "=". */
        @WithDefault("c2FuZGJveC1rZXktZm9yLW1lbmRpYW4tb3Blbi1wbGE")
        String encodingAesKey();

        /** Refresh a token when less than this is left of it. */
        @WithDefault("15M")
        Duration refreshAhead();

        /** A component_verify_ticket older than this is not used (WeChat's own validity is 12 hours). */
        @WithDefault("12H")
        Duration ticketValidity();

        /** The current code template and its version, deployed to brands that authorize. */
        @WithDefault("100")
        long templateId();

        @WithDefault("1.0.0")
        String templateVersion();
    }

    /** The simulator served under /sandbox/wechat/open (dev and test only). */
    interface Sandbox {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("10M")
        Duration ticketInterval();

        /** How long WeChat "takes" to audit a submission before pushing the result. */
        @WithDefault("2S")
        Duration auditDelay();

        Pay pay();
    }

    /**
     * The WeChat Pay simulator served under /sandbox/wechat/pay: what WeChat Pay knows of the platform's merchant
     * account (its id, its certificate's serial and public key, its APIv3 key) and its own platform key.
     */
    interface Pay {
        @WithDefault("1900000001")
        String spMchid();

        @WithDefault("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
        String merchantSerial();

        /** The merchant's API public key (X.509 SubjectPublicKeyInfo, base64), to verify its request signatures. */
        String merchantPublicKey();

        /** WeChat Pay's platform private key (PKCS#8, base64), signing responses and callbacks. */
        String platformPrivateKey();

        @WithDefault("PUB_KEY_ID_0100000000000000000000000000")
        String platformPublicKeyId();

        @WithDefault("sandbox-apiv3-key-0123456789abcd")
        String apiV3Key();

        /** Delays between callback attempts after a non-2xx answer (WeChat: 15s, 15s, 30s, 3m, ... over 24 h). */
        @WithDefault("15S,15S,30S,3M,10M,20M,30M,30M,30M,60M,3H,3H,3H,6H,6H")
        java.util.List<Duration> retrySchedule();

        /** How long a refund stays PROCESSING before it succeeds and its callback is sent. */
        @WithDefault("3S")
        Duration refundDelay();

        /** How long WeChat "takes" to review a sub-merchant applyment before it is finished. */
        @WithDefault("5S")
        Duration applymentDelay();
    }
}
