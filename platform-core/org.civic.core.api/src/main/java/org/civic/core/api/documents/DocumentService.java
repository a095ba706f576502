package org.civic.core.api.documents;

import java.util.List;

import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.Label;

/**
 * Printable documents of work items, as PDF (ARCHITECTURE.md §3 "Attachments and documents"). Each line
 * declares its documents ({@link org.civic.core.api.workflow.DocumentDef}); this service fills the
 * template with the item as the caller sees it. Visibility as everywhere: an item the caller may not see
 * answers NOT_FOUND.
 */
public interface DocumentService {

    /** The documents the caller may print for this item now. */
    List<Available> available(Caller caller, long itemId);

    /**
     * Renders one document.
     *
     * @throws org.civic.core.api.CivicException NOT_FOUND (item or document unknown or invisible),
     *         FORBIDDEN (role), INVALID_STATE (not printable in the item's state), DOCUMENT_UNAVAILABLE
     *         (503: no Chinese font is configured on this installation)
     */
    Rendered render(Caller caller, long itemId, String name);

    record Available(String name, Label label) {
    }

    /** A rendered PDF; {@code fileName} is the item's number and the document's Chinese label. */
    record Rendered(String fileName, byte[] pdf) {
    }
}
