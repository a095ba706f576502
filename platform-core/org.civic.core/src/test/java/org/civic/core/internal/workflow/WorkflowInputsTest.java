package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.civic.core.internal.workflow.HotlineFixture.LINE;
import static org.civic.core.internal.workflow.HotlineFixture.in;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.civic.core.api.CivicException;
import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The create form's and actions' field rules: MISSING_FIELD naming every missing field,
 * INVALID_VALUE per field type, conversion and normalisation of accepted values, and that no refusal
 * writes anything.
 */
public class WorkflowInputsTest {

    private HotlineFixture f;
    private HotlineFixture.Snapshot empty;

    @Before
    public void setUp() {
        f = new HotlineFixture();
        empty = f.snapshot(0);
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private CivicException create(String code, Object... kv) {
        Map<String, Object> input = in(kv);
        return refused(code, () -> f.kernel.create(f.dispatcher, LINE, input, "REST"));
    }

    private static Object[] valid(Object... more) {
        List<Object> kv = new ArrayList<>(List.of("title", "路灯损坏", "category", "ROAD"));
        kv.addAll(List.of(more));
        return kv.toArray();
    }

    @Test
    public void everyMissingRequiredFieldIsNamedInOneRefusal() {
        CivicException both = create("MISSING_FIELD:title");
        assertEquals(List.of("title", "category"), both.details().get("fields"));
        assertEquals(400, both.status());
        CivicException blank = create("MISSING_FIELD:title", "title", "   ", "category", "");
        assertEquals(List.of("title", "category"), blank.details().get("fields"));
        CivicException one = create("MISSING_FIELD:category", "title", "路灯损坏", "phone", "123");
        assertEquals("missing beats invalid", List.of("category"), one.details().get("fields"));
        refused("MISSING_FIELD:title", () -> f.kernel.create(f.dispatcher, LINE, null, "REST"));
        empty.unchanged();
    }

    @Test
    public void eachFieldTypeRefusesWhatItCannotHold() {
        create("INVALID_VALUE:title", valid("title", "路"));                                  // too short
        create("INVALID_VALUE:title", valid("title", "路".repeat(51)));                       // too long
        create("INVALID_VALUE:title", valid("title", 12345));                                 // not text
        create("INVALID_VALUE:phone", valid("phone", "12345678901"));                         // pattern
        create("INVALID_VALUE:phone", valid("phone", "1391234567a"));
        create("INVALID_VALUE:category", valid("category", "FIRE"));                          // enum
        create("INVALID_VALUE:category", valid("category", "road"));
        create("INVALID_VALUE:appealTime", valid("appealTime", "2026-03-02T10:01:00+08:00")); // in the future
        create("INVALID_VALUE:appealTime", valid("appealTime", "2026-03-02 09:00"));          // no offset
        create("INVALID_VALUE:appealTime", valid("appealTime", "昨天"));
        create("INVALID_VALUE:urgent", valid("urgent", "yes"));                               // boolean
        create("INVALID_VALUE:urgent", valid("urgent", 1));
        create("INVALID_VALUE:persons", valid("persons", 3.5));                               // integer
        create("INVALID_VALUE:persons", valid("persons", 51));                                // range
        create("INVALID_VALUE:persons", valid("persons", -1));
        create("INVALID_VALUE:persons", valid("persons", "three"));
        create("INVALID_VALUE:amount", valid("amount", "abc"));                               // decimal
        create("INVALID_VALUE:amount", valid("amount", "10000.01"));
        create("INVALID_VALUE:visitDate", valid("visitDate", "2026-03-02"));                  // today is not future
        create("INVALID_VALUE:visitDate", valid("visitDate", "03/03/2026"));
        CivicException e = create("INVALID_VALUE:phone", valid("phone", "1"));
        assertEquals("phone", e.details().get("field"));
        assertEquals(400, e.status());
        empty.unchanged();
    }

    @Test
    public void acceptedValuesAreTrimmedConvertedAndStoredWithoutUnknownKeys() {
        ItemView item = f.kernel.create(f.dispatcher, LINE, in("title", "  路灯损坏  ", "category", " WATER ",
                "phone", "13912345678", "appealTime", "2026-03-02T02:00:00Z", "urgent", "true", "persons", "7",
                "amount", "12.50", "visitDate", "2026-03-03", "hacker", "x", "state", "CLOSED"), "REST");
        assertEquals("路灯损坏", item.title());
        assertEquals("路灯损坏", item.fields().get("title"));
        assertEquals("WATER", item.fields().get("category"));
        assertEquals("the instant in Asia/Shanghai", "2026-03-02T10:00+08:00", item.fields().get("appealTime"));
        assertEquals(Boolean.TRUE, item.fields().get("urgent"));
        assertEquals(7, ((Number) item.fields().get("persons")).intValue());
        assertEquals(0, new BigDecimal("12.50").compareTo(new BigDecimal(item.fields().get("amount").toString())));
        assertEquals("2026-03-03", item.fields().get("visitDate"));
        assertFalse(item.fields().containsKey("hacker"));
        assertFalse(item.fields().containsKey("state"));
        assertEquals("DRAFT", item.state());
        // the boundary values are accepted: now is not in the future, 0 and 50 persons, 10000 exactly
        f.kernel.create(f.dispatcher, LINE, in(valid("appealTime", "2026-03-02T10:00:00+08:00", "persons", 50,
                "amount", 10000)), "REST");
        f.kernel.create(f.dispatcher, LINE, in(valid("persons", 0, "amount", "0", "urgent", false)), "REST");
        assertEquals(3, f.count("WorkItemEntity"));
    }

    @Test
    public void theRegionOfANewItemMustLieInTheCallersRegionAndExist() {
        create("INVALID_VALUE:regionCode", valid("regionCode", "620103"));                    // a sibling county
        create("INVALID_VALUE:regionCode", valid("regionCode", "620100"));                    // above
        refused("INVALID_VALUE:regionCode", () -> f.kernel.create(f.province, LINE, in(valid("regionCode", "620199")),
                "REST"));                                                                       // no such region
        empty.unchanged();
        ItemView countyItem = f.kernel.create(f.province, LINE, in(valid("regionCode", "620102")), "REST");
        assertEquals("620102", countyItem.regionCode());
        assertEquals("the county sees it", countyItem.id(), f.kernel.get(f.dispatcher, countyItem.id()).id());
    }

    @Test
    public void actionInputsAreCheckedByTypeWithEveryMissingFieldNamed() {
        long draft = f.draft("待派发").id();
        long other = f.kernel.create(f.otherCounty, LINE, in(valid()), "REST").id();
        HotlineFixture.Snapshot before = f.snapshot(draft);
        CivicException none = refused("MISSING_FIELD:unitIds", () -> f.act(f.dispatcher, draft, "dispatch"));
        assertEquals(List.of("unitIds"), none.details().get("fields"));
        refused("MISSING_FIELD:unitIds", () -> f.act(f.dispatcher, draft, "dispatch", "unitIds", List.of()));
        refused("INVALID_VALUE:unitIds", () -> f.act(f.dispatcher, draft, "dispatch", "unitIds", f.housing.id()));
        refused("INVALID_VALUE:unitIds", () -> f.act(f.dispatcher, draft, "dispatch",
                "unitIds", List.of(f.housing.id(), f.housing.id())));                          // twice
        refused("INVALID_VALUE:unitIds", () -> f.act(f.dispatcher, draft, "dispatch",
                "unitIds", List.of(f.housing.id(), f.market.id(), f.water.id(), f.centre.id()))); // at most 3
        refused("INVALID_VALUE:unitIds", () -> f.act(f.dispatcher, draft, "dispatch", "unitIds", List.of(-4)));
        refused("INVALID_VALUE:unitIds", () -> f.act(f.dispatcher, draft, "dispatch", "unitIds", List.of(987654)));
        refused("INVALID_VALUE:unitIds", () -> f.act(f.dispatcher, draft, "dispatch",
                "unitIds", List.of(f.qlhHousing.id())));                                        // another county's unit
        refused("INVALID_VALUE:unitIds", () -> f.act(f.dispatcher, draft, "dispatch",
                "unitIds", List.of(f.cityUrban.id())));                                         // above the caller
        refused("INVALID_VALUE:handlingDeadline", () -> f.act(f.dispatcher, draft, "dispatch",
                "unitIds", List.of(f.housing.id()), "handlingDeadline", "2026-03-02T09:59:00+08:00"));
        refused("INVALID_VALUE:intoItemId", () -> f.act(f.dispatcher, draft, "merge", "intoItemId", "abc"));
        refused("INVALID_VALUE:intoItemId", () -> f.act(f.dispatcher, draft, "merge", "intoItemId", 0));
        // an item the caller cannot see, or the item itself, cannot be linked to
        refused("INVALID_VALUE:intoItemId", () -> f.act(f.dispatcher, draft, "merge", "intoItemId", other));
        refused("INVALID_VALUE:intoItemId", () -> f.act(f.dispatcher, draft, "merge", "intoItemId", draft));
        before.unchanged();

        long id = f.dispatched(f.housing);
        f.act(f.housingHandler, id, "sign");
        HotlineFixture.Snapshot signed = f.snapshot(id);
        CivicException both = refused("MISSING_FIELD:newDeadline", () -> f.act(f.housingHandler, id, "request_extension"));
        assertEquals(List.of("newDeadline", "reason"), both.details().get("fields"));
        refused("INVALID_VALUE:newDeadline", () -> f.act(f.housingHandler, id, "request_extension",
                "newDeadline", "2026-03-01T17:00:00+08:00", "reason", "需协调"));               // in the past
        refused("INVALID_VALUE:content", () -> f.act(f.housingHandler, id, "feedback", "content", "好"));
        refused("INVALID_VALUE:files", () -> f.act(f.housingHandler, id, "feedback", "content", "已修复",
                "files", List.of(987654)));
        refused("MISSING_FIELD:opinion", () -> f.act(f.housingHandler, id, "dispute", "opinion", " "));
        refused("INVALID_VALUE:opinion", () -> f.act(f.housingHandler, id, "dispute", "opinion", "长".repeat(1001)));
        signed.unchanged();
    }
}
