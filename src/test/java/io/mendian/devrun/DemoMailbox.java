package io.mendian.devrun;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

/**
 * Copies every message the demo's mail server receives (invitations, Keycloak's set-password mail) into
 * {@code target/demo-mail/} as {@code .eml} files, so that a person can open them without a mail client.
 */
final class DemoMailbox implements AutoCloseable {

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-mailbox");
        thread.setDaemon(true);
        return thread;
    });
    private final Path folder;
    private int written;

    DemoMailbox(GreenMail mail, Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
        poller.scheduleWithFixedDelay(() -> copyNew(mail), 1, 2, TimeUnit.SECONDS);
    }

    Path folder() {
        return folder;
    }

    private void copyNew(GreenMail mail) {
        MimeMessage[] messages = mail.getReceivedMessages();
        for (; written < messages.length; written++) {
            try (OutputStream out = Files.newOutputStream(folder.resolve(String.format("%03d.eml", written + 1)))) {
                messages[written].writeTo(out);
                System.out.println("Mail to "
                        + String.join(
                                ", ",
                                java.util.Arrays.stream(messages[written].getAllRecipients())
                                        .map(Object::toString)
                                        .toList())
                        + ": " + messages[written].getSubject() + "  ("
                        + folder.resolve(String.format("%03d.eml", written + 1)) + ")");
            } catch (IOException | MessagingException e) {
                System.err.println("demo mailbox: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
