package org.civic.core.internal.workflow;

import static org.junit.Assert.assertEquals;

import java.util.Set;

import org.civic.core.api.org.Caller;
import org.civic.core.api.spi.FieldMasking;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** A line's FieldMasking rule: masked fields in views, audit inputs and list rows for some callers; stored values untouched. */
public class WorkflowFieldMaskingTest {

    private HotlineFixture f;

    private final FieldMasking auditorsSeeNoPhones = new FieldMasking() {
        @Override
        public String line() {
            return HotlineFixture.LINE;
        }

        @Override
        public Set<String> maskedFor(Caller caller) {
            return caller.hasRole("dispatcher") ? Set.of() : Set.of("phone");
        }
    };

    @Before
    public void setUp() {
        f = new HotlineFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    @Test
    public void maskedForSomeCallersOnlyAndOnlyWhileTheRuleIsRegistered() {
        long id = f.draft("油烟扰民", "phone", "13800000002").id();
        f.kernel.addFieldMasking(auditorsSeeNoPhones);
        ItemView seen = f.kernel.get(f.auditor, id);
        assertEquals("138****0002", seen.fields().get("phone"));
        assertEquals("138****0002", seen.auditTrail().get(0).input().get("phone"));
        assertEquals("138****0002", f.kernel.query(f.auditor, HotlineFixture.LINE, ItemQuery.all(0, 10)).items().get(0)
                .fields().get("phone"));
        assertEquals("13800000002", f.kernel.get(f.dispatcher, id).fields().get("phone"));
        assertEquals("13800000002", f.kernel.query(f.dispatcher, HotlineFixture.LINE, ItemQuery.all(0, 10)).items().get(0)
                .fields().get("phone"));
        f.kernel.removeFieldMasking(auditorsSeeNoPhones);
        assertEquals("13800000002", f.kernel.get(f.auditor, id).fields().get("phone"));
        assertEquals("****", FieldMasking.mask("12345"));
    }
}
