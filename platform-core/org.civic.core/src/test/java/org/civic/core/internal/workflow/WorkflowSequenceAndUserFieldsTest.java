package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.civic.core.internal.workflow.HotlineFixture.in;
import static org.junit.Assert.assertEquals;

import java.util.List;

import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.FieldDef.FieldType;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Named counters of a line ({@code ActionContext.nextInSequence}: a yearly business number that a line
 * formats itself) and the USER / USER_LIST field types (ids the line checks, without duplicates).
 */
public class WorkflowSequenceAndUserFieldsTest {

    private HotlineFixture f;
    private AutoCloseable numbered;

    @Before
    public void setUp() {
        f = new HotlineFixture();
        numbered = f.kernel.register(LineDefinition.builder("numbered", "编号", "Numbered")
                .states(StateDef.of("OPEN", "打开", "Open"))
                .createdBy("dispatcher")
                .createFields(FieldDef.of("title", "标题", "Title", FieldType.STRING).mandatory(),
                        FieldDef.of("ownerId", "负责人", "Owner", FieldType.USER),
                        FieldDef.of("helperIds", "协助人", "Helpers", FieldType.USER_LIST).withRange(1, 2))
                .onCreate(ctx -> ctx.setField("no", "N" + ctx.nextInSequence("2026:" + ctx.regionCode())))
                .actions(ActionDef.of("renumber", "重编", "Renumber").allowedFrom("OPEN").allowedTo("dispatcher")
                        .withHandler(ctx -> ctx.setField("no", "N" + ctx.nextInSequence("2026:" + ctx.regionCode()))))
                .build());
    }

    @After
    public void tearDown() throws Exception {
        numbered.close();
        f.close();
    }

    @Test
    public void countersAreNamedPerLineAndNeverRepeat() {
        ItemView a = f.kernel.create(f.dispatcher, "numbered", in("title", "一"), "REST");
        ItemView b = f.kernel.create(f.dispatcher, "numbered", in("title", "二"), "REST");
        ItemView other = f.kernel.create(f.otherCounty, "numbered", in("title", "三"), "REST");
        assertEquals("N1", a.fields().get("no"));
        assertEquals("N2", b.fields().get("no"));
        assertEquals("another counter name starts at 1", "N1", other.fields().get("no"));
        ItemView renumbered = f.kernel.act(f.dispatcher, a.id(), "renumber", in(), null, "REST");
        assertEquals("N3", renumbered.fields().get("no"));
    }

    @Test
    public void userFieldsHoldPositiveIdsWithoutDuplicates() {
        ItemView ok = f.kernel.create(f.dispatcher, "numbered", in("title", "一", "ownerId", "12", "helperIds", List.of(3, 4)),
                "REST");
        assertEquals(12, ((Number) ok.fields().get("ownerId")).intValue());
        assertEquals(List.of(3, 4), ok.fields().get("helperIds"));
        refused("INVALID_VALUE:ownerId", () -> f.kernel.create(f.dispatcher, "numbered", in("title", "一", "ownerId", -1), "REST"));
        refused("INVALID_VALUE:ownerId", () -> f.kernel.create(f.dispatcher, "numbered", in("title", "一", "ownerId", "张伟"), "REST"));
        refused("INVALID_VALUE:helperIds", () -> f.kernel.create(f.dispatcher, "numbered", in("title", "一", "helperIds", List.of(3, 3)), "REST"));
        refused("INVALID_VALUE:helperIds", () -> f.kernel.create(f.dispatcher, "numbered", in("title", "一", "helperIds", List.of(3, 4, 5)), "REST"));
        refused("INVALID_VALUE:helperIds", () -> f.kernel.create(f.dispatcher, "numbered", in("title", "一", "helperIds", 3), "REST"));
    }
}
