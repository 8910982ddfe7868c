package io.mendian.web;

/**
 * Whether a failure means a dependency did not answer at all (refused, timed out, not found in DNS) rather than
 * answered with an error: the first is an outage the caller hears as 503 and may retry, the second is a fault to look
 * into.
 */
public final class Outages {

    private Outages() {}

    public static boolean unreachable(Throwable e) {
        Throwable cause = e;
        // Bounded: a cause chain can loop, and the network failure is never buried deeper than a few wrappers.
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException
                    || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof java.net.http.HttpTimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException
                    // The other end closed the connection mid-exchange: a dependency that died, or (seen by the
                    // sandboxes, which serve the app) a caller killed mid-request; either way not a fault of ours.
                    || cause instanceof io.vertx.core.http.HttpClosedException
                    || String.valueOf(cause.getMessage()).contains("Connection refused")
                    || (cause instanceof java.sql.SQLException sql && lostServer(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL's states for a server that is gone or going: connection exceptions (class 08) and operator
     * intervention (57P01 shut down by an administrator, 57P02 crash shutdown, 57P03 cannot connect now).
     */
    private static boolean lostServer(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
