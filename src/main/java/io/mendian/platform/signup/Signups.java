package io.mendian.platform.signup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.mendian.platform.signup.persistence.SignupJobEntity;
import io.mendian.platform.signup.persistence.SignupStepEntity;
import io.mendian.platform.signup.persistence.SignupStepEntity.State;
import io.mendian.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Accepts signups, answers progress queries and retries failed jobs. */
@ApplicationScoped
public class Signups {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SignupRules rules;
    private final ProvisioningSaga saga;
    private final SignupJobs jobs;

    public Signups(SignupRules rules, ProvisioningSaga saga, SignupJobs jobs) {
        this.rules = rules;
        this.saga = saga;
        this.jobs = jobs;
    }

    /** The job for this request: a new one, or the one an earlier request with the same key created. */
    public SignupView accept(String idempotencyKey, SignupRequest request) {
        String hash = hash(request);
        SignupJobEntity earlier = QuarkusTransaction.requiringNew()
                .call(() -> SignupJobEntity.<SignupJobEntity>find("idempotencyKey", idempotencyKey)
                        .firstResult());
        if (earlier != null) {
            return replay(earlier, hash);
        }
        rules.checkSlugShape(request.slug());
        rules.checkIndustryAndPlan(request.industry(), request.plan());
        if (request.appid() != null) {
            // Anyone can type an appid; only WeChat's authorization proves the mini-program is the brand's.
            throw ProblemException.unprocessable(
                            "appid-needs-authorization",
                            "a mini-program joins a brand only through WeChat's authorization: sign up without appid, then "
                                    + "authorize it from HQ (POST /api/hq/miniapp/authorization)")
                    .with("appid", request.appid());
        }
        UUID id;
        try {
            id = QuarkusTransaction.requiringNew().call(() -> create(idempotencyKey, hash, request));
        } catch (PersistenceException | ProblemException e) {
            // Lost a race: either the same key (replay it) or the same slug (taken).
            SignupJobEntity winner = QuarkusTransaction.requiringNew()
                    .call(() -> SignupJobEntity.<SignupJobEntity>find("idempotencyKey", idempotencyKey)
                            .firstResult());
            if (winner != null) {
                return replay(winner, hash);
            }
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.conflict(
                    "slug-taken", "slug " + request.slug() + " is already taken; choose another");
        }
        saga.submit(id);
        return view(id, false);
    }

    private UUID create(String key, String hash, SignupRequest request) {
        rules.checkSlugFree(request.slug());
        SignupJobEntity job = new SignupJobEntity();
        job.id = UUID.randomUUID();
        job.idempotencyKey = key;
        job.requestHash = hash;
        job.tenantId = request.slug();
        job.brandName = request.brandName().strip();
        job.adminEmail = request.adminEmail().strip().toLowerCase(Locale.ROOT);
        job.industry = request.industry();
        job.plan = request.plan();
        // Browsing starts on a sandbox appid; the brand's real mini-program is bound when WeChat authorizes it.
        job.appid = sandboxAppid();
        job.appKind = "SANDBOX";
        job.status = SignupJobEntity.Status.PENDING;
        job.createdAt = SignupJobs.now();
        job.updatedAt = job.createdAt;
        job.persist();
        int position = 0;
        for (ProvisioningStep step : ProvisioningStep.values()) {
            SignupStepEntity row = new SignupStepEntity();
            row.jobId = job.id;
            row.step = step.name();
            row.position = position++;
            row.state = State.PENDING;
            row.persist();
        }
        SignupJobEntity.flush();
        return job.id;
    }

    private SignupView replay(SignupJobEntity earlier, String hash) {
        if (!earlier.requestHash.equals(hash)) {
            throw ProblemException.unprocessable(
                    "idempotency-key-reused", "this Idempotency-Key was used for a different signup");
        }
        return view(earlier.id, false);
    }

    /** The job's progress. The initial password (dev and test) is included in the first view after success only. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public SignupView view(UUID id, boolean reveal) {
        SignupJobEntity job = SignupJobEntity.findById(id);
        if (job == null) {
            throw ProblemException.notFound("signup job " + id);
        }
        List<SignupView.StepView> steps =
                SignupStepEntity.<SignupStepEntity>list("jobId = ?1 order by position", id).stream()
                        .map(s -> new SignupView.StepView(
                                s.step, s.state.name(), s.attempts, s.detail, s.error, s.startedAt, s.finishedAt))
                        .toList();
        SignupView.Result result = null;
        if (job.status == SignupJobEntity.Status.SUCCEEDED) {
            String password = null;
            if (reveal && job.temporarySecret != null && !job.secretRevealed) {
                password = job.temporarySecret;
                job.temporarySecret = null;
                job.secretRevealed = true;
            }
            String note = "INVITED".equals(job.adminUserState)
                    ? "an account with this e-mail already exists: sign in with it and accept the invitation "
                            + "we e-mailed (GET /api/me/invitations) to become this brand's admin"
                    : password != null
                            ? "store this password now: it is not shown again"
                            : job.secretRevealed
                                    ? "the initial password was already shown"
                                    : "check your e-mail to set your password";
            result = new SignupView.Result(job.tenantId, job.appid, job.adminEmail, password, note);
        }
        return new SignupView(
                job.id, job.tenantId, job.status.name(), job.error, steps, result, job.createdAt, job.finishedAt);
    }

    public SignupView retry(UUID id) {
        if (!jobs.requeue(id)) {
            var current = view(id, false);
            throw ProblemException.conflict(
                    "not-retryable", "only a FAILED job can be retried; this one is " + current.status());
        }
        saga.submit(id);
        return view(id, false);
    }

    private static String sandboxAppid() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "wx" + HexFormat.of().formatHex(bytes);
    }

    private static String hash(SignupRequest request) {
        String canonical = String.join(
                "\u0000",
                request.brandName(),
                request.slug(),
                request.adminEmail().toLowerCase(Locale.ROOT),
                request.industry(),
                request.plan(),
                String.valueOf(request.appid()));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
