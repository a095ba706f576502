package org.civic.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Serves the console at {@code /}: the shell page, its scripts, styles and message bundles from this
 * bundle ({@code /console/...}), the WebJars it uses ({@code /console/webjars/...}) and the files that
 * plugins contribute ({@code /console/plugins/<bundle>/...}, see {@link ConsoleContributions}). Every
 * answer carries a Content-Security-Policy that allows scripts from this origin only (no inline
 * script, no eval). Anything else under {@code /} answers the platform's JSON 404.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/",
    "osgi.http.whiteboard.servlet.name=civic-console"
})
public class ConsoleServlet extends HttpServlet {

    static final String ASSETS = "/console/";
    static final String WEBJARS = "/console/webjars/";
    static final String PLUGINS = "/console/plugins/";

    /** No inline script and no eval anywhere; styles from files only; nothing from other origins. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=UTF-8", "js",
            "text/javascript;charset=UTF-8", "mjs", "text/javascript;charset=UTF-8", "css", "text/css;charset=UTF-8",
            "json", "application/json;charset=UTF-8", "svg", "image/svg+xml", "png", "image/png", "ico",
            "image/x-icon", "woff2", "font/woff2");

    private final transient ConsoleContributions contributions;
    private final long started;

    @Activate
    public ConsoleServlet(BundleContext context, @Reference ConsoleContributions contributions) {
        this.contributions = contributions;
        this.started = context.getBundle().getLastModified();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        securityHeaders(response);
        if (path.isEmpty() || path.equals("/") || path.equals("/index.html")) {
            response.setHeader("Cache-Control", "no-store");
            send(request, response, ConsoleServlet.class.getResource("/web/index.html"), "index.html", 0);
        } else if (path.startsWith(PLUGINS)) {
            String rest = path.substring(PLUGINS.length());
            int slash = rest.indexOf('/');
            URL url = slash <= 0 ? null : contributions.resource(rest.substring(0, slash), rest.substring(slash + 1));
            send(request, response, url, rest, url == null ? 0 : contributions.lastModified(rest.substring(0, slash)));
        } else if (path.startsWith(WEBJARS)) {
            String rest = path.substring(WEBJARS.length());
            URL url = Contributions.isSafeResource(rest) ? ConsoleServlet.class.getResource("/META-INF/resources/webjars/" + rest)
                    : null;
            send(request, response, url, rest, started);
        } else if (path.startsWith(ASSETS)) {
            String rest = path.substring(ASSETS.length());
            URL url = Contributions.isSafeResource(rest) && !rest.equals("index.html")
                    ? ConsoleServlet.class.getResource("/web/" + rest) : null;
            send(request, response, url, rest, started);
        } else {
            notFound(response);
        }
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, URL url, String name,
            long lastModified) throws IOException {
        if (url == null) {
            notFound(response);
            return;
        }
        long modified = lastModified / 1000 * 1000;
        if (modified > 0) {
            long since = request.getDateHeader("If-Modified-Since");
            if (since >= modified) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
            response.setDateHeader("Last-Modified", modified);
            response.setHeader("Cache-Control", "no-cache");
        }
        response.setContentType(contentType(name));
        URLConnection connection = url.openConnection();
        try (InputStream in = connection.getInputStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        response.setStatus(404);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write("{\"code\":\"NOT_FOUND\",\"message\":\"No such page\",\"details\":{}}");
    }
}
