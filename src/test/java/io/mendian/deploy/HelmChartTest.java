package io.mendian.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;

/**
 * The Helm chart lints, renders with its default and its production example values, and the rendered manifests hold
 * what operating it relies on (helm itself comes from Maven Central via helm-java). helm-java's template leaves hooks
 * out (it returns the release's manifest only), so the chart is rendered from a copy whose hook annotations carry
 * another name ({@link #HOOK}); they are otherwise rendered exactly.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/mendian");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern APP_VARIABLE = Pattern.compile("\\$\\{(MENDIAN_[A-Z0-9_]+)");
    /** Read by the image's start script, not by the app. */
    /** Read by the image's launcher and by the configuration library itself, not named in application.properties. */
    private static final Set<String> FOR_THE_IMAGE = Set.of("JAVA_OPTS_APPEND", "SMALLRYE_CONFIG_LOCATIONS");
    /** The hook annotation's name in the rendered copy ({@code helm.sh/hook} in the chart). */
    private static final String HOOK = "rendered.test/hook";

    private static Path renderable;

    @Test
    void theChartLintsCleanly() {
        var result = new Helm(CHART).lint().strict().call();
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
    }

    @Test
    void podsProbeTheHealthEndpointsAndShutDownGracefully() throws IOException {
        for (List<JsonNode> manifests : List.of(render(null), render("values-prod.yaml"))) {
            JsonNode pod =
                    one(manifests, "Deployment").path("spec").path("template").path("spec");
            JsonNode app = pod.path("containers").get(0);
            assertEquals(
                    "/q/health/started", app.at("/startupProbe/httpGet/path").asText());
            assertEquals(
                    "/q/health/ready", app.at("/readinessProbe/httpGet/path").asText());
            assertEquals("/q/health/live", app.at("/livenessProbe/httpGet/path").asText());
            assertTrue(app.at("/lifecycle/preStop/sleep/seconds").asInt() > 0, "the load balancer stops sending first");
            assertTrue(pod.path("terminationGracePeriodSeconds").asInt()
                    > app.at("/lifecycle/preStop/sleep/seconds").asInt());
            assertEquals(
                    0,
                    one(manifests, "Deployment")
                            .at("/spec/strategy/rollingUpdate/maxUnavailable")
                            .asInt());
        }
    }

    @Test
    void everyPodAndHookOfTheAppRunsAsNonRootOnAReadOnlyRootFilesystem() throws IOException {
        List<JsonNode> manifests = render("values-prod.yaml");
        List<JsonNode> pods = new ArrayList<>();
        pods.add(one(manifests, "Deployment").at("/spec/template/spec"));
        pods.add(named(manifests, "Job", "-migrate-").at("/spec/template/spec"));
        for (JsonNode pod : pods) {
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), pod.toString());
            assertNotEquals(0, pod.at("/securityContext/runAsUser").asInt());
            JsonNode container = pod.path("containers").get(0).path("securityContext");
            assertTrue(container.path("readOnlyRootFilesystem").asBoolean(), container.toString());
            assertFalse(container.path("allowPrivilegeEscalation").asBoolean(true));
            assertEquals("ALL", container.at("/capabilities/drop/0").asText());
            assertEquals(
                    "/tmp", pod.at("/containers/0/volumeMounts/0/mountPath").asText(), "the only writable path");
        }
        JsonNode realmImport = named(manifests, "Job", "-realm-import-").at("/spec/template/spec");
        assertTrue(realmImport.at("/securityContext/runAsNonRoot").asBoolean());
        assertFalse(realmImport
                .at("/containers/0/securityContext/allowPrivilegeEscalation")
                .asBoolean(true));
    }

    @Test
    void migrationsRunBeforeEveryInstallAndUpgradeAsAHookJobWithTheNewImage() throws IOException {
        List<JsonNode> manifests = render(null);
        JsonNode job = named(manifests, "Job", "-migrate-");
        assertEquals(
                "pre-install,pre-upgrade",
                job.at("/metadata/annotations/rendered.test~1hook").asText());
        JsonNode container = job.at("/spec/template/spec/containers/0");
        assertEquals(
                one(manifests, "Deployment")
                        .at("/spec/template/spec/containers/0/image")
                        .asText(),
                container.path("image").asText());
        assertEquals("true", env(container, "MENDIAN_MIGRATE_ONLY"));
        ConfigMapData config = configMap(manifests, "-config");
        for (String variable : config.keys()) {
            assertEquals(config.get(variable), env(container, variable), variable + " as the pods have it");
        }
        JsonNode realmJob = named(manifests, "Job", "-realm-import-");
        assertTrue(
                realmJob.at("/metadata/annotations/rendered.test~1hook-weight").asInt()
                        < job.at("/metadata/annotations/rendered.test~1hook-weight")
                                .asInt(),
                "the realm exists before the app's migration and pods");
    }

    @Test
    void otherDatabaseShardsComeFromASecretMountedReadOnlyIntoThePodsAndTheMigrationJob() throws IOException {
        List<JsonNode> prod = render("values-prod.yaml");
        for (JsonNode pod : List.of(
                one(prod, "Deployment").at("/spec/template/spec"),
                named(prod, "Job", "-migrate-").at("/spec/template/spec"))) {
            JsonNode volume = withName(pod.path("volumes"), "shards");
            assertEquals("mendian-shards", volume.at("/secret/secretName").asText(), pod.toString());
            JsonNode mount = withName(pod.at("/containers/0/volumeMounts"), "shards");
            assertEquals("/deployments/shards", mount.path("mountPath").asText());
            assertTrue(mount.path("readOnly").asBoolean(), "the shards' passwords are only read");
        }
        assertEquals(
                "/deployments/shards/shards.properties",
                configMap(prod, "-config").get("SMALLRYE_CONFIG_LOCATIONS"),
                "the app reads the file the Secret holds");
        List<JsonNode> single = render(null);
        assertFalse(one(single, "Deployment")
                .at("/spec/template/spec/volumes")
                .toString()
                .contains("shards"));
        assertFalse(configMap(single, "-config").keys().contains("SMALLRYE_CONFIG_LOCATIONS"));
    }

    private static JsonNode withName(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (name.equals(item.path("name").asText())) {
                return item;
            }
        }
        throw new AssertionError("no " + name + " in " + list);
    }

    @Test
    void theRealmImportCarriesTheBaseRealmNeverTheDevOverlay() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode base = json.readTree(Files.readString(Path.of("keycloak-realms/mendian-realm.json")));
        JsonNode shipped = json.readTree(configMap(render(null), "-realm").get("mendian-realm.json"));
        assertEquals(base, shipped, "helm/mendian/files/mendian-realm.json must equal keycloak-realms/");
        assertFalse(shipped.toString().contains("mendian-dev-cli"), "no password-grant client in production");
    }

    @Test
    void configMapsCarryNoSecretsAndTheAppFindsEveryVariableItReads() throws IOException {
        JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
        Set<String> secretKeys = new TreeSet<>();
        values.path("secretKeys").forEach(k -> secretKeys.add(k.asText()));
        for (String file : new String[] {null, "values-prod.yaml"}) {
            ConfigMapData config = configMap(render(file), "-config");
            for (String key : config.keys()) {
                assertFalse(secretKeys.contains(key), key + " is a secret and belongs in existingSecret");
                assertFalse(key.matches(".*(PASSWORD|SECRET|KEYSET|TOKEN|_AES_KEY|PRIVATE_KEY|V3_KEY).*"), key);
            }
            Set<String> read = appVariables();
            Set<String> missing = new TreeSet<>(read);
            missing.removeAll(config.keys());
            missing.removeAll(secretKeys);
            missing.remove("MENDIAN_MIGRATE_ONLY"); // set by the migration Job only
            assertEquals(Set.of(), missing, "variables the app reads that the chart sets nowhere");
            Set<String> unread = new TreeSet<>(config.keys());
            unread.removeAll(read);
            unread.removeAll(FOR_THE_IMAGE);
            assertEquals(Set.of(), unread, "variables the chart sets that the app never reads");
        }
        for (String guarded : new String[] {
            "MENDIAN_DB_PASSWORD", "MENDIAN_SECRETS_KEY", "MENDIAN_PII_AEAD_KEYSET", "MENDIAN_PAY_API_V3_KEY"
        }) {
            assertTrue(secretKeys.contains(guarded), guarded + " documented as a key of the Secret");
        }
    }

    @Test
    void itScalesOnCpuAndRequestsSpreadsAcrossZonesAndSurvivesDrains() throws IOException {
        List<JsonNode> defaults = render(null);
        assertEquals(
                "cpu",
                one(defaults, "HorizontalPodAutoscaler")
                        .at("/spec/metrics/0/resource/name")
                        .asText());
        assertTrue(one(defaults, "Deployment").at("/spec/replicas").isMissingNode(), "the HPA owns the count");
        assertEquals(
                1,
                one(defaults, "PodDisruptionBudget").at("/spec/maxUnavailable").asInt());
        List<JsonNode> prod = render("values-prod.yaml");
        JsonNode hpa = one(prod, "HorizontalPodAutoscaler");
        assertEquals(
                "http_server_requests_per_second",
                hpa.at("/spec/metrics/1/pods/metric/name").asText());
        JsonNode pod = one(prod, "Deployment").at("/spec/template/spec");
        assertEquals(
                "topology.kubernetes.io/zone",
                pod.at("/topologySpreadConstraints/0/topologyKey").asText());
        assertEquals(
                "DoNotSchedule",
                pod.at("/topologySpreadConstraints/0/whenUnsatisfiable").asText());
        assertFalse(pod.at("/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution")
                .isMissingNode());
        JsonNode ingress = one(prod, "Ingress");
        assertEquals("mendian-api-tls", ingress.at("/spec/tls/0/secretName").asText());
        assertEquals("http", one(prod, "Service").at("/spec/ports/0/targetPort").asText());
    }

    @Test
    void monitoringIsOptionalAndTheDashboardShowsTheSlos() throws IOException {
        assertTrue(all(render(null), "ServiceMonitor").isEmpty());
        List<JsonNode> prod = render("values-prod.yaml");
        assertEquals(
                "/q/metrics",
                one(prod, "ServiceMonitor").at("/spec/endpoints/0/path").asText());
        JsonNode dashboard =
                new ObjectMapper().readTree(configMap(prod, "-dashboard").get("mendian.json"));
        String expressions = dashboard.path("panels").findValues("expr").toString();
        assertTrue(expressions.contains("http_server_requests_seconds_bucket"), expressions);
        assertTrue(dashboard.path("panels").toString().contains("Checkout p95"), "the checkout SLO panel");
    }

    @Test
    void aChangedSettingRollsThePods() throws IOException {
        String before = one(render(null), "Deployment")
                .at("/spec/template/metadata/annotations/checksum~1config")
                .asText();
        String after = one(
                        parse(new Helm(renderable())
                                .template()
                                .set("config.publicUrl", "https://api.other.example.com")
                                .call()),
                        "Deployment")
                .at("/spec/template/metadata/annotations/checksum~1config")
                .asText();
        assertNotEquals(before, after);
    }

    private record ConfigMapData(JsonNode data) {
        Set<String> keys() {
            Set<String> keys = new TreeSet<>();
            data.fieldNames().forEachRemaining(keys::add);
            return keys;
        }

        String get(String key) {
            return data.path(key).asText();
        }
    }

    private static Set<String> appVariables() throws IOException {
        Matcher m = APP_VARIABLE.matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        Set<String> variables = new TreeSet<>();
        while (m.find()) {
            variables.add(m.group(1));
        }
        return variables;
    }

    private static List<JsonNode> render(String valuesFile) throws IOException {
        var template = new Helm(renderable()).template().withName("mendian");
        if (valuesFile != null) {
            template.withValuesFile(CHART.resolve(valuesFile));
        }
        return parse(template.call());
    }

    /** The chart with its hook annotations renamed, so that helm-java renders the hooks with everything else. */
    private static synchronized Path renderable() throws IOException {
        if (renderable == null) {
            Path copy = Files.createTempDirectory("chart").resolve("mendian");
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (source.getParent().endsWith("templates")) {
                        Files.writeString(target, Files.readString(source).replace("helm.sh/hook", HOOK));
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            renderable = copy;
        }
        return renderable;
    }

    private static List<JsonNode> parse(String manifest) throws IOException {
        try (var parser = new YAMLFactory().createParser(manifest)) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(n -> n != null && n.has("kind"))
                    .toList();
        }
    }

    private static List<JsonNode> all(List<JsonNode> manifests, String kind) {
        return manifests.stream()
                .filter(m -> kind.equals(m.path("kind").asText()))
                .toList();
    }

    private static JsonNode one(List<JsonNode> manifests, String kind) {
        List<JsonNode> found = all(manifests, kind);
        assertEquals(1, found.size(), "one " + kind);
        return found.getFirst();
    }

    private static JsonNode named(List<JsonNode> manifests, String kind, String nameContains) {
        return all(manifests, kind).stream()
                .filter(m -> m.at("/metadata/name").asText().contains(nameContains))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named *" + nameContains + "*"));
    }

    private static ConfigMapData configMap(List<JsonNode> manifests, String suffix) {
        return new ConfigMapData(all(manifests, "ConfigMap").stream()
                .filter(m -> m.at("/metadata/name").asText().endsWith(suffix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap *" + suffix))
                .path("data"));
    }

    private static String env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> name.equals(e.path("name").asText()))
                .map(e -> e.path("value").asText())
                .findFirst()
                .orElse(null);
    }
}
