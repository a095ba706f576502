package org.civic.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a plugin's console declaration ({@code console.json} in the folder its {@code Civic-Console}
 * header names) into menu entries, refusing anything the shell could not show safely: ids and paths are
 * checked so that a declaration can never point outside the plugin's own console folder.
 */
final class Contributions {

    static final String HEADER = "Civic-Console";
    static final String DECLARATION = "console.json";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern PAGE = Pattern.compile("([A-Za-z0-9_-]+/)*[A-Za-z0-9_.-]+\\.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Contributions() {
    }

    /** The entries of one plugin's declaration, in their order; throws naming the first problem. */
    static List<MenuEntry> parse(String plugin, InputStream declaration) throws IOException {
        JsonNode root = JSON.readTree(declaration);
        if (root == null || !root.path("menu").isArray()) {
            throw new IllegalArgumentException(plugin + ": " + DECLARATION + " needs a \"menu\" array");
        }
        List<MenuEntry> out = new ArrayList<>();
        int position = 0;
        for (JsonNode e : root.path("menu")) {
            String id = e.path("id").asText("");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(plugin + ": menu id \"" + id + "\" must match " + ID);
            }
            String page = e.path("page").asText("");
            if (!isSafePath(page)) {
                throw new IllegalArgumentException(plugin + ": page \"" + page + "\" of " + id
                        + " must be a relative .js path inside the console folder");
            }
            String zh = e.path("label").path("zh").asText("");
            if (zh.isBlank()) {
                throw new IllegalArgumentException(plugin + ": menu entry " + id + " needs label.zh");
            }
            Map<String, String> label = new LinkedHashMap<>();
            label.put("zh", zh);
            label.put("en", e.path("label").path("en").asText(zh));
            List<String> roles = new ArrayList<>();
            e.path("roles").forEach(r -> roles.add(r.asText()));
            String line = e.hasNonNull("line") ? e.get("line").asText() : null;
            int order = e.path("order").asInt(100 + position++);
            String worklist = e.hasNonNull("worklist") ? e.get("worklist").asText() : null;
            if (worklist != null && (line == null || !ID.matcher(worklist).matches())) {
                throw new IllegalArgumentException(plugin + ": menu entry " + id + " names worklist \"" + worklist
                        + "\", which needs a line and must match " + ID);
            }
            String section = e.hasNonNull("section") ? e.get("section").asText() : null;
            if (section != null && !MenuEntry.SECTIONS.contains(section)) {
                throw new IllegalArgumentException(plugin + ": section \"" + section + "\" of " + id + " must be one of "
                        + MenuEntry.SECTIONS + " or absent");
            }
            if (out.stream().anyMatch(x -> x.id().equals(id))) {
                throw new IllegalArgumentException(plugin + ": menu id " + id + " is declared twice");
            }
            out.add(new MenuEntry(plugin, id, Map.copyOf(label), page, List.copyOf(roles), line, order, worklist,
                    section));
        }
        out.sort(Comparator.comparingInt(MenuEntry::order));
        return List.copyOf(out);
    }

    /** A relative path of plain segments: no {@code ..}, no leading slash, no backslash, no scheme. */
    static boolean isSafePath(String path) {
        return path != null && PAGE.matcher(path).matches() && !path.contains("..");
    }

    /** Same rule for any static resource a plugin serves (pages, styles, images, messages). */
    static boolean isSafeResource(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("//")) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || !segment.matches("[A-Za-z0-9_.-]+")) {
                return false;
            }
        }
        return true;
    }
}
