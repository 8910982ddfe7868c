package io.mendian.membership.login;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.web.ProblemException;

/** The sandbox phone's inbox: what an SMS login sent to a number (404 unless the sandbox is on). */
@Path("/sandbox/sms/messages")
@Tag(name = "Sandbox")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SandboxSmsResource {

    private final SandboxSms sms;

    public SandboxSmsResource(SandboxSms sms) {
        this.sms = sms;
    }

    @GET
    @Operation(summary = "Test control: the last messages sent to a phone, newest first")
    public List<SandboxSms.Message> messages(@QueryParam("phone") String phone) {
        if (!sms.enabled()) {
            throw ProblemException.notFound("sandbox");
        }
        if (phone == null || !phone.matches("^1[0-9]{10}$")) {
            throw ProblemException.badRequest("invalid-phone", "phone: a mainland mobile number, 11 digits");
        }
        return sms.messages(phone);
    }
}
