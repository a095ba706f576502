package org.civic.simulator.ivr;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The IVR SIMULATOR's HTTP face on the platform's web server (HTTP whiteboard, {@code /simulator/ivr/*}):
 * <ul>
 * <li>{@code POST /simulator/ivr/calls} — a call request of the 110 line; 202, or 400 for a bad request,
 * or 503 while switched unavailable;</li>
 * <li>{@code GET /simulator/ivr/calls} — the requests received since the simulator started, with outcome
 * and the platform's answer to the posted result;</li>
 * <li>{@code GET|PUT /simulator/ivr/control} — outcome, delay, availability, per-phone outcomes.</li>
 * </ul>
 * Stopping the bundle takes the partner away entirely (the platform then sees 404s and redelivers).
 */
@Component(service = Servlet.class, configurationPid = IvrSimulatorConfig.PID, property = {
    "osgi.http.whiteboard.servlet.pattern=/simulator/ivr/*",
    "osgi.http.whiteboard.servlet.name=civic-ivr-simulator"
})
@Designate(ocd = IvrSimulatorConfig.class)
public class IvrSimulatorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient IvrSimulator simulator;

    @Activate
    public IvrSimulatorServlet(IvrSimulatorConfig config) {
        simulator = new IvrSimulator(config.outcome(), config.resultDelayMillis(), config.platformUrl(),
                config.username(), config.password());
    }

    @Deactivate
    void deactivate() {
        simulator.close();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        switch (path) {
            case "/calls" -> send(resp, 200, Map.of("simulator", true, "calls", simulator.calls()));
            case "/control" -> send(resp, 200, simulator.state());
            default -> error(resp, 404, "NOT_FOUND", "No such simulator resource " + path);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/calls".equals(req.getPathInfo())) {
            error(resp, 404, "NOT_FOUND", "No such simulator resource " + req.getPathInfo());
            return;
        }
        if (!simulator.available()) {
            error(resp, 503, "UNAVAILABLE", "The simulated partner is switched unavailable");
            return;
        }
        Map<String, Object> body = read(req, resp);
        if (body == null) {
            return;
        }
        String base = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort();
        String problem = simulator.accept(body, base);
        if (problem != null) {
            error(resp, 400, "MISSING_FIELD:" + problem, problem + " is required");
            return;
        }
        send(resp, 202, Map.of("accepted", true, "callbackId", body.get("callbackId")));
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/control".equals(req.getPathInfo())) {
            error(resp, 404, "NOT_FOUND", "No such simulator resource " + req.getPathInfo());
            return;
        }
        Map<String, Object> body = read(req, resp);
        if (body == null) {
            return;
        }
        try {
            send(resp, 200, simulator.control(body));
        } catch (IllegalArgumentException | ClassCastException e) {
            error(resp, 400, "INVALID_VALUE:body", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            Object body = JSON.readValue(req.getInputStream(), Object.class);
            if (body instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        error(resp, 400, "INVALID_VALUE:body", "A JSON object is expected");
        return null;
    }

    private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        send(resp, status, body);
    }

    private static void send(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        JSON.writeValue(resp.getOutputStream(), body);
    }
}
