package io.mendian.platform.miniapp;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.wechat.WeChatSettings;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start against real WeChat with the sandbox's published credentials or the development secrets key:
 * with those, anyone could forge signed WeChat pushes (audit results, unauthorization) or read sealed tokens.
 */
@ApplicationScoped
public class ProductionGuard {

    static final String SANDBOX_AES_KEY = "c2FuZGJveC1rZXktZm9yLW1lbmRpYW4tb3Blbi1wbGE";

    private final WeChatSettings settings;
    private final String secretsKey;

    public ProductionGuard(WeChatSettings settings, @ConfigProperty(name = "mendian.secrets.key", defaultValue = SecretBox.DEV_KEY) String secretsKey) {
        this.settings = settings;
        this.secretsKey = secretsKey;
    }

    void check(@Observes StartupEvent event) {
        List<String> problems = problems();
        if (!problems.isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("refusing to start against real WeChat with development credentials: " + String.join(", ", problems));
        }
    }

    /** What is still a development default while the API base points at real WeChat. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (settings.apiBase().isEmpty()) {
            return problems;
        }
        var component = settings.component();
        if (component.secret().startsWith("sandbox-")) {
            problems.add("MENDIAN_WECHAT_COMPONENT_SECRET");
        }
        if (component.token().startsWith("sandbox-")) {
            problems.add("MENDIAN_WECHAT_COMPONENT_TOKEN");
        }
        if (SANDBOX_AES_KEY.equals(component.encodingAesKey())) {
            problems.add("MENDIAN_WECHAT_COMPONENT_AES_KEY");
        }
        if (SecretBox.DEV_KEY.equals(secretsKey)) {
            problems.add("MENDIAN_SECRETS_KEY");
        }
        if (settings.sandbox().enabled()) {
            problems.add("MENDIAN_WECHAT_SANDBOX must be false");
        }
        return problems;
    }
}
