package org.civic.plugins.clue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Merge scope S3 is the view scope S1, which includes the clues a unit ever held: a county merges (and
 * unmerges) a completed clue it once held that was re-routed to another county (found by ClueIT: the kernel's
 * REGION rule answered OUT_OF_SCOPE for it).
 */
public class ClueMergeScopeTest {

    private static final String SAME = "已督促用工单位足额支付拖欠工资，投诉人确认收到";

    private ClueFixture f;

    @Before
    public void setUp() {
        f = new ClueFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    /** Held by 城关区, returned, re-routed to 七里河区 and completed there. */
    private long heldThenMoved() {
        long id = f.atCounty();
        f.act(f.zhaogang, id, "return", "opinion", "用工地在七里河区");
        f.act(f.liqiang, id, "transfer_within_city", "targetCountyCode", "620103");
        f.act(f.liuyang, id, "receive");
        f.act(f.liuyang, id, "record_completion_feedback", "resultSummary", SAME, "handledDate", f.today());
        f.act(f.liuyang, id, "submit");
        f.act(f.liqiang, id, "approve");
        f.act(f.wangmin, id, "approve");
        return id;
    }

    @Test
    public void aCountyMergesAndUnmergesAClueItOnceHeldInAnotherCounty() {
        long moved = heldThenMoved();
        long own = f.completed(SAME);
        assertTrue(f.ids(f.zhaogang, "query").contains(moved));
        Map<String, Object> g = f.merges.merge(f.zhaogang, Map.of("memberClueIds", List.of(own, moved)));
        String groupNo = (String) g.get("groupId");
        assertEquals(groupNo, f.field(moved, "mergeGroupNo"));
        assertEquals("the creating unit's own region", "620102", g.get("createdByUnitRegion"));
        Map<String, Object> cancelled = f.merges.cancel(f.zhaogang, groupNo, Map.of("cancelOpinion", "误合并"));
        assertEquals(true, cancelled.get("cancelled"));
        assertNull(f.field(moved, "mergeGroupNo"));
    }

    @Test
    public void theCityStillCancelsTheCountysMergeAndAnotherCountyStillMayNot() {
        long moved = heldThenMoved();
        long own = f.completed(SAME);
        String groupNo = (String) f.merges.merge(f.zhaogang, Map.of("memberClueIds", List.of(own, moved))).get("groupId");
        f.refused("FORBIDDEN", () -> f.merges.cancel(f.zhouhong, groupNo, Map.of("cancelOpinion", "误合并")));
        assertEquals(true, f.merges.cancel(f.liqiang, groupNo, Map.of("cancelOpinion", "误合并")).get("cancelled"));
    }
}
