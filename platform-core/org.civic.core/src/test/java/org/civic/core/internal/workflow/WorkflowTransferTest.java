package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManagerFactory;

import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionInput;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.UnitInput;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ActionDef.ScopeRule;
import org.civic.core.api.workflow.Effect;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.FieldDef.FieldType;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.internal.ExtensionRegistry;
import org.civic.core.internal.TestSupport;
import org.civic.core.internal.calendar.CalendarServiceImpl;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.civic.core.internal.security.CredentialCache;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The clue line's moves: one assignment transferred down the region tree and returned up, with links. */
public class WorkflowTransferTest {

    private EntityManagerFactory emf;
    private WorkflowServiceImpl kernel;
    private Caller province;
    private Caller city;
    private Caller county;
    private Unit cityUnit;
    private Unit countyUnit;
    private Unit otherCityCounty;

    @Before
    public void setUp() {
        emf = TestSupport.database();
        TestSupport.TestClock clock = new TestSupport.TestClock();
        TestSupport.RecordingEvents events = new TestSupport.RecordingEvents();
        Caller root = TestSupport.globalAdmin();
        OrganizationServiceImpl org = new OrganizationServiceImpl(emf, clock, events, new ExtensionRegistry(),
                new CredentialCache());
        org.createRegion(root, new RegionInput("620000", "甘肃省", "PROVINCE", null, null, null, null));
        org.createRegion(root, new RegionInput("620100", "兰州市", "CITY", null, "620000", null, null));
        org.createRegion(root, new RegionInput("620102", "城关区", "COUNTY", null, "620100", null, null));
        org.createRegion(root, new RegionInput("620500", "天水市", "CITY", null, "620000", null, null));
        org.createRegion(root, new RegionInput("620502", "秦州区", "COUNTY", null, "620500", null, null));
        Unit provinceUnit = unit(org, root, "省纪委", "620000");
        cityUnit = unit(org, root, "兰州市纪委", "620100");
        countyUnit = unit(org, root, "城关区纪委", "620102");
        otherCityCounty = unit(org, root, "秦州区纪委", "620502");
        CalendarServiceImpl calendars = new CalendarServiceImpl(emf, clock, events, org);
        calendars.initialise(root, null, 2026, 2026, false);
        kernel = new WorkflowServiceImpl(emf, clock, calendars, events, TestSupport.config(false, false));
        kernel.register(definition());
        province = new Caller(20, "prov", "省", provinceUnit.id(), provinceUnit.name(), "620000", Set.of("officer"));
        city = new Caller(21, "city", "市", cityUnit.id(), cityUnit.name(), "620100", Set.of("officer"));
        county = new Caller(22, "county", "县", countyUnit.id(), countyUnit.name(), "620102", Set.of("officer"));
    }

    @After
    public void tearDown() {
        kernel.stopScanner();
        emf.close();
    }

    private static Unit unit(OrganizationServiceImpl org, Caller root, String name, String region) {
        return org.createUnit(root, new UnitInput(name, null, "DEPARTMENT", region, null, null, null, null, null));
    }

    private static LineDefinition definition() {
        FieldDef target = FieldDef.of("targetUnitId", "接收单位", "Target unit", FieldType.UNIT).mandatory();
        return LineDefinition.builder("clues", "线索", "Clues").numberPrefix("XS")
                .states(StateDef.of("REGISTERED", "已登记", "Registered"), StateDef.of("HANDLING", "办理中", "Handling"),
                        StateDef.terminal("CLOSED", "已办结", "Closed"))
                .assignmentStates(StateDef.of("HELD", "持有", "Held"))
                .createdBy("officer")
                .createFields(FieldDef.of("title", "标题", "Title", FieldType.STRING).mandatory(),
                        FieldDef.of("unitId", "承办单位", "Unit", FieldType.UNIT).mandatory())
                .onCreate(Effect.assign("unitId", "LEAD", "HELD"))
                .actions(ActionDef.of("transfer", "转办", "Transfer").allowedFrom("REGISTERED", "HANDLING")
                                .leadsTo("HANDLING").onAssignmentIn("HELD").allowedTo("officer")
                                .withScope(ScopeRule.HOLDER_UNIT).withInput(target)
                                .withEffects(Effect.transferDown("targetUnitId")),
                        ActionDef.of("return_up", "退回", "Return").allowedFrom("HANDLING").onAssignmentIn("HELD")
                                .allowedTo("officer").withScope(ScopeRule.HOLDER_UNIT).withInput(FieldDef.opinion())
                                .withEffects(Effect.returnUp()),
                        ActionDef.of("merge", "并案", "Merge").allowedFrom("HANDLING", "REGISTERED").leadsTo("CLOSED")
                                .allowedTo("officer")
                                .withInput(FieldDef.of("intoItemId", "并入", "Into", FieldType.ITEM).mandatory())
                                .withEffects(Effect.link("merged-into", "intoItemId")))
                .build();
    }

