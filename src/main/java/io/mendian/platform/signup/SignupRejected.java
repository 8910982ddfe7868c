package io.mendian.platform.signup;

/**
 * A provisioning step refused the signup for a reason the person signing up can act on (the slug was taken meanwhile,
 * say). Its message is shown to anonymous job readers; every other failure is shown only as a reference into the log,
 * because it may carry an upstream system's answer (Keycloak's, PostgreSQL's).
 */
public class SignupRejected extends RuntimeException {
    public SignupRejected(String message) {
        super(message);
    }
}
