package io.mendian.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Explains a 500 seen by a test of the packaged app: the body quotes only an error id, and the app's log (under
 * {@code target/}) holds what happened. CI shows the test's output but not those logs, so a failure prints the entry.
 */
public final class AppLogs {

    private static final Pattern ERROR_ID = Pattern.compile("Error id ([0-9a-f-]{20,})");
    private static final int LINES = 40;

    private AppLogs() {}

    /** Prints the log lines around every error id the failure (or its causes) quotes, from logs named {@code prefix*}. */
    public static void explain(Throwable failure, String prefix) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher id = ERROR_ID.matcher(String.valueOf(t.getMessage()));
            while (id.find()) {
                print(id.group(1), prefix);
            }
        }
    }

    private static void print(String errorId, String prefix) {
        try (Stream<Path> logs = Files.list(Path.of("target"))) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList()) {
                List<String> lines = Files.readAllLines(log);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(errorId)) {
                        System.out.println("APP LOG " + log.getFileName() + " at error " + errorId + ":");
                        lines.subList(i, Math.min(lines.size(), i + LINES)).forEach(l -> System.out.println("  " + l));
                    }
                }
            }
        } catch (IOException e) {
            System.out.println("APP LOG unreadable: " + e);
        }
    }
}
