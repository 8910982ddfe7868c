package io.mendian.platform.miniapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mendian.wechat.WeChatSettings;

/** Real WeChat with the sandbox's published credentials would let anyone forge pushes: the guard names each default. */
class ProductionGuardTest {

    private static WeChatSettings settings(String apiBase, String secret, String token, String aesKey, boolean sandbox) {
        return new WeChatSettings() {
            public Optional<String> apiBase() {
                return Optional.ofNullable(apiBase);
            }

            public Optional<String> publicUrl() {
                return Optional.empty();
            }

            public Duration tokenRefreshInterval() {
                return Duration.ofMinutes(1);
            }

            public Component component() {
                return new Component() {
                    public String appid() {
                        return "wx0000000000c0de01";
                    }

                    public String secret() {
                        return secret;
                    }

                    public String token() {
                        return token;
                    }

                    public String encodingAesKey() {
                        return aesKey;
                    }

                    public Duration refreshAhead() {
                        return Duration.ofMinutes(15);
                    }

                    public Duration ticketValidity() {
                        return Duration.ofHours(12);
                    }

                    public long templateId() {
                        return 100;
                    }

                    public String templateVersion() {
                        return "1.0.0";
                    }
                };
            }

            public Sandbox sandbox() {
                return new Sandbox() {
                    public boolean enabled() {
                        return sandbox;
                    }

                    public Duration ticketInterval() {
                        return Duration.ofMinutes(10);
                    }

                    public Duration auditDelay() {
                        return Duration.ofSeconds(2);
                    }
                };
            }
        };
    }

    @Test
    void theSandboxNeedsNothingButRealWeChatNeedsRealCredentials() {
        assertTrue(new ProductionGuard(settings(null, "sandbox-component-secret", "sandbox-token", ProductionGuard.SANDBOX_AES_KEY, true),
                SecretBox.DEV_KEY).problems().isEmpty());
        assertEquals(List.of("MENDIAN_WECHAT_COMPONENT_SECRET", "MENDIAN_WECHAT_COMPONENT_TOKEN", "MENDIAN_WECHAT_COMPONENT_AES_KEY",
                "MENDIAN_SECRETS_KEY", "MENDIAN_WECHAT_SANDBOX must be false"), new ProductionGuard(settings("https://api.weixin.qq.com",
                "sandbox-component-secret", "sandbox-token", ProductionGuard.SANDBOX_AES_KEY, true), SecretBox.DEV_KEY).problems());
        assertTrue(new ProductionGuard(settings("https://api.weixin.qq.com", "real-secret", "real-token", "x".repeat(43), false),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").problems().isEmpty());
    }
}
