package io.mendian.platform.signup;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.platform.signup.persistence.SignupJobEntity;
import io.mendian.platform.signup.persistence.SignupJobEntity.Status;
import io.mendian.platform.signup.persistence.SignupStepEntity;
import io.mendian.platform.signup.persistence.SignupStepEntity.State;

/**
 * Durable state of signup jobs. Every method commits on its own, so that what the saga did survives a crash of the
 * next step. A lease (owner plus expiry, in database time) keeps two instances from running one job at once.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class SignupJobs {

    private final long leaseSeconds;

    public SignupJobs(@ConfigProperty(name = "mendian.signup.lease", defaultValue = "60S") Duration lease) {
        this.leaseSeconds = Math.max(1, lease.toSeconds());
    }

    /** Takes or renews the lease; false when another live worker holds it or the job is finished. */
    public boolean claim(UUID id, String owner) {
        int updated = SignupJobEntity.getEntityManager()
                .createNativeQuery(
                        "update platform.signup_job set lease_owner = ?1, "
                                + "lease_until = now() + make_interval(secs => ?2), status = 'RUNNING', updated_at = now() "
                                + "where id = ?3 and status in ('PENDING', 'RUNNING') and (lease_owner is null or lease_until < now() or lease_owner = ?1)")
                .setParameter(1, owner)
                .setParameter(2, (double) leaseSeconds)
                .setParameter(3, id)
                .executeUpdate();
        return updated == 1;
    }

    /** Jobs that should be running but whose worker is gone (lease expired or never taken). */
    public List<UUID> abandoned() {
        return SignupJobEntity.<SignupJobEntity>list(
                        "status in ?1 and (leaseUntil is null or leaseUntil < ?2)",
                        List.of(Status.PENDING, Status.RUNNING),
                        OffsetDateTime.now(ZoneOffset.UTC))
                .stream()
                .map(j -> j.id)
                .toList();
    }

    public SignupJobEntity load(UUID id) {
        SignupJobEntity job = SignupJobEntity.findById(id);
        if (job != null) {
            SignupJobEntity.getEntityManager().detach(job);
        }
        return job;
    }

    public State stepState(UUID id, ProvisioningStep step) {
        SignupStepEntity row = SignupStepEntity.findById(new SignupStepEntity.Key(id, step.name()));
        return row == null ? State.PENDING : row.state;
    }

    public void startStep(UUID id, ProvisioningStep step, String owner) {
        if (!claim(id, owner)) {
            throw new LeaseLostException();
        }
        SignupStepEntity row = SignupStepEntity.findById(new SignupStepEntity.Key(id, step.name()));
        row.state = State.RUNNING;
        row.attempts++;
        row.error = null;
        row.startedAt = now();
    }

    public void finishStep(UUID id, ProvisioningStep step, String detail) {
        SignupStepEntity row = SignupStepEntity.findById(new SignupStepEntity.Key(id, step.name()));
        row.state = State.DONE;
        row.detail = clip(detail, 500);
        row.finishedAt = now();
    }

    public void failStep(UUID id, ProvisioningStep step, String error) {
        SignupStepEntity row = SignupStepEntity.findById(new SignupStepEntity.Key(id, step.name()));
        row.state = State.FAILED;
        row.error = clip(error, 2000);
        row.finishedAt = now();
        SignupJobEntity job = SignupJobEntity.findById(id);
        job.status = Status.FAILED;
        job.error = clip(step + ": " + error, 2000);
        job.leaseOwner = null;
        job.leaseUntil = null;
        job.updatedAt = now();
    }

    public void succeed(UUID id) {
        SignupJobEntity job = SignupJobEntity.findById(id);
        job.status = Status.SUCCEEDED;
        job.error = null;
        job.leaseOwner = null;
        job.leaseUntil = null;
        job.finishedAt = now();
        job.updatedAt = job.finishedAt;
    }

    public void recordAdmin(UUID id, String userId, String state, String secret) {
        SignupJobEntity job = SignupJobEntity.findById(id);
        if (userId != null) {
            job.adminUserId = userId;
        }
        job.adminUserState = state;
        if (secret != null) {
            job.temporarySecret = secret;
            job.secretRevealed = false;
        }
        job.updatedAt = now();
    }

    /** Puts a failed job back in the queue; its failed step will run again. */
    public boolean requeue(UUID id) {
        SignupJobEntity job = SignupJobEntity.findById(id);
        if (job == null || job.status != Status.FAILED) {
            return false;
        }
        SignupStepEntity.update(
                "state = ?1, error = null where jobId = ?2 and state in ?3",
                State.PENDING,
                id,
                List.of(State.FAILED, State.RUNNING));
        job.status = Status.PENDING;
        job.error = null;
        job.updatedAt = now();
        return true;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** The lease was taken over by another instance (this one stalled past its expiry); stop quietly. */
    public static final class LeaseLostException extends RuntimeException {
        public LeaseLostException() {
            super("lease lost");
        }
    }
}
