package io.mendian.wechat;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * WeChat's HTTP API as a Quarkus REST client. The base URL is WeChat's or this app's own sandbox, known only at run
 * time, so {@link WeChatTransport} builds it; every call carries at most one of the two token parameters.
 */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface WeChatHttp {

    @POST
    @Path("/{path}")
    String post(
            @Encoded @PathParam("path") String path,
            @QueryParam("component_access_token") String componentToken,
            @QueryParam("access_token") String accessToken,
            String body);

    @GET
    @Path("/{path}")
    String get(@Encoded @PathParam("path") String path, @QueryParam("access_token") String accessToken);

    /** The third-party platform's mini-program login (WeChat's own path and parameters). */
    @GET
    @Path("/sns/component/jscode2session")
    String codeToSession(
            @QueryParam("appid") String appid,
            @QueryParam("js_code") String code,
            @QueryParam("grant_type") String grantType,
            @QueryParam("component_appid") String componentAppid,
            @QueryParam("component_access_token") String componentToken);
}
