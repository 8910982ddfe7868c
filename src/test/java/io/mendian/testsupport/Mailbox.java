package io.mendian.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.mendian.testinfra.InfraTestResource;

/** Reads what the app and Keycloak sent to the test's GreenMail server. */
public final class Mailbox {

    private Mailbox() {}

    /** Messages to this address so far. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(InfraTestResource.infra().mail().getReceivedMessages())
                .filter(m -> addressedTo(m, address))
                .toList();
    }

    /** Waits for a message to the address whose subject contains the text, and returns its body. */
    public static String await(String address, String subjectContains) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (MimeMessage message : to(address)) {
                try {
                    if (message.getSubject() != null && message.getSubject().contains(subjectContains)) {
                        return GreenMailUtil.getBody(message);
                    }
                } catch (MessagingException e) {
                    throw new AssertionError(e);
                }
            }
            Brands.sleep(100);
        }
        throw new AssertionError("no mail to " + address + " about '" + subjectContains + "' within 20 s; got "
                + to(address).size() + " other(s)");
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            var recipients = message.getRecipients(Message.RecipientType.TO);
            return recipients != null
                    && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            return false;
        }
    }
}
