package org.civic.plugins.linkage110;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.civic.core.api.workflow.DefinitionValidator;
import org.civic.core.api.workflow.LineDefinition;
import org.junit.Test;

public class Linkage110LineTest {

    @Test
    public void theDeclarationPassesTheKernelsChecks() {
        LineDefinition d = Linkage110Line.definition();
        assertTrue(DefinitionValidator.problems(d).toString(), DefinitionValidator.problems(d).isEmpty());
        assertEquals("DRAFT", d.initialState());
        // every action id of spec §5.2/5.3 that this line declares
        for (String action : new String[] {"edit_draft", "delete_draft", "dispatch", "sign", "dispute", "accept_dispute",
                "reject_dispute", "request_extension", "approve_extension", "reject_extension", "feedback",
                "dept_callback", "confirm_callback", "supervise"}) {
            assertTrue(action, d.action(action) != null);
        }
    }

    @Test
    public void theDistrictNumberIsTheDayAndItsSequence() {
        assertEquals("20260302-1", AppealRules.districtNo("110-620102-20260302-0001"));
        assertEquals("20260303-12", AppealRules.districtNo("110-620102-20260303-0012"));
        assertEquals("20261122-10007", AppealRules.districtNo("110-410311-20261122-10007"));
    }

    @Test
    public void phonesFollowTheSpecsPatterns() {
        for (String ok : new String[] {"13800000002", "0931-8888888", "09318888888", "010-12345678"}) {
            assertTrue(ok, ok.matches(AppealRules.PHONE));
        }
        for (String bad : new String[] {"12345", "12800000002", "138000000021", "0931-888"}) {
            assertTrue(bad, !bad.matches(AppealRules.PHONE));
        }
    }
}
