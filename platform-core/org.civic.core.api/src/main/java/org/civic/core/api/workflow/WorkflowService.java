package org.civic.core.api.workflow;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.civic.core.api.Page;
import org.civic.core.api.org.Caller;

/**
 * The workflow kernel: work items of the registered lines, their actions, clocks, cards, views and
 * attachments. Every method checks role and scope; an item the caller may not see answers NOT_FOUND.
 */
public interface WorkflowService {

    /** The lines whose plugins are installed, by line id. */
    List<LineDefinition> lines();

    /** @throws org.civic.core.api.CivicException NOT_FOUND when no plugin declares this line */
    LineDefinition line(String line);

    /** Creates an item in the line's initial state; {@code channel} is WEB, REST, SOAP, CAMEL, ... */
    ItemView create(Caller caller, String line, Map<String, Object> input, String channel);

    ItemView get(Caller caller, long itemId);

    /**
     * Takes an action in one transaction. {@code expectedVersion}, when given, must be the item's
     * version (else CONFLICT).
     */
    ItemView act(Caller caller, long itemId, String action, Map<String, Object> input, Long expectedVersion,
            String channel);

    /**
     * Several actions, each checked and applied as {@link #act} does, in one transaction: every one of
     * them or, when one is refused, none (the first refusal is thrown). For moves that span items, such as
     * merging clues. The answer lists the items as they are afterwards, in the order of the steps.
     */
    List<ItemView> actTogether(Caller caller, List<Step> steps, String channel);

    /**
     * The next value (1, 2, 3, ...) of the line's counter {@code name}, as {@link ActionContext#nextInSequence}
     * hands out inside an action: for numbers a line gives to things that are not items (a merge group).
     */
    long nextInSequence(String line, String name);

    /**
     * A line's small persistent marks, by key: what a unit has read (the clue line's unread supplementary
     * notes). Setting a mark is not an action: it writes no audit entry and leaves the item's version alone.
     */
    void setMark(String line, String key, long value);

    /** The marks of the line whose keys start with {@code keyPrefix}, by key. */
    Map<String, Long> marks(String line, String keyPrefix);

    /** One action of {@link #actTogether}. */
    record Step(long itemId, String action, Map<String, Object> input) {
    }

    Page<ItemSummary> query(Caller caller, String line, ItemQuery query);

    /**
     * Every item {@code filter} selects that the caller can see (paging ignored), read page by page: for a line's
     * own views and statistics, which filter on the line's fields.
     *
     * @throws org.civic.core.api.CivicException 409 EXPORT_TOO_LARGE when more than {@code max} items match
     */
    default List<ItemSummary> queryAll(Caller caller, String line, ItemQuery filter, int max) {
        List<ItemSummary> all = new java.util.ArrayList<>();
        int offset = 0;
        while (true) {
            Page<ItemSummary> page = query(caller, line, filter.page(offset, Page.MAX_LIMIT));
            if (page.total() > max) {
                throw new org.civic.core.api.CivicException(409, "EXPORT_TOO_LARGE", "More than " + max
                        + " items match; narrow the filter");
            }
            all.addAll(page.items());
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                return all;
            }
        }
    }

    Page<ItemSummary> worklist(Caller caller, String line, String worklist, ItemQuery query);

    /** The worklists the caller may open, with their counts (menus, the login reminder). */
    Map<String, Long> worklistCounts(Caller caller, String line);

    /** One of {@link Statistic#NAMES} over the items the query selects (paging ignored). */
    Statistic statistic(Caller caller, String line, String name, ItemQuery filter);

    /** Raises every card due by the platform clock's now; returns how many were raised. */
    int raiseDueCards();

    /** Stores an upload on an item the caller can see and act on; it can then be named by an action. */
    ItemView.Attachment attach(Caller caller, long itemId, String fileName, String contentType, InputStream data);

    /** An attachment's content, within scope. */
    AttachmentContent attachment(Caller caller, long itemId, long attachmentId);

    /** Content to stream to a client. */
    record AttachmentContent(ItemView.Attachment meta, java.nio.file.Path file) {
    }
}
