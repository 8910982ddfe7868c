package io.mendian.platform.signup;

/** The provisioning saga, in order. Each step is idempotent: re-running it after a crash finds its own work done. */
public enum ProvisioningStep {
    VALIDATE,
    REGISTER_TENANT,
    CREATE_SCHEMA,
    CREATE_ORGANIZATION,
    CREATE_ADMIN,
    APPLY_TEMPLATE,
    REGISTER_APP,
    START_TRIAL,
    ACTIVATE
}
