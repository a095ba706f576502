package org.civic.core.api.workflow;

import java.util.Map;
import java.util.Set;

import org.civic.core.api.org.Caller;

/**
 * A printable document of a line (派发单, 督办表 …): a FreeMarker template in the plugin's bundle that the
 * core's document service fills with the item as the caller sees it ({@link ItemView}) and renders to
 * PDF with a Chinese font. The template's model has {@code item} (the view), {@code line} (the
 * definition), {@code caller}, {@code now}, {@code fmt} (date and label helpers) and whatever
 * {@link #model} adds.
 *
 * @param name lower_snake id, the last segment of {@code GET /api/v1/items/{id}/documents/{name}}
 * @param states item states in which the document can be printed; empty: any
 * @param roles roles that may print it; empty: everyone who can see the item
 * @param owner a class of the plugin: the template is loaded with its class loader
 * @param template resource path of the template within the plugin bundle, e.g. {@code documents/form.ftlx}
 * @param model adds line-specific values to the template's model (may be null)
 */
public record DocumentDef(String name, Label label, Set<String> states, Set<String> roles, Class<?> owner,
        String template, Model model) {

    /** Line-specific values for a template, computed from the view the caller has of the item. */
    @FunctionalInterface
    public interface Model {
        Map<String, Object> values(ItemView item, Caller caller);
    }

    public static DocumentDef of(String name, String zh, String en, Class<?> owner, String template) {
        return new DocumentDef(name, Label.of(zh, en), Set.of(), Set.of(), owner, template, null);
    }

    public DocumentDef inStates(String... ids) {
        return new DocumentDef(name, label, Set.of(ids), roles, owner, template, model);
    }

    public DocumentDef forRoles(String... ids) {
        return new DocumentDef(name, label, states, Set.of(ids), owner, template, model);
    }

    public DocumentDef withModel(Model m) {
        return new DocumentDef(name, label, states, roles, owner, template, m);
    }
}
