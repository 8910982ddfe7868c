package io.mendian.wechat.sandbox.pay;

/** An error answer as WeChat Pay gives it: an HTTP status and a body {@code {"code","message"}}. */
public class PayError extends RuntimeException {

    private final int status;
    private final String code;

    public PayError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static PayError param(String message) {
        return new PayError(400, "PARAM_ERROR", message);
    }

    static PayError notFound(String code, String message) {
        return new PayError(404, code, message);
    }
}
