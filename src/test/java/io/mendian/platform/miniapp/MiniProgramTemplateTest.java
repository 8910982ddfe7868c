package io.mendian.platform.miniapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.wechat.WeChatSettings;
import io.smallrye.config.WithDefault;

/** The pipeline deploys the mini-program this project holds: same template id and version, every page declared. */
class MiniProgramTemplateTest {

    private static final Path ROOT = Path.of("src", "main", "miniprogram");

    @Test
    void thePipelineCommitsTheTemplateIdAndVersionOfThisProjectsMiniProgram() throws Exception {
        JsonNode template =
                new ObjectMapper().readTree(ROOT.resolve("template.json").toFile());
        assertEquals(template.path("templateId").asText(), defaultOf("templateId"));
        assertEquals(template.path("version").asText(), defaultOf("templateVersion"));
    }

    @Test
    void everyPageInAppJsonHasItsCodeMarkupAndConfig() throws Exception {
        JsonNode app = new ObjectMapper().readTree(ROOT.resolve("app.json").toFile());
        for (JsonNode page : app.path("pages")) {
            for (String ext : new String[] {".ts", ".wxml", ".json"}) {
                Path file = ROOT.resolve(page.asText() + ext);
                assertTrue(Files.isRegularFile(file), "missing " + file);
            }
        }
    }

    private static String defaultOf(String method) throws NoSuchMethodException {
        return WeChatSettings.Component.class
                .getMethod(method)
                .getAnnotation(WithDefault.class)
                .value();
    }
}
