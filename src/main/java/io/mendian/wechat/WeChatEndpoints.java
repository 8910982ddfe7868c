package io.mendian.wechat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;

/**
 * Resolves base URLs. Without configuration everything points at this process: the sandbox's API and our own
 * callbacks. The port is read when needed, because tests bind a random one after start-up.
 */
@ApplicationScoped
public class WeChatEndpoints {

    public static final String SANDBOX_PATH = "/sandbox/wechat/open";

    private final WeChatSettings settings;

    public WeChatEndpoints(WeChatSettings settings) {
        this.settings = settings;
    }

    public String apiBase() {
        return settings.apiBase().map(WeChatEndpoints::trim).orElseGet(() -> local() + SANDBOX_PATH);
    }

    /** Where a brand's administrator authorizes: mp.weixin.qq.com, or the sandbox's stand-in page. */
    public String authPageBase() {
        return settings.apiBase().isPresent() ? "https://mp.weixin.qq.com" : local() + SANDBOX_PATH + "/mp";
    }

    public String publicUrl() {
        return settings.publicUrl().map(WeChatEndpoints::trim).orElseGet(WeChatEndpoints::local);
    }

    /** Where this process itself listens (the sandbox pushes events back to it). */
    public static String local() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        int port =
                ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(8080);
        return "http://127.0.0.1:" + port;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
