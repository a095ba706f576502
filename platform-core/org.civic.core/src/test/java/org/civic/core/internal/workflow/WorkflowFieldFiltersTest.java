package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.civic.core.internal.workflow.HotlineFixture.LINE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.civic.core.api.Page;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.Statistic;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Queries filtered on a line's declared ENUM and BOOLEAN fields (ItemQuery.fields, docs/decisions.md 38). */
public class WorkflowFieldFiltersTest {

    private HotlineFixture f;

    @Before
    public void setUp() {
        f = new HotlineFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private ItemQuery q(Map<String, String> fields) {
        return ItemQuery.all(0, 50).sorted("createdAt").withFields(fields);
    }

    private List<Long> ids(Map<String, String> fields) {
        return f.kernel.query(f.dispatcher, LINE, q(fields)).items().stream().map(ItemSummary::id).toList();
    }

    @Test
    public void enumAndBooleanFieldsFilterExactlyWithPagingAndCounts() {
        long roadUrgent = f.draft("道路紧急", "category", "ROAD", "urgent", true).id();
        long water = f.draft("供水", "category", "WATER", "urgent", false).id();
        long roadPlain = f.draft("道路一般", "category", "ROAD").id();
        long noise = f.draft("噪音紧急", "category", "NOISE", "urgent", true).id();

        assertEquals(List.of(roadUrgent, roadPlain), ids(Map.of("category", "ROAD")));
        assertEquals(List.of(water), ids(Map.of("category", "WATER")));
        assertEquals(List.of(roadUrgent, noise), ids(Map.of("urgent", "true")));
        assertEquals("false also matches an unset BOOLEAN", List.of(water, roadPlain), ids(Map.of("urgent", "false")));
        assertEquals(List.of(roadUrgent), ids(Map.of("category", "ROAD", "urgent", "true")));
        assertEquals(List.of(), ids(Map.of("category", "NOISE", "urgent", "false")));
        // combined with a kernel filter
        assertEquals(List.of(roadPlain), f.kernel.query(f.dispatcher, LINE, new ItemQuery(null, null, null, null, null,
                null, null, "一般", "createdAt", 0, 50, Map.of("category", "ROAD"))).items().stream()
                .map(ItemSummary::id).toList());

        // the page is cut from the exact matches and the total counts them
        Page<ItemSummary> second = f.kernel.query(f.dispatcher, LINE, q(Map.of("category", "ROAD")).page(1, 1));
        assertEquals(2, second.total());
        assertEquals(List.of(roadPlain), second.items().stream().map(ItemSummary::id).toList());
        assertEquals(List.of(), f.kernel.query(f.dispatcher, LINE, q(Map.of("category", "ROAD")).page(5, 1)).items());
        // sorting, paging and the empty-map constructor keep the filter or its absence
        assertEquals(Map.of("category", "ROAD"), q(Map.of("category", "ROAD")).page(3, 3).sorted("-number").fields());
        assertEquals(Map.of(), ItemQuery.all(0, 1).fields());

        // the statistics honour it too
        Statistic byState = f.kernel.statistic(f.dispatcher, LINE, "by-state", ItemQuery.all(0, 1)
                .withFields(Map.of("urgent", "true")));
        assertEquals(2, byState.total().total());
    }

    @Test
    public void unknownFieldsAndValuesAreRefused() {
        f.draft("道路", "category", "ROAD");
        refused("INVALID_VALUE:field.colour", () -> ids(Map.of("colour", "RED")));
        refused("INVALID_VALUE:field.category", () -> ids(Map.of("category", "FIRE")));
        refused("INVALID_VALUE:field.urgent", () -> ids(Map.of("urgent", "yes")));
        // only ENUM and BOOLEAN: a free text or number field is not matched on its JSON form
        refused("INVALID_VALUE:field.phone", () -> ids(Map.of("phone", "13800000001")));
        refused("INVALID_VALUE:field.persons", () -> ids(Map.of("persons", "3")));
    }

    @Test
    public void onlyTheTopLevelValueDecidesNotANestedRecordOrAWildcard() {
        List<FieldFilters.Filter> water = List.of(new FieldFilters.Filter("category", "WATER", false));
        // the database's LIKE would let these through; the exact check does not
        assertFalse(FieldFilters.matches("{\"records\":[{\"category\":\"WATER\"}],\"category\":\"ROAD\"}", water));
        assertFalse(FieldFilters.matches("{\"category\":\"WATERS\"}", water));
        assertTrue(FieldFilters.matches("{\"title\":\"x\",\"category\":\"WATER\"}", water));
        List<FieldFilters.Filter> notUrgent = List.of(new FieldFilters.Filter("urgent", false, true));
        assertTrue(FieldFilters.matches("{\"title\":\"x\"}", notUrgent));
        assertTrue(FieldFilters.matches("{\"urgent\":false}", notUrgent));
        assertFalse(FieldFilters.matches("{\"urgent\":true}", notUrgent));
    }
}
