package org.civic.core.rest.internal;

import java.io.IOException;
import java.io.InputStream;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * The page at {@code /} until the staff web console is installed: where the API, SOAP and Hawtio are.
 * Anything else under {@code /} that nobody serves answers the platform's JSON 404.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/",
    "osgi.http.whiteboard.servlet.name=civic-welcome"
})
public class WelcomePage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? request.getServletPath() : request.getServletPath() + request.getPathInfo();
        if (!"/".equals(path) && !"".equals(path) && !"/index.html".equals(path)) {
            response.setStatus(404);
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write("{\"code\":\"NOT_FOUND\",\"message\":\"No such page\",\"details\":{}}");
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
        try (InputStream in = WelcomePage.class.getResourceAsStream("/web/index.html")) {
            response.getOutputStream().write(in.readAllBytes());
        }
    }
}
