package io.mendian.membership.login;

/** Where one-time codes go out: the sandbox here, an SMS provider in production. */
public interface SmsChannel {

    /** Sends the text to a mainland mobile number, or refuses with a problem (503 sms-unavailable). */
    void send(String appid, String phone, String text);
}
