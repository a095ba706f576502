package org.civic.core.documents.internal;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.documents.DocumentService;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.DocumentDef;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.api.workflow.WorkflowService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the documents lines declare. The item is read through the kernel with the caller's
 * visibility, so a document shows exactly what the caller may see; the template gets the view, the
 * line's definition, the state labels, {@code fmt} helpers and the line's own values. Without a
 * Chinese font the platform still starts (documents are not essential to handling cases); the service
 * logs a warning at start and refuses to render (DOCUMENT_UNAVAILABLE), naming the files it tried.
 */
@Component(service = DocumentService.class, configurationPid = DocumentsConfig.PID)
@Designate(ocd = DocumentsConfig.class)
public class DocumentServiceImpl implements DocumentService {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentServiceImpl.class);

    private final WorkflowService work;
    private final PlatformClock clock;
    private final Templates templates = new Templates();
    private final TemplateFormat fmt = new TemplateFormat();
    private final CjkFont font;
    private final String fontProblem;

    @Activate
    public DocumentServiceImpl(@Reference WorkflowService work, @Reference PlatformClock clock, DocumentsConfig config) {
        this(work, clock, CjkFont.resolve(config.fontFiles(), etcDirectory()));
    }

    DocumentServiceImpl(WorkflowService work, PlatformClock clock, List<java.nio.file.Path> fontCandidates) {
        this.work = work;
        this.clock = clock;
        List<String> problems = new ArrayList<>();
        this.font = CjkFont.find(fontCandidates, problems);
        if (font == null) {
            fontProblem = "No TrueType font with Chinese glyphs found (tried " + fontCandidates + (problems.isEmpty() ? "" : "; " + problems)
                    + "). Install one (Debian: fonts-wqy-microhei) or set fontFiles in etc/" + DocumentsConfig.PID + ".cfg";
            LOG.warn("Documents cannot be printed: {}", fontProblem);
        } else {
            fontProblem = null;
            LOG.info("Documents use the font {} from {}", font.fontName(), font.file());
        }
    }

    private static File etcDirectory() {
        String etc = System.getProperty("karaf.etc");
        return etc == null ? null : new File(etc);
    }

    /** Whether a Chinese font was found: documents can be printed. */
    boolean canRender() {
        return font != null;
    }

    @Override
    public List<Available> available(Caller caller, long itemId) {
        ItemView item = work.get(caller, itemId);
        if (!item.lineAvailable()) {
            return List.of();
        }
        List<Available> out = new ArrayList<>();
        for (DocumentDef d : work.line(item.line()).documents()) {
            if (mayPrint(d, caller) && printableIn(d, item)) {
                out.add(new Available(d.name(), d.label()));
            }
        }
        return out;
    }

    @Override
    public Rendered render(Caller caller, long itemId, String name) {
        ItemView item = work.get(caller, itemId);
        if (!item.lineAvailable()) {
            throw new CivicException(409, "LINE_NOT_INSTALLED",
                    "The line " + item.line() + " is not installed: its documents cannot be printed");
        }
        LineDefinition line = work.line(item.line());
        DocumentDef def = line.document(name);
        if (def == null) {
            throw CivicException.notFound("The line " + line.line() + " has no document " + name);
        }
        if (!mayPrint(def, caller)) {
            throw CivicException.forbidden("Printing " + name + " needs one of the roles " + def.roles());
        }
        if (!printableIn(def, item)) {
            throw CivicException.invalidState("The document " + name + " cannot be printed in state " + item.state()
                    + " (only in " + def.states() + ")");
        }
        if (font == null) {
            throw new CivicException(503, "DOCUMENT_UNAVAILABLE", fontProblem);
        }
        long started = System.nanoTime();
        String xhtml = templates.render(def.owner().getClassLoader(), def.template(), model(def, line, item, caller));
        String title = item.number() + " " + def.label().zh();
        try {
            byte[] pdf = PdfRenderer.render(xhtml, font, title);
            LOG.debug("Rendered {} of {} in {} ms ({} bytes)", name, item.number(), (System.nanoTime() - started) / 1_000_000,
                    pdf.length);
            return new Rendered(item.number() + "-" + def.label().zh() + ".pdf", pdf);
        } catch (IOException | RuntimeException e) {
            LOG.error("Rendering {} of item {} failed", name, itemId, e);
            throw new CivicException(500, "DOCUMENT_RENDER_ERROR", "The document " + name + " could not be rendered");
        }
    }

    private Map<String, Object> model(DocumentDef def, LineDefinition line, ItemView item, Caller caller) {
        Map<String, Object> m = new HashMap<>();
        m.put("item", item);
        m.put("line", line);
        m.put("document", def);
        m.put("caller", caller);
        m.put("now", clock.nowInZone());
        m.put("fmt", fmt);
        m.put("itemStates", labels(line.states()));
        m.put("assignmentStates", labels(line.assignmentStates()));
        if (def.model() != null) {
            m.putAll(def.model().values(item, caller));
        }
        return m;
    }

    private static Map<String, String> labels(List<StateDef> states) {
        Map<String, String> out = new LinkedHashMap<>();
        states.forEach(s -> out.put(s.id(), s.label().zh()));
        return out;
    }

    private static boolean mayPrint(DocumentDef d, Caller caller) {
        return d.roles().isEmpty() || d.roles().stream().anyMatch(caller::hasRole);
    }

    private static boolean printableIn(DocumentDef d, ItemView item) {
        return d.states().isEmpty() || d.states().contains(item.state());
    }
}
