package io.mendian.payment.app;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;

import io.mendian.web.Problem;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;

/** Turns what the WeChat Pay SDK throws into problems a caller can read (502: WeChat Pay, not the request, failed). */
final class PayFailures {

    private PayFailures() {}

    static ProblemException translate(RuntimeException e) {
        if (e instanceof ProblemException problem) {
            return problem;
        }
        if (e instanceof ServiceException s && s.getHttpStatusCode() >= 500) {
            // WeChat Pay's own trouble, not a verdict on the payment: the caller may simply ask again.
            return new ProblemException(Problem.of(
                                    503,
                                    "wechat-pay-unavailable",
                                    "WeChat Pay unavailable",
                                    "WeChat Pay is not answering properly right now (" + s.getHttpStatusCode()
                                            + "); try again in a moment")
                            .with("retryAfterSeconds", 2))
                    .with("wechatCode", s.getErrorCode());
        }
        if (e instanceof ServiceException s) {
            return new ProblemException(Problem.of(
                            502,
                            "wechat-pay-refused",
                            "WeChat Pay refused",
                            "WeChat Pay answered " + s.getHttpStatusCode() + " " + s.getErrorCode() + ": "
                                    + Problem.clip(s.getErrorMessage(), 200)))
                    .with("wechatCode", s.getErrorCode());
        }
        if (e instanceof ValidationException || e instanceof MalformedMessageException) {
            Log.errorf(e, "WeChat Pay answer failed verification");
            return new ProblemException(Problem.of(
                    502, "wechat-pay-unverified", "WeChat Pay's answer was not verified", "the answer was refused"));
        }
        if (e instanceof HttpException) {
            return new ProblemException(Problem.of(
                    503,
                    "wechat-pay-unavailable",
                    "WeChat Pay unavailable",
                    "WeChat Pay cannot be reached; try again"));
        }
        return null;
    }

    /** True for failures that say nothing about the payment (WeChat Pay unreachable or its answer unusable). */
    static boolean transientFailure(RuntimeException e) {
        return e instanceof HttpException
                || e instanceof ValidationException
                || e instanceof MalformedMessageException
                || (e instanceof ServiceException s && s.getHttpStatusCode() >= 500);
    }
}
