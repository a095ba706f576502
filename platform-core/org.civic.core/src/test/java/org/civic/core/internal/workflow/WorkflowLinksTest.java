package org.civic.core.internal.workflow;

import static org.civic.core.internal.workflow.HotlineFixture.LINE;
import static org.civic.core.internal.workflow.HotlineFixture.in;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Links seen from both sides: the linked item's detail names the linking item's line, state and creating
 * unit (a supervision office supervising an appeal), and only when the caller may see the linking item
 * its id and number.
 */
public class WorkflowLinksTest {

    private HotlineFixture f;

    @Before
    public void setUp() {
        f = new HotlineFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    @Test
    public void aLinkIsVisibleFromBothSidesWithoutRevealingAnItemTheCallerCannotSee() {
        ItemView target = f.draft("路灯损坏");
        ItemView province = f.kernel.create(f.province, LINE, in("title", "省级并案", "category", "ROAD"), "REST");
        f.kernel.act(f.province, province.id(), "merge", in("intoItemId", target.id()), null, "REST");

        ItemView.Link out = f.kernel.get(f.province, province.id()).links().get(0);
        assertEquals("OUT", out.direction());
        assertEquals(target.id(), out.itemId());
        assertEquals("DRAFT", out.state());
        assertEquals(LINE, out.line());
        assertTrue(out.visible());

        ItemView.Link seenByProvince = f.kernel.get(f.province, target.id()).links().get(0);
        assertEquals("IN", seenByProvince.direction());
        assertEquals(province.number(), seenByProvince.number());
        assertEquals("MERGED", seenByProvince.state());
        assertEquals(f.provinceCentre.name(), seenByProvince.byUnit());

        // The county dispatcher sees the target but not the province's item: the link is named, not opened.
        ItemView.Link seenByCounty = f.kernel.get(f.dispatcher, target.id()).links().get(0);
        assertEquals("merged-into", seenByCounty.kind());
        assertEquals("IN", seenByCounty.direction());
        assertFalse(seenByCounty.visible());
        assertEquals(0, seenByCounty.itemId());
        assertNull(seenByCounty.number());
        assertNull(seenByCounty.state());
        assertEquals(LINE, seenByCounty.line());
        assertEquals(f.provinceCentre.name(), seenByCounty.byUnit());
    }
}
