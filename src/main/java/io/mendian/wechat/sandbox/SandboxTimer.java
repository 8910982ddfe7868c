package io.mendian.wechat.sandbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one thread on which the sandbox sends its pushes that WeChat sends asynchronously (the authorized event, audit
 * results after a delay). One thread for all of them, so that they reach the platform one at a time and in order, as
 * before the sandbox was split into {@link SandboxAuthorizations} and {@link SandboxCodeManagement}.
 */
@ApplicationScoped
class SandboxTimer {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "wechat-sandbox");
        thread.setDaemon(true);
        return thread;
    });

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    void now(Runnable task) {
        timer.execute(task);
    }

    void after(Duration delay, Runnable task) {
        timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
