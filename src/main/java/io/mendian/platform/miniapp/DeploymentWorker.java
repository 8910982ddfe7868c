package io.mendian.platform.miniapp;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.platform.miniapp.DeploymentRows.Claim;
import io.mendian.platform.miniapp.Deployments.State;
import io.mendian.web.ProblemException;
import io.mendian.wechat.OpenPlatformApi;
import io.mendian.wechat.WeChatEndpoints;
import io.mendian.wechat.WxApiException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The deployment worker: claims the next due row and makes the one WeChat call its state asks for (set the server
 * domain, commit the template, submit for audit, poll the audit, release). Split out of {@link Deployments} so that
 * what each step says to WeChat, and how WeChat's answers are read, is apart from the row bookkeeping in
 * {@link DeploymentRows}; every outcome, failure included, is handed back to it.
 */
@ApplicationScoped
class DeploymentWorker {

    private final OpenPlatformApi api;
    private final TokenStore tokens;
    private final WeChatEndpoints endpoints;
    private final DeploymentRows rows;
    private final ExtJson extJson;

    DeploymentWorker(
            OpenPlatformApi api, TokenStore tokens, WeChatEndpoints endpoints, DeploymentRows rows, ExtJson extJson) {
        this.api = api;
        this.tokens = tokens;
        this.endpoints = endpoints;
        this.rows = rows;
        this.extJson = extJson;
    }

    @Scheduled(
            every = "${mendian.miniapp.worker-interval:2s}",
            delayed = "3s",
            executeWith = Scheduled.SIMPLE,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        for (int i = 0; i < 20; i++) {
            var claim = QuarkusTransaction.requiringNew().call(rows::claim);
            if (claim.isEmpty()) {
                return;
            }
            advance(claim.get());
        }
    }

    private void advance(Claim claim) {
        try {
            String token = tokens.authorizerToken(claim.appid());
            switch (claim.state()) {
                case PENDING -> {
                    api.modifyDomain(token, URI.create(endpoints.publicUrl()).getHost());
                    rows.move(
                            claim,
                            State.DOMAINS_SET,
                            null,
                            "server domain set to "
                                    + URI.create(endpoints.publicUrl()).getHost());
                }
                case DOMAINS_SET -> {
                    api.commit(
                            token,
                            claim.templateId(),
                            extJson.of(claim.tenant(), claim.appid()),
                            claim.version(),
                            "Mendian " + claim.version());
                    rows.move(
                            claim,
                            State.COMMITTED,
                            null,
                            "committed template " + claim.templateId() + " v" + claim.version());
                }
                case COMMITTED -> submit(claim, token);
                case AUDITING -> poll(claim, token);
                case AUDIT_PASSED -> release(claim, token);
                default -> rows.move(claim, claim.state(), null, null);
            }
        } catch (WxApiException | ProblemException e) {
            rows.retry(claim, e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "deployment %d failed unexpectedly", claim.id());
            rows.retry(claim, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void submit(Claim claim, String token) {
        // A 85009 (another version of this mini-program is still under audit, submitted outside this deployment)
        // propagates to a retry: that audit is not ours to release, so wait rather than adopt its result.
        long auditId = api.submitAudit(token, "Mendian store mini-program " + claim.version())
                .path("auditid")
                .asLong();
        rows.auditing(claim.id(), auditId);
    }

    /** The push did not come within the poll window: ask WeChat (0 passed, 1 rejected, 2 auditing, 4 delayed). */
    private void poll(Claim claim, String token) {
        var status = api.latestAuditStatus(token);
        switch (status.path("status").asInt(2)) {
            case 0 -> rows.move(claim, State.AUDIT_PASSED, null, "audit passed (polled)");
            case 1 ->
                rows.move(
                        claim, State.AUDIT_FAILED, status.path("reason").asText("rejected"), "audit rejected (polled)");
            case 3 -> rows.move(claim, State.AUDIT_FAILED, "the audit was withdrawn", "audit withdrawn (polled)");
            default -> rows.move(claim, State.AUDITING, null, "still under audit (polled)");
        }
    }

    private void release(Claim claim, String token) {
        try {
            api.release(token);
        } catch (WxApiException e) {
            // 85052: this version is already released (an earlier attempt got through before its answer was lost).
            if (e.errcode() != 85052) {
                throw e;
            }
        }
        rows.released(claim.id());
        rows.move(claim, State.RELEASED, null, "released v" + claim.version());
    }
}
