package io.mendian.platform.miniapp;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.mendian.web.Problem;
import io.mendian.web.ProblemMappers;
import io.mendian.wechat.WxApiException;
import io.quarkus.logging.Log;

/**
 * WeChat said no, or could not be reached, while serving a request. A code the caller brought that WeChat rejects
 * (an expired or used auth_code) is the caller's 400; anything else is WeChat's failure, a 502 naming its errcode.
 */
public class WeChatErrorMapper {

    @ServerExceptionMapper
    public Response map(WxApiException e, UriInfo uri) {
        if (e.errcode() == 61010) {
            return ProblemMappers.respond(
                    Problem.of(
                            400,
                            "invalid-authorization-code",
                            "Bad Request",
                            "WeChat rejected the authorization code (expired or already used); authorize again"),
                    uri);
        }
        Log.warnf("WeChat call failed: %s", e.getMessage());
        Problem problem = Problem.of(
                502, "wechat-error", "Bad Gateway", "WeChat answered errcode " + e.errcode() + "; try again later");
        return ProblemMappers.respond(problem.with("errcode", e.errcode()), uri);
    }
}
