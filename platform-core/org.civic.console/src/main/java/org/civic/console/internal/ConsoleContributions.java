package org.civic.console.internal;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.civic.core.api.org.Caller;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the pages and menu entries that plugins contribute to the console. A plugin bundle names a
 * folder in its {@code Civic-Console} header; the folder holds {@code console.json} (the menu) and the
 * pages (ES modules) and other files the console serves from the bundle at
 * {@code /console/plugins/<symbolic name>/}. Tracked while the bundle is ACTIVE: a plugin installed at
 * runtime appears on the next page load, and is gone once its bundle stops.
 */
@Component(service = ConsoleContributions.class, immediate = true)
public class ConsoleContributions {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleContributions.class);

    /** A plugin's console folder and its entries. */
    record Plugin(Bundle bundle, String folder, List<MenuEntry> menu, Map<String, Map<String, String>> messages) {
    }

    private final Map<String, Plugin> plugins = new ConcurrentHashMap<>();
    private final BundleTracker<String> tracker;

    @Activate
    public ConsoleContributions(BundleContext context) {
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<>() {
            @Override
            public String addingBundle(Bundle bundle, BundleEvent event) {
                return add(bundle);
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, String name) {
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, String name) {
                if (plugins.remove(name) != null) {
                    LOG.info("Console contributions of {} removed", name);
                }
            }
        });
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    private String add(Bundle bundle) {
        String folder = bundle.getHeaders().get(Contributions.HEADER);
        if (folder == null) {
            return null;
        }
        folder = folder.trim().replaceAll("^/+|/+$", "");
        String name = bundle.getSymbolicName();
        URL declaration = bundle.getEntry(folder + "/" + Contributions.DECLARATION);
        if (declaration == null) {
            LOG.warn("{} names console folder {} but has no {} there", name, folder, Contributions.DECLARATION);
            return null;
        }
        try (InputStream in = declaration.openStream()) {
            Contributions.Declaration d = Contributions.read(name, in);
            plugins.put(name, new Plugin(bundle, folder, d.menu(), d.messages()));
            LOG.info("Console contributions of {}: {} menu entries, {} messages", name, d.menu().size(),
                    d.messages().size());
            return name;
        } catch (Exception e) {
            LOG.error("Console contributions of {} refused: {}", name, e.getMessage());
            return null;
        }
    }

    /** The entries a caller sees: those without roles, and those naming one of the caller's roles. */
    public List<MenuEntry> menuFor(Caller caller) {
        List<MenuEntry> out = new ArrayList<>();
        for (Plugin p : plugins.values()) {
            for (MenuEntry e : p.menu()) {
                if (e.roles().isEmpty() || e.roles().stream().anyMatch(caller::hasRole)) {
                    out.add(e);
                }
            }
        }
        out.sort(Comparator.comparingInt(MenuEntry::order).thenComparing(MenuEntry::plugin).thenComparing(MenuEntry::id));
        return out;
    }

    /**
     * The texts of the installed lines' own error codes (code → {zh, en}), merged over the plugins in
     * symbolic-name order; should two plugins name the same code, the first one's text is kept.
     */
    public Map<String, Map<String, String>> messages() {
        return merge(plugins);
    }

    static Map<String, Map<String, String>> merge(Map<String, Plugin> byName) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Plugin p : new TreeMap<>(byName).values()) {
            p.messages().forEach(out::putIfAbsent);
        }
        return out;
    }

    /** A file of a plugin's console folder, or null when the plugin or the file is not there. */
    public URL resource(String plugin, String path) {
        Plugin p = plugins.get(plugin);
        if (p == null || !Contributions.isSafeResource(path) || path.equals(Contributions.DECLARATION)) {
            return null;
        }
        return p.bundle().getEntry(p.folder() + "/" + path);
    }

    /** When a plugin's bundle last changed (for Last-Modified), or 0. */
    public long lastModified(String plugin) {
        Plugin p = plugins.get(plugin);
        return p == null ? 0 : p.bundle().getLastModified();
    }
}
