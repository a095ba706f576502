package org.civic.console.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class ContributionsTest {

    private static List<MenuEntry> parse(String json) throws IOException {
        return Contributions.parse("org.civic.plugins.sample", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void refused(String json, String expected) throws IOException {
        try {
            parse(json);
            fail("accepted " + json);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }

    @Test
    public void readsEntriesInTheirOrderWithRoutesAndModules() throws IOException {
        List<MenuEntry> menu = parse("{\"menu\":["
                + "{\"id\":\"b\",\"label\":{\"zh\":\"乙\"},\"page\":\"pages/b.js\",\"order\":20},"
                + "{\"id\":\"guide\",\"label\":{\"zh\":\"示例说明\",\"en\":\"Guide\"},\"page\":\"guide.js\",\"roles\":[\"sample_dispatcher\"],"
                + "\"line\":\"sample\",\"order\":10}]}");
        assertEquals(2, menu.size());
        MenuEntry guide = menu.get(0);
        assertEquals("guide", guide.id());
        assertEquals("Guide", guide.label().get("en"));
        assertEquals(List.of("sample_dispatcher"), guide.roles());
        assertEquals("sample", guide.line());
        assertEquals("#/p/org.civic.plugins.sample/guide", guide.href());
        assertEquals("/console/plugins/org.civic.plugins.sample/guide.js", guide.module());
        assertEquals("English falls back to Chinese", "乙", menu.get(1).label().get("en"));
        assertNull(menu.get(1).line());
        assertNull(menu.get(1).section());
    }

    @Test
    public void anEntryMayBelongToTheAdministrationMenu() throws IOException {
        MenuEntry limits = parse("{\"menu\":[{\"id\":\"limits\",\"label\":{\"zh\":\"110时限设置\"},\"page\":\"limits.js\","
                + "\"section\":\"admin\",\"roles\":[\"region_admin\"]}]}").get(0);
        assertEquals("admin", limits.section());
        refused("{\"menu\":[{\"id\":\"a\",\"label\":{\"zh\":\"x\"},\"page\":\"a.js\",\"section\":\"top\"}]}", "section");
    }

    @Test
    public void anEntryMayStandInForOneOfItsLinesWorklists() throws IOException {
        List<MenuEntry> menu = parse("{\"menu\":[{\"id\":\"pending\",\"label\":{\"zh\":\"待接收\"},\"page\":\"lists.js\","
                + "\"line\":\"clue\",\"worklist\":\"pending_receipt\"},{\"id\":\"guide\",\"label\":{\"zh\":\"说明\"},\"page\":\"g.js\"}]}");
        assertEquals("pending_receipt", menu.get(0).worklist());
        assertNull(menu.get(1).worklist());
        refused("{\"menu\":[{\"id\":\"a\",\"label\":{\"zh\":\"x\"},\"page\":\"a.js\",\"worklist\":\"w\"}]}", "needs a line");
        refused("{\"menu\":[{\"id\":\"a\",\"label\":{\"zh\":\"x\"},\"page\":\"a.js\",\"line\":\"l\",\"worklist\":\"W X\"}]}",
                "worklist");
    }

    @Test
    public void refusesDeclarationsThatCouldEscapeThePluginsFolderOrBreakTheMenu() throws IOException {
        refused("{}", "\"menu\" array");
        refused("{\"menu\":[{\"id\":\"Bad Id\",\"label\":{\"zh\":\"x\"},\"page\":\"a.js\"}]}", "menu id");
        refused("{\"menu\":[{\"id\":\"a\",\"label\":{\"zh\":\"x\"},\"page\":\"../a.js\"}]}", "page");
        refused("{\"menu\":[{\"id\":\"a\",\"label\":{\"zh\":\"x\"},\"page\":\"/a.js\"}]}", "page");
        refused("{\"menu\":[{\"id\":\"a\",\"label\":{\"zh\":\"x\"},\"page\":\"https://cdn.example/a.js\"}]}", "page");
        refused("{\"menu\":[{\"id\":\"a\",\"label\":{\"zh\":\"x\"},\"page\":\"a.html\"}]}", "page");
        refused("{\"menu\":[{\"id\":\"a\",\"label\":{\"en\":\"x\"},\"page\":\"a.js\"}]}", "label.zh");
        refused("{\"menu\":[{\"id\":\"a\",\"label\":{\"zh\":\"x\"},\"page\":\"a.js\"},{\"id\":\"a\",\"label\":{\"zh\":\"y\"},\"page\":\"b.js\"}]}",
                "twice");
    }

    @Test
    public void servesOnlyPlainRelativePaths() {
        assertTrue(Contributions.isSafeResource("guide.js"));
        assertTrue(Contributions.isSafeResource("img/logo.png"));
        assertTrue(Contributions.isSafeResource("echarts/5.5.0/echarts.min.js"));
        for (String bad : new String[] {"", "/etc/passwd", "../x.js", "a/../../x", "a//b", "a\\b", "a/./b", "%2e%2e/x", "a b.js"}) {
            assertFalse(bad, Contributions.isSafeResource(bad));
        }
        assertFalse(Contributions.isSafeResource(null));
    }

    @Test
    public void knowsTheTypesItServes() {
        assertEquals("text/javascript;charset=UTF-8", ConsoleServlet.contentType("js/app.js"));
        assertEquals("text/css;charset=UTF-8", ConsoleServlet.contentType("console.css"));
        assertEquals("application/json;charset=UTF-8", ConsoleServlet.contentType("i18n/zh.json"));
        assertEquals("application/octet-stream", ConsoleServlet.contentType("README"));
        assertFalse("no inline script", ConsoleServlet.CSP.contains("unsafe-inline"));
        assertFalse("no eval", ConsoleServlet.CSP.contains("unsafe-eval"));
    }

    @Test
    public void readsTheTextsOfTheLinesOwnErrorCodes() throws IOException {
        Contributions.Declaration d = Contributions.read("org.civic.plugins.clue", new ByteArrayInputStream(("{\"menu\":[],"
                + "\"messages\":{\"NO_CLUE_UNIT\":{\"zh\":\"该地区尚无线索办理单位\",\"en\":\"That region has no clue unit\"},"
                + "\"MERGE_TOO_FEW\":{\"zh\":\"至少需要两条不同的线索\"}}}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("该地区尚无线索办理单位", d.messages().get("NO_CLUE_UNIT").get("zh"));
        assertEquals("That region has no clue unit", d.messages().get("NO_CLUE_UNIT").get("en"));
        assertEquals("English falls back to Chinese", "至少需要两条不同的线索", d.messages().get("MERGE_TOO_FEW").get("en"));
        assertEquals(Map.of(), parseDeclaration("{\"menu\":[]}").messages());

        refused("{\"menu\":[],\"messages\":[\"NO_CLUE_UNIT\"]}", "\"messages\" must map error codes");
        refused("{\"menu\":[],\"messages\":{\"INVALID_VALUE:targetCityCode\":{\"zh\":\"x\"}}}", "must match");
        refused("{\"menu\":[],\"messages\":{\"no_clue_unit\":{\"zh\":\"x\"}}}", "must match");
        refused("{\"menu\":[],\"messages\":{\"NO_CLUE_UNIT\":{\"en\":\"No unit\"}}}", "message NO_CLUE_UNIT needs zh");
    }

    @Test
    public void messagesOfSeveralPluginsAreMergedTheFirstPluginWinningACode() throws IOException {
        Map<String, ConsoleContributions.Plugin> plugins = new LinkedHashMap<>();
        plugins.put("org.civic.plugins.zeta", plugin("{\"menu\":[],\"messages\":{\"SHARED\":{\"zh\":\"后\"},"
                + "\"ZETA_ONLY\":{\"zh\":\"乙\"}}}"));
        plugins.put("org.civic.plugins.alpha", plugin("{\"menu\":[],\"messages\":{\"SHARED\":{\"zh\":\"先\"}}}"));
        Map<String, Map<String, String>> merged = ConsoleContributions.merge(plugins);
        assertEquals(List.of("SHARED", "ZETA_ONLY"), List.copyOf(merged.keySet()));
        assertEquals("by symbolic name, not by arrival", "先", merged.get("SHARED").get("zh"));
    }

    private static Contributions.Declaration parseDeclaration(String json) throws IOException {
        return Contributions.read("org.civic.plugins.sample", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static ConsoleContributions.Plugin plugin(String json) throws IOException {
        Contributions.Declaration d = parseDeclaration(json);
        return new ConsoleContributions.Plugin(null, "console", d.menu(), d.messages());
    }
}
