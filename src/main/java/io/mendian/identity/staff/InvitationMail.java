package io.mendian.identity.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Tells the invitee, after the invitation committed (a rolled-back invitation sends nothing). A mail server that is
 * down loses only the notice: the invitation waits in {@code GET /api/me/invitations} all the same.
 */
@ApplicationScoped
class InvitationMail {

    private final Mailer mailer;
    private final String consoleUrl;

    InvitationMail(
            Mailer mailer,
            @ConfigProperty(name = "mendian.console-url", defaultValue = "http://127.0.0.1:8080") String consoleUrl) {
        this.mailer = mailer;
        this.consoleUrl = consoleUrl;
    }

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) InvitationIssued invitation) {
        String roles = String.join(
                ", ",
                invitation.grants().stream()
                        .map(g -> g.substring(g.indexOf(':') + 1))
                        .toList());
        String text = """
                %s invites you to join brand "%s" on Mendian as %s.

                Sign in with your existing Mendian account (%s) and accept or decline the invitation:
                %s/me/invitations

                (API: GET /api/me/invitations, then POST /api/me/invitations/%s/accept or /decline.)
                Nothing changes for your account until you accept. If you did not expect this, ignore this e-mail.
                """.formatted(
                        invitation.invitedBy(),
                        invitation.brand(),
                        roles,
                        invitation.email(),
                        consoleUrl,
                        invitation.invitationId());
        try {
            mailer.send(
                    Mail.withText(invitation.email(), "Mendian: join " + invitation.brand() + " as " + roles, text));
        } catch (RuntimeException e) {
            Log.warnf(
                    "invitation %s: e-mail not sent (%s); it is still waiting in the invitee's inbox in the API",
                    invitation.invitationId(), e.getMessage());
        }
    }
}
