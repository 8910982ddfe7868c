package io.mendian.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Explains a 500 seen by a test of the packaged app: the body quotes only an error or request id, and the app's log (under
 * {@code target/}) holds what happened. CI shows only the tail of the build's output (the failure summary, one line per
 * failure), so the explanation goes into the failure's own message rather than onto standard output.
 */
public final class AppLogs {

    private static final Pattern ERROR_ID = Pattern.compile("(?:Error id |\"requestId\":\")([0-9a-f-]{20,})");
    private static final int LINES = 60;
    private static final int KEPT = 24;
    /** Frames of our own code kept per exception in the chain. */
    private static final int OUR_FRAMES = 3;
    /** What the app logs for a failure it answered with a 500 (ProblemMappers). */
    private static final String UNEXPECTED = "unexpected error on ";

    private AppLogs() {}

    /**
     * The failure itself when it quotes no error id; otherwise an {@link AssertionError} whose one-line message adds
     * what the app logged for each id: the log line, its exception and causes, each with the frame that threw it and
     * the first of our own frames it passed.
     */
    public static Throwable explained(Throwable failure, String prefix) {
        List<String> found = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher id = ERROR_ID.matcher(String.valueOf(t.getMessage()));
            while (id.find()) {
                if (!ids.contains(id.group(1))) {
                    ids.add(id.group(1));
                    found.addAll(entry(id.group(1), prefix));
                }
            }
        }
        if (found.isEmpty() && !ids.isEmpty()) {
            // The id was not logged (or the log was lost): the app's own errors still say what went wrong.
            found.addAll(entry(UNEXPECTED, prefix));
        }
        if (found.isEmpty()) {
            return failure;
        }
        found.forEach(line -> System.out.println("APP LOG " + line));
        String summary = String.join(" | ", found);
        return new AssertionError(
                failure.getMessage() + " -- the app logged: "
                        + (summary.length() > 3000 ? summary.substring(0, 3000) + " …" : summary),
                failure);
    }

    /** The lines of {@code prefix*} logs that tell what happened at {@code errorId}, with the frames that say where. */
    private static List<String> entry(String errorId, String prefix) {
        List<String> kept = new ArrayList<>();
        try (Stream<Path> logs = Files.list(Path.of("target"))) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList()) {
                List<String> lines = Files.readAllLines(log);
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).contains(errorId)) {
                        continue;
                    }
                    kept.add(log.getFileName() + ": " + clip(lines.get(i)));
                    // An exception's own line, then where it was thrown and where it passed through our code: a bare
                    // NullPointerException says nothing without them.
                    boolean throwSite = false;
                    int ours = 0;
                    for (String line : lines.subList(i + 1, Math.min(lines.size(), i + LINES))) {
                        String trimmed = line.strip();
                        if (kept.size() >= KEPT || trimmed.matches("\\d\\d:\\d\\d:\\d\\d.*")) {
                            break; // the next log entry
                        }
                        if (trimmed.startsWith("at ")) {
                            boolean mine = trimmed.startsWith("at io.mendian.") && ours < OUR_FRAMES;
                            if (throwSite || mine) {
                                kept.add(clip(trimmed));
                                ours += mine ? 1 : 0;
                            }
                            throwSite = false;
                        } else if (!trimmed.startsWith("...") && !trimmed.isEmpty()) {
                            kept.add(clip(trimmed));
                            throwSite = true;
                            ours = 0;
                        }
                    }
                }
            }
        } catch (IOException e) {
            kept.add("logs unreadable: " + e);
        }
        return kept;
    }

    private static String clip(String line) {
        return line.length() > 400 ? line.substring(0, 400) + " …" : line;
    }
}
