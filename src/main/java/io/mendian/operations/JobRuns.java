package io.mendian.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.SuccessfulExecution;

/**
 * Writes every run of a scheduled job with the fire time it ran for, on the instance that ran it (at DEBUG, category
 * {@code io.mendian.operations}). With several instances, a clustered job's fire time must appear in exactly one
 * instance's log: ClusterIT reads them all to prove it, and an operator can do the same when in doubt.
 */
@ApplicationScoped
public class JobRuns {

    void ran(@Observes SuccessfulExecution event) {
        log(event.getExecution(), "ran");
    }

    void failed(@Observes FailedExecution event) {
        log(event.getExecution(), "failed (" + event.getException() + ")");
    }

    private static void log(ScheduledExecution execution, String outcome) {
        Log.debugf(
                "scheduled job %s %s for %s",
                execution.getTrigger().getId(), outcome, execution.getScheduledFireTime());
    }
}
