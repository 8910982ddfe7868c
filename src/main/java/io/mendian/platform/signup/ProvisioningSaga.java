package io.mendian.platform.signup;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.mendian.operations.BusinessMetrics;
import io.mendian.platform.signup.persistence.SignupJobEntity;
import io.mendian.platform.signup.persistence.SignupStepEntity.State;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs signup jobs step by step. Progress is committed after every step; a worker that dies (kill -9, lost node)
 * leaves its lease to expire, and the recovery sweep on any instance resumes the job at the first unfinished
 * step. A step that fails records why and stops the job until someone retries it.
 */
@ApplicationScoped
public class ProvisioningSaga {

    private final String owner = "node-" + UUID.randomUUID();
    private final SignupJobs jobs;
    private final ProvisioningSteps steps;
    private final Faults faults;
    private final java.util.Set<UUID> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newFixedThreadPool(
            2, Thread.ofPlatform().daemon().name("provisioning-", 0).factory());

    private final BusinessMetrics metrics;

    public ProvisioningSaga(SignupJobs jobs, ProvisioningSteps steps, Faults faults, BusinessMetrics metrics) {
        this.metrics = metrics;
        this.jobs = jobs;
        this.steps = steps;
        this.faults = faults;
    }

    public void submit(UUID jobId) {
        // One worker per job on this instance: the recovery sweep must not start a second run of a job that this
        // instance is still working on (both would hold the same lease owner).
        if (inFlight.add(jobId)) {
            workers.submit(() -> {
                try {
                    runGuarded(jobId);
                } finally {
                    inFlight.remove(jobId);
                }
            });
        }
    }

    void onStart(@Observes @Priority(100) StartupEvent event) {
        resumeAbandoned();
    }

    /** Resumes jobs whose worker is gone. Runs at startup and periodically on every instance. */
    @Scheduled(
            every = "${mendian.signup.recovery-interval:15s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            executeWith = Scheduled.SIMPLE)
    public void resumeAbandoned() {
        for (UUID id : jobs.abandoned()) {
            Log.infof("resuming signup job %s", id);
            submit(id);
        }
    }

    void runGuarded(UUID jobId) {
        try {
            run(jobId);
        } catch (Faults.SimulatedCrash crash) {
            Log.warnf("signup job %s: %s (the worker dies; the lease will expire)", jobId, crash.getMessage());
        } catch (SignupJobs.LeaseLostException lost) {
            Log.infof("signup job %s: lease taken over by another instance", jobId);
        } catch (RuntimeException e) {
            Log.errorf(e, "signup job %s: unexpected failure", jobId);
        }
    }

    /** Runs the job to completion or to its first failing step. Safe to call for a job another worker holds. */
    public void run(UUID jobId) {
        if (!jobs.claim(jobId, owner)) {
            return;
        }
        for (ProvisioningStep step : ProvisioningStep.values()) {
            if (jobs.stepState(jobId, step) == State.DONE) {
                continue;
            }
            jobs.startStep(jobId, step, owner);
            SignupJobEntity job = jobs.load(jobId);
            String detail;
            try {
                faults.checkpoint("before:" + step);
                detail = steps.run(step, job);
            } catch (RuntimeException e) {
                metrics.countNow("mendian.provisioning.steps", "step", step.name(), "outcome", "failed");
                jobs.failStep(jobId, step, publicReason(jobId, step, e));
                return;
            }
            metrics.countNow("mendian.provisioning.steps", "step", step.name(), "outcome", "done");
            // A crash here leaves the step's work done but unrecorded: the re-run must find it and not repeat it.
            faults.checkpoint("after:" + step);
            jobs.finishStep(jobId, step, detail);
        }
        jobs.succeed(jobId);
        Log.infof("signup job %s succeeded", jobId);
    }

    /**
     * What the job shows its (anonymous) readers: a rejection's own words, or a reference into the log for anything
     * else, whose message may quote Keycloak or PostgreSQL.
     */
    private static String publicReason(UUID jobId, ProvisioningStep step, RuntimeException e) {
        if (e instanceof io.mendian.web.ProblemException problem) {
            Log.warnf(
                    "signup job %s rejected at %s: %s",
                    jobId, step, problem.problem().getDetail());
            return problem.problem().getDetail();
        }
        if (e instanceof SignupRejected rejected) {
            Log.warnf("signup job %s rejected at %s: %s", jobId, step, rejected.getMessage());
            return rejected.getMessage();
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        Log.errorf(e, "signup job %s failed at %s (reference %s)", jobId, step, reference);
        return "an internal error stopped this step (reference " + reference + "); retry with POST /api/signup/" + jobId
                + "/retry";
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
