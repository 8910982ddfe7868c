package io.mendian.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;

/** The Helm chart lints and renders with its default values (helm itself comes from Maven Central via helm-java). */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/mendian");

    @Test
    void theChartLintsCleanly() {
        var result = new Helm(CHART).lint().strict().call();
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
    }

    @Test
    void theChartRendersTheSecretsAndWeChatSettingsTheAppNeeds() {
        String manifest = new Helm(CHART).template().call();
        assertTrue(manifest.contains("kind: Deployment"), manifest);
        assertTrue(manifest.contains("MENDIAN_WECHAT_API_BASE"), manifest);
        assertTrue(manifest.contains("/q/health/ready"), manifest);
    }
}
