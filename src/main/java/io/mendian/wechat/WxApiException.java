package io.mendian.wechat;

/** WeChat answered with a non-zero errcode (or could not be reached: errcode -1). */
public class WxApiException extends RuntimeException {

    private final int errcode;

    public WxApiException(int errcode, String errmsg) {
        super("WeChat error " + errcode + ": " + errmsg);
        this.errcode = errcode;
    }

    public int errcode() {
        return errcode;
    }
}
