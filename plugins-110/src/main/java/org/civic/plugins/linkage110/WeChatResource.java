package org.civic.plugins.linkage110;

import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.RememberedLogins;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.ApiSessions;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The WeChat micro-platform's login endpoints (spec §10), called by the enterprise account's backend with its
 * own account (role {@code wechat_partner}):
 * <ul>
 * <li>{@code POST /api/v1/linkage110/wechat/login {account, password, wechatUserId}} — {@code wechat_login};</li>
 * <li>{@code POST /api/v1/linkage110/wechat/session {wechatUserId, rememberToken}} — a later visit;</li>
 * <li>{@code POST /api/v1/linkage110/wechat/logout {wechatUserId}} — the WeChat cache was cleared (204).</li>
 * </ul>
 * Login and session answer {@code {token, tokenType, idleTimeoutSeconds, rememberedUntil, loginName,
 * displayName, unitId, unitName, reminder}} (login also {@code rememberToken}); the token is a bearer token
 * of the platform's REST API whose actions carry the audit channel {@code WECHAT}. See {@link WeChatLogins}.
 */
@Component(service = RestResource.class)
@Path("linkage110/wechat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WeChatResource implements RestResource {

    private final WeChatLogins logins;

    @Activate
    public WeChatResource(@Reference AuthenticationService authentication, @Reference RememberedLogins remembered,
            @Reference ApiSessions sessions, @Reference WorkflowService work) {
        this.logins = new WeChatLogins(authentication, remembered, sessions, work);
    }

    @POST
    @Path("login")
    public Response login(@Context SecurityContext security, Map<String, Object> body) {
        return noStore(logins.login(CallerPrincipal.of(security), body));
    }

    @POST
    @Path("session")
    public Response session(@Context SecurityContext security, Map<String, Object> body) {
        return noStore(logins.resume(CallerPrincipal.of(security), body));
    }

    @POST
    @Path("logout")
    public Response logout(@Context SecurityContext security, Map<String, Object> body) {
        logins.logout(CallerPrincipal.of(security), body);
        return Response.noContent().build();
    }

    private static Response noStore(Map<String, Object> answer) {
        return Response.ok(answer).header("Cache-Control", "no-store").build();
    }
}
