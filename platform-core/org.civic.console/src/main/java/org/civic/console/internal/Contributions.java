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
 * header names) into menu entries and the labels of the line's own error codes, refusing anything the
 * shell could not show safely: ids and paths are checked so that a declaration can never point outside
 * the plugin's own console folder.
 */
final class Contributions {

    static final String HEADER = "Civic-Console";
    static final String DECLARATION = "console.json";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern PAGE = Pattern.compile("([A-Za-z0-9_-]+/)*[A-Za-z0-9_.-]+\\.js");
    /** An API error code without its field part: {@code NO_CLUE_UNIT}, not {@code INVALID_VALUE:x}. */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A plugin's whole declaration.
     *
     * @param menu its menu entries, in their order
     * @param messages the texts of its line's error codes, code → {@code zh}, {@code en} (en falls back to zh)
     */
    record Declaration(List<MenuEntry> menu, Map<String, Map<String, String>> messages) {
    }

    private Contributions() {
    }

    /** The entries of one plugin's declaration, in their order; throws naming the first problem. */
    static List<MenuEntry> parse(String plugin, InputStream declaration) throws IOException {
        return read(plugin, declaration).menu();
    }

    /** One plugin's declaration: menu and messages; throws naming the first problem. */
    static Declaration read(String plugin, InputStream declaration) throws IOException {
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
        return new Declaration(List.copyOf(out), messages(plugin, root.path("messages")));
    }

    /**
     * {@code "messages": {"NO_CLUE_UNIT": {"zh": "…", "en": "…"}}}: what the console shows for the line's own
     * error codes instead of the server's (English) message. Codes are the bare code, as the field-level
     * {@code MISSING_FIELD:x} / {@code INVALID_VALUE:x} are shown at their field by the console itself.
     */
    private static Map<String, Map<String, String>> messages(String plugin, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(plugin + ": \"messages\" must map error codes to {zh, en}");
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext();) {
            var e = it.next();
            String code = e.getKey();
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException(plugin + ": message code \"" + code + "\" must match " + CODE);
            }
            String zh = e.getValue().path("zh").asText("");
            if (zh.isBlank()) {
                throw new IllegalArgumentException(plugin + ": message " + code + " needs zh");
            }
            String en = e.getValue().path("en").asText("");
            out.put(code, Map.of("zh", zh, "en", en.isBlank() ? zh : en));
        }
        return Map.copyOf(out);
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
