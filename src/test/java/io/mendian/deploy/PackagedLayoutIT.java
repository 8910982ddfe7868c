package io.mendian.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The fast-jar layout that the container image (./mvnw package -Pimage, docs/operations/container-image.md) packs into
 * its layers, as the package phase leaves it: no registry is reachable here to build the image itself.
 */
class PackagedLayoutIT {

    private static final Path APP = Path.of("target/quarkus-app");

    @Test
    void thePackageHasTheLayersTheImageIsMadeOf() throws IOException {
        assertTrue(Files.isRegularFile(APP.resolve("quarkus-run.jar")), "the entry point");
        assertTrue(Files.isRegularFile(APP.resolve("quarkus/quarkus-application.dat")), "the generated model");
        assertTrue(count(APP.resolve("lib/boot")) > 0, "boot libraries");
        assertTrue(count(APP.resolve("lib/main")) > 100, "libraries, the image's largest and least changing layer");
        try (Stream<Path> app = Files.list(APP.resolve("app"))) {
            assertTrue(
                    app.anyMatch(p -> p.getFileName().toString().startsWith("mendian-")),
                    "Mendian's own classes in their own layer");
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
