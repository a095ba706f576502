package org.civic.console.internal;

import java.util.List;
import java.util.Map;

/**
 * A menu entry a plugin contributes to the console, with the page (an ES module in the plugin's
 * bundle) that the shell loads when the entry is opened.
 *
 * @param plugin the contributing bundle's symbolic name
 * @param id the entry's id, unique within the plugin
 * @param label {@code zh} and {@code en}
 * @param page the module's path inside the plugin's console folder
 * @param roles the roles that see the entry; empty: every logged-in user
 * @param line the business line the entry belongs under, or null for the top level
 * @param order position among entries (smaller first)
 * @param worklist the line's worklist this page shows instead of the generic worklist page (the shell
 *        links the worklist's navigation item, with its count, here and lists the entry no second time),
 *        or null
 * @param section {@code admin}: the entry belongs to the administration menu (系统管理), such as a line's
 *        configurable limits; null: under its line (or "more")
 */
public record MenuEntry(String plugin, String id, Map<String, String> label, String page, List<String> roles, String line,
        int order, String worklist, String section) {

    /** The sections an entry may name besides its line's. */
    public static final java.util.Set<String> SECTIONS = java.util.Set.of("admin");

    public MenuEntry(String plugin, String id, Map<String, String> label, String page, List<String> roles, String line,
            int order) {
        this(plugin, id, label, page, roles, line, order, null, null);
    }

    /** Where the shell routes the entry: {@code #/p/<plugin>/<id>}. */
    public String href() {
        return "#/p/" + plugin + "/" + id;
    }

    /** The URL of the page's module. */
    public String module() {
        return ConsoleServlet.PLUGINS + plugin + "/" + page;
    }
}
