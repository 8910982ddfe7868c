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
    }
}