    @Test
    public void anAssignmentMovesDownOneLevelAtATimeAndReturnsUp() {
        ItemView clue = kernel.create(province, "clues", Map.of("title", "举报线索", "unitId", province.unitId()), "REST");
        assertEquals(1, clue.assignments().size());
        refused("INVALID_VALUE:targetUnitId", () -> kernel.act(province, clue.id(), "transfer",
                Map.of("targetUnitId", countyUnit.id()), null, "REST"));   // two levels down
        ItemView atCity = kernel.act(province, clue.id(), "transfer", Map.of("targetUnitId", cityUnit.id()), null, "REST");
        assertEquals(cityUnit.id(), atCity.assignments().get(0).unitId());
        assertEquals(List.of(province.unitId()), atCity.assignments().get(0).previousUnits());
        refused("OUT_OF_SCOPE", () -> kernel.act(province, clue.id(), "transfer",
                Map.of("targetUnitId", cityUnit.id()), null, "REST"));    // no longer the holder
        refused("INVALID_VALUE:targetUnitId", () -> kernel.act(city, clue.id(), "transfer",
                Map.of("targetUnitId", otherCityCounty.id()), null, "REST")); // another city's county
        ItemView atCounty = kernel.act(city, clue.id(), "transfer", Map.of("targetUnitId", countyUnit.id()), null, "REST");
        assertEquals(countyUnit.id(), atCounty.assignments().get(0).unitId());
        ItemView back = kernel.act(county, clue.id(), "return_up", Map.of("opinion", "不属本级管辖"), null, "REST");
        assertEquals(cityUnit.id(), back.assignments().get(0).unitId());
        assertEquals(List.of(province.unitId()), back.assignments().get(0).previousUnits());
        ItemView top = kernel.act(city, clue.id(), "return_up", Map.of("opinion", "退回省级"), null, "REST");
        assertEquals(province.unitId(), top.assignments().get(0).unitId());
        refused("INVALID_STATE", () -> kernel.act(province, clue.id(), "return_up", Map.of("opinion", "再退"), null, "REST"));
        assertEquals("不属本级管辖", back.auditTrail().get(back.auditTrail().size() - 1).opinion());
    }

    @Test
    public void mergingLinksBothItems() {
        ItemView a = kernel.create(province, "clues", Map.of("title", "线索甲", "unitId", province.unitId()), "REST");
        ItemView b = kernel.create(province, "clues", Map.of("title", "线索乙", "unitId", province.unitId()), "REST");
        refused("INVALID_VALUE:intoItemId", () -> kernel.act(province, b.id(), "merge", Map.of("intoItemId", 9999), null, "REST"));
        ItemView merged = kernel.act(province, b.id(), "merge", Map.of("intoItemId", a.id()), null, "REST");
        assertEquals("CLOSED", merged.state());
        assertEquals("merged-into", merged.links().get(0).kind());
        assertEquals("OUT", merged.links().get(0).direction());
        ItemView target = kernel.get(province, a.id());
        assertEquals("IN", target.links().get(0).direction());
        assertEquals(b.number(), target.links().get(0).number());
    }
}
