package org.civic.itests.console;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.civic.itests.CivicTestSupport;
import org.civic.itests.Http;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.junit.runners.MethodSorters;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.ops4j.pax.exam.ExamSystem;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.TestContainer;
import org.ops4j.pax.exam.karaf.options.KarafDistributionConfigurationConsoleOption;
import org.ops4j.pax.exam.karaf.options.KarafDistributionConfigurationFilePutOption;
import org.ops4j.pax.exam.options.SystemPropertyOption;
import org.ops4j.pax.exam.spi.PaxExamRuntime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The complaint-clue line's console pages (the plugin's own, contributed by its {@code Civic-Console}
 * header, and the generic item page) in headless Chromium against the real distribution, booted by Pax
 * Exam in server mode as in {@link ConsoleIT}. The feature {@code civic-plugin-clue} is installed at run
 * time through the distribution's Karaf shell ({@code bin/client}, as an operator would). Clues come in
 * through REST as the mini-program's partner account; the officers then work in the browser: a city
 * officer and a county officer (two sessions), and the province officer in the second session later.
 * Every test saves screenshots under target/screenshots and fails on browser console errors.
 *
 * <p>Against a distribution started by hand, with the feature installed:
 * {@code -Dcivic.console.url=http://localhost:18681}.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ClueConsoleIT extends CivicTestSupport {

    private static final Dimension DESKTOP = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final String PASSWORD = "Clue2026";
    private static final String PLUGIN = "org.civic.plugins.clue";

    private static TestContainer container;
    private static Path dist;
    private static String base;
    private static Http http;
    private static Browser city;
    private static Browser county;

    @BeforeClass
    public static void boot() throws Exception {
        Browser.ensureInstalled();
        String external = System.getProperty("civic.console.url");
        if (external != null) {
            base = external;
            http = Http.to(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
        } else {
            // The distribution of ConsoleIT, with Karaf's SSH shell on: the feature is installed through it.
            List<Option> options = new ArrayList<>();
            for (Option o : new ClueConsoleIT().distribution()) {
                options.add(o instanceof KarafDistributionConfigurationConsoleOption
                        ? org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole().ignoreLocalConsole() : o);
            }
            int port = options.stream().filter(SystemPropertyOption.class::isInstance).map(SystemPropertyOption.class::cast)
                    .filter(o -> o.getKey().equals("civic.it.httpPort")).mapToInt(o -> Integer.parseInt(o.getValue()))
                    .findFirst().orElseThrow();
            String ssh = options.stream().filter(KarafDistributionConfigurationFilePutOption.class::isInstance)
                    .map(KarafDistributionConfigurationFilePutOption.class::cast).filter(o -> o.getKey().equals("sshPort"))
                    .map(o -> String.valueOf(o.getValue())).findFirst().orElseThrow();
            base = "http://localhost:" + port;
            http = Http.to(port);
            Set<Path> before = folders(Path.of("target/exam"));
            ExamSystem system = PaxExamRuntime.createServerSystem(options.toArray(new Option[0]));
            container = PaxExamRuntime.createContainer(system);
            container.start();
            dist = distributionFolder(before);
            Awaitility.await("platform health UP").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                    .until(() -> http.get("/api/v1/health").status() == 200);
            shell(ssh, "feature:install civic-plugin-clue");
        }
        Awaitility.await("clue line, its officers and its console pages").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http.as("liqiang", PASSWORD).get("/api/v1/console/menu").body().contains("\"city-transfer\""));
        city = new Browser(base, DESKTOP);
        county = new Browser(base, DESKTOP);
    }

    /** One command in the distribution's Karaf shell, as admin, through bin/client. */
    private static void shell(String sshPort, String command) throws IOException, InterruptedException {
        Path out = Path.of("target", "clue-console-shell.log");
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/client").toString(), "-a", sshPort, "-h", "localhost",
                "-u", "admin", "-p", "admin", "-r", "30", "-d", "2", "-b").redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " failed: " + Files.readString(out));
        }
    }

    @AfterClass
    public static void shutdown() {
        for (Browser b : new Browser[] {city, county}) {
            if (b != null) {
                b.close();
            }
        }
        if (container != null) {
            container.stop();
        }
    }

    @Rule
    public final TestWatcher onFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description d) {
            try {
                city.screenshot(d.getMethodName() + "-FAILED-city");
                county.screenshot(d.getMethodName() + "-FAILED-county");
            } catch (Exception ignored) {
                // the failure itself is what matters
            }
        }
    };

    @After
    public void noConsoleErrors() {
        assertEquals("browser console errors (city)", List.of(), city.consoleErrors());
        assertEquals("browser console errors (county)", List.of(), county.consoleErrors());
    }

    /**
     * 兰州市 receives a clue, transfers it to 城关区 by name (first forgetting the county: the API's
     * MISSING_FIELD shown under the picker); 城关区 sees and receives it, records the completion feedback
     * and submits it on the generic item page; 兰州市 rejects it with an opinion, and 城关区's 案件管理 shows
     * it tagged 已驳回 with that opinion.
     */
    @Test
    public void t1_aCityTransfersAClueToACountyWhichReceivesItAndTheCityRejectsItsFeedback() throws Exception {
        JsonNode clue = intake("兰州金城建筑工程有限公司", "拖欠农民工工资三个月共计两万元，多次讨要未果。");
        String id = clue.path("id").asText();
        String no = clue.path("number").asText();

        city.login("liqiang", PASSWORD);
        assertEquals("the line's worklist opens the plugin's page, listed once", "#/p/" + PLUGIN + "/pending",
                city.find("#nav a.nav-item[data-worklist='pending_receipt']").getAttribute("href").replaceAll("^.*(#/.*)$", "$1"));
        assertTrue(city.all("#nav a.plugin-entry[data-entry='pending']").isEmpty());
        city.click(nav("pending"));
        city.textIs("#clue-list-title", "待接收线索");
        city.click(row(id) + " button[data-op='receive']");
        city.textContains("#clue-notice", "已接收线索 " + no);

        city.click(nav("city-transfer"));
        city.textIs("#clue-list-title", "市内转办");
        city.click(row(id) + " button[data-op='transfer']");
        Select counties = new Select(city.find("#targetCountyCode"));
        assertTrue("the city's counties by name", counties.getOptions().stream().anyMatch(o -> o.getText().equals("城关区")));
        city.type("#transfer-opinion", "实际用工地在城关区");
        city.click("#transfer-submit");
        city.textIs("#targetCountyCode-error", "此项为必填项");
        assertTrue(city.find(".field[data-field='targetCountyCode']").getAttribute("class").contains("invalid"));
        city.textIs("#transfer-error", "请按提示修改后重新提交");
        city.screenshot("clue-t1-transfer-validation");
        assertEquals("nothing transferred", "HANDLING", item(id, "liqiang").path("state").asText());
        counties.selectByVisibleText("城关区");
        city.click("#transfer-submit");
        city.textContains("#clue-notice", "已转办至城关区");
        assertTrue(city.all(row(id)).isEmpty());

        county.login("zhaogang", PASSWORD);
        county.click(nav("pending"));
        county.textContains(row(id), "兰州市劳动保障监察支队");
        county.screenshot("clue-t1-county-pending");
        county.click(row(id) + " button[data-op='receive']");
        county.textContains("#clue-notice", "已接收线索 " + no);
        // a supplementary note from the complainant: an unread badge until the county opens the notes
        ok(http.as("mp_gateway", PASSWORD).post(action(Long.parseLong(id), "add_supplementary_note"),
                "{\"complainantAccountId\":\"wx-console-it\",\"content\":\"补充：工资条照片已通过小程序上传\"}"));
        county.click(nav("cases"));
        county.textIs(row(id) + " .unread-notes", "1");
        county.click(row(id) + " button[data-view='notes']");
        county.textContains(".clue-view[data-view='notes']", "工资条照片");
        county.open("#/p/" + PLUGIN + "/cases");
        county.find(row(id));
        assertTrue("read now", county.all(row(id) + " .unread-notes").isEmpty());
        county.click(row(id) + " a[data-op='details']");
        county.textIs("#item-state", "办理中");
        county.click("button.action[data-action='record_completion_feedback']");
        county.type("#action-resultSummary", "经查属实，已责令用工单位足额支付拖欠工资两万元。");
        county.driver.executeScript("arguments[0].value = arguments[1]", county.find("#action-handledDate"), today());
        county.click("#action-submit");
        county.textContains("#audit", "办结反馈");
        county.click("button.action[data-action='submit']");
        county.click("#action-submit");
        county.textIs("#item-state", "待市级审核");

        city.click(nav("review"));
        city.textContains(row(id), "城关区劳动保障监察大队");
        city.click(row(id) + " a[data-op='details']");
        city.textIs("#item-state", "待市级审核");
        city.click("button.action[data-action='reject']");
        city.type("#action-opinion", "缺少工资支付凭证，请补充后重新提交");
        city.click("#action-submit");
        city.textIs("#item-state", "办理中");
        city.textContains("#audit", "缺少工资支付凭证");
        city.screenshot("clue-t1-city-rejected");

        county.click(nav("cases"));
        WebElement tag = county.find(row(id) + " [data-tag='REJECTED']");
        assertEquals("已驳回", tag.getText());
        county.textContains(row(id) + " td[data-col='col.tag']", "缺少工资支付凭证");
        county.screenshot("clue-t1-county-rejected-tag");
        county.click("#lang-switch");
        county.textIs("#clue-list-title", "Case management");
        county.textIs(row(id) + " [data-tag='REJECTED']", "Rejected");
        county.click("#lang-switch");
        county.textIs("#clue-list-title", "案件管理");
    }

    /**
     * 全部接收 of the city's waiting clues; the province officer transfers a clue it holds to a city and one of
     * its counties (省内转办), merges two completed clues with the same feedback (案件合并) and cancels the merge
     * again (案件合并管理); the handling statistics draw their chart.
     */
    @Test
    public void t2_receiveAllThenTheProvinceTransfersMergesTwoCluesWithTheSameFeedbackAndCancelsIt() throws Exception {
        String a = intake("兰州宏达劳务有限公司", "拖欠十二名工人工资共计八万元，项目已完工仍未结算。").path("id").asText();
        String b = intake("兰州宏达劳务有限公司", "同一项目拖欠工资，投诉人为班组长，涉及八万元。").path("id").asText();
        city.open("");
        city.click(nav("pending"));
        city.find(row(a));
        city.find(row(b));
        int waiting = city.all("tr.clue-row").size();
        city.click("#clue-receive-all");
        city.textContains("#clue-notice", "已接收 " + waiting + " 条线索");
        city.find("#clue-table, p.empty");
        assertTrue(city.all("tr.clue-row").isEmpty());
        city.screenshot("clue-t2-received-all");

        Http liqiang = http.as("liqiang", PASSWORD);
        Http wangmin = http.as("wangmin", PASSWORD);
        for (String id : List.of(a, b)) {
            ok(liqiang.post(action(Long.parseLong(id), "record_completion_feedback"), "{\"resultSummary\":"
                    + "\"已督促兰州宏达劳务有限公司结清全部拖欠工资八万元。\",\"handledDate\":\"" + today() + "\"}"));
            ok(liqiang.post(action(Long.parseLong(id), "submit"), "{}"));
            ok(wangmin.post(action(Long.parseLong(id), "approve"), "{\"opinion\":\"同意办结\"}"));
        }

        relogin(county, "wangmin");
        // 省内转办 of a clue without a workplace (the province holds it): a city, then one of its counties, by name
        String c = created(http.as("mp_gateway", PASSWORD).post("/api/v1/clue/items", "{\"channel\":\"PORTAL\","
                + "\"complainantName\":\"李卫东\",\"complainantPhone\":\"13909310001\",\"respondentName\":\"甘肃路桥劳务公司\","
                + "\"content\":\"工地拖欠工资，用工地点不详，请省里核实。\"}")).path("id").asText();
        county.click(nav("province-transfer"));
        county.click(row(c) + " button[data-op='transfer']");
        new Select(county.find("#targetCityCode")).selectByVisibleText("兰州市");
        new Select(county.find("#targetCountyCode")).selectByVisibleText("七里河区");
        county.screenshot("clue-t2-province-transfer");
        county.click("#transfer-submit");
        county.textContains("#clue-notice", "已转办至兰州市七里河区");
        JsonNode moved = item(c, "wangmin");
        assertEquals("PENDING_RECEIPT", moved.path("state").asText());
        assertEquals("620103", moved.path("fields").path("workplaceCountyCode").asText());

        county.click(nav("merge"));
        county.textIs("#clue-list-title", "案件合并");
        WebElement group = county.find("form.merge-group:has(" + row(a) + ")");
        assertTrue("the two clues share their group", !group.findElements(By.cssSelector(row(b))).isEmpty());
        group.findElement(By.cssSelector(row(a) + " input.merge-pick")).click();
        group.findElement(By.cssSelector(row(a) + " input.merge-master")).click();
        group.findElement(By.cssSelector(row(b) + " input.merge-pick")).click();
        group.findElement(By.cssSelector("textarea")).sendKeys("同一用工单位同一项目");
        group.findElement(By.cssSelector("button.merge-submit")).click();
        county.textContains("#clue-notice", "已合并为 HB");
        String groupNo = county.find("#clue-notice").getText().replaceAll(".*(HB\\d{12}).*", "$1");
        assertEquals(groupNo, item(a, "wangmin").path("fields").path("mergeGroupNo").asText());
        assertEquals(groupNo, item(b, "wangmin").path("fields").path("mergeGroupNo").asText());
        county.screenshot("clue-t2-merged");

        county.click(nav("merges"));
        String merged = "tr.merge-row[data-group='" + groupNo + "']";
        county.textContains(merged, "有效");
        county.click(merged + " button.merge-cancel");
        county.type("#cancel-opinion", "并非同一案件，取消合并");
        county.click("#cancel-submit");
        county.textContains("#clue-notice", "已取消合并 " + groupNo);
        county.find(merged + "[data-cancelled='true']");
        county.textContains(merged, "已取消");
        assertTrue(item(a, "wangmin").path("fields").path("mergeGroupNo").isNull());
        county.screenshot("clue-t2-merge-cancelled");

        county.click(nav("stats"));
        WebElement canvas = county.find("#clue-chart[data-rendered='true'] canvas");
        assertTrue(canvas.getSize().getWidth() > 100 && canvas.getSize().getHeight() > 100);
        county.textContains("#clue-stats-table", "兰州市");
        county.textContains("#clue-stats-table tr.total", "合计");
        county.screenshot("clue-t2-statistics");
    }

    /**
     * The generic item page's own action forms: 兰州市 receives a clue there and records progress (the summary in the
     * timeline), submits it, and 甘肃省 approves it with an opinion; 兰州市 returns another clue, first without the
     * reason (shown under the field), then with it, and the province holds that clue.
     */
    @Test
    public void t3_onTheItemPageACityRecordsProgressTheProvinceApprovesWithAnOpinionAndACityReturnsAClue() throws Exception {
        String id = intake("兰州安居物业服务有限公司", "物业公司拖欠保洁人员工资两个月，共计一万二千元。").path("id").asText();
        city.open("#/item/" + id);
        city.textIs("#item-state", "待接收");
        city.click("button.action[data-action='receive']");
        city.click("#action-submit");
        city.textIs("#item-state", "办理中");
        city.click("button.action[data-action='add_progress']");
        city.type("#action-summary", "已约谈物业公司负责人，承诺本周内支付");
        city.click("#action-submit");
        city.textContains("#audit li.event:first-child", "进度反馈");
        city.textContains("#audit li.event:first-child", "办理进度摘要：已约谈物业公司负责人，承诺本周内支付");
        city.screenshot("clue-t3-progress");
        assertTrue("the progress is the clue's", item(id, "liqiang").path("fields").path("progress").toString()
                .contains("已约谈物业公司负责人"));

        Http liqiang = http.as("liqiang", PASSWORD);
        ok(liqiang.post(action(Long.parseLong(id), "record_completion_feedback"), "{\"resultSummary\":"
                + "\"物业公司已足额支付保洁人员两个月工资一万二千元。\",\"handledDate\":\"" + today() + "\"}"));
        city.open("#/item/" + id);
        city.click("button.action[data-action='submit']");
        city.click("#action-submit");
        city.textIs("#item-state", "待省级审核");

        county.open("#/item/" + id);
        county.textIs("#item-state", "待省级审核");
        county.click("button.action[data-action='approve']");
        county.type("#action-opinion", "处理得当，同意办结");
        county.click("#action-submit");
        county.textIs("#item-state", "已办结");
        county.textContains("#audit li.event:first-child", "审核通过");
        county.textContains("#audit li.event:first-child .event-opinion", "处理得当，同意办结");
        county.screenshot("clue-t3-approved");
        JsonNode approved = item(id, "wangmin");
        assertEquals("COMPLETED", approved.path("state").asText());
        JsonNode last = approved.path("auditTrail").get(approved.path("auditTrail").size() - 1);
        assertEquals("approve", last.path("action").asText());
        assertEquals("处理得当，同意办结", last.path("opinion").asText());

        String back = intake("天水宏远商贸有限公司", "商贸公司拖欠销售人员提成工资，共计六千元。").path("id").asText();
        city.open("#/item/" + back);
        city.textIs("#item-state", "待接收");
        city.click("button.action[data-action='return']");
        city.click("#action-submit");
        city.textIs("#action-opinion-error", "此项为必填项");
        city.textIs("#action-error", "请按提示修改后重新提交");
        assertEquals("nothing returned", "PENDING_RECEIPT", item(back, "liqiang").path("state").asText());
        city.type("#action-opinion", "用工单位在天水市，非本市管辖");
        city.click("#action-submit");
        city.textIs("#item-state", "办理中");
        city.textContains("#audit li.event:first-child", "退回");
        city.textContains("#audit li.event:first-child .event-opinion", "用工单位在天水市，非本市管辖");
        city.screenshot("clue-t3-returned");
        JsonNode returned = item(back, "wangmin");
        assertEquals("HANDLING", returned.path("state").asText());
        assertEquals("PROVINCE", returned.path("fields").path("holderLevel").asText());
    }

    /**
     * The transfers on the generic item page pick their target by region name (the actions' region fields,
     * FieldDef.regions): 兰州市 picks one of its counties (first none: the API's MISSING_FIELD under the picker);
     * the province picks 天水市, whose counties the county picker then offers, and 秦州区.
     */
    @Test
    public void t4_theTransfersOnTheItemPagePickTheirTargetByRegionName() throws Exception {
        ensureLoggedIn(city, "liqiang");
        ensureLoggedIn(county, "wangmin");
        String id = intake("兰州恒信建材有限公司", "建材公司拖欠装卸工人工资共计三万元，已停工一个月。").path("id").asText();
        ok(http.as("liqiang", PASSWORD).post(action(Long.parseLong(id), "receive"), "{}"));
        city.open("#/item/" + id);
        city.click("button.action[data-action='transfer_within_city']");
        offers(city, "#action-targetCountyCode", "七里河区");
        Select counties = new Select(city.find("#action-targetCountyCode"));
        List<String> names = counties.getOptions().stream().map(WebElement::getText).toList();
        assertTrue(names.toString(), names.contains("城关区") && names.contains("七里河区"));
        assertTrue("names, not codes: " + names, names.stream().noneMatch(n -> n.matches(".*\\d{6}.*")));
        assertTrue("only the city's own counties: " + names, !names.contains("秦州区"));
        city.click("#action-submit");
        city.textIs("#action-targetCountyCode-error", "此项为必填项");
        city.textIs("#action-error", "请按提示修改后重新提交");
        counties.selectByVisibleText("七里河区");
        city.type("#action-opinion", "用工地在七里河区");
        city.screenshot("clue-t4-city-transfer-picker");
        city.click("#action-submit");
        city.textIs("#item-state", "待接收");
        JsonNode moved = item(id, "liqiang");
        assertEquals("620103", moved.path("fields").path("workplaceCountyCode").asText());
        assertEquals("七里河区劳动保障监察大队", moved.path("fields").path("holderUnitName").asText());

        String c = created(http.as("mp_gateway", PASSWORD).post("/api/v1/clue/items", "{\"channel\":\"PORTAL\","
                + "\"complainantName\":\"王秀兰\",\"complainantPhone\":\"13909310002\",\"respondentName\":\"陇东果品加工厂\","
                + "\"content\":\"果品加工厂拖欠季节工工资，用工地点待核实。\"}")).path("id").asText();
        county.open("#/item/" + c);
        county.click("button.action[data-action='transfer_within_province']");
        offers(county, "#action-targetCityCode", "天水市");
        assertTrue("no county before a city is chosen", county.find("#action-targetCountyCode").getAttribute("disabled") != null);
        List<String> cities = new Select(county.find("#action-targetCityCode")).getOptions().stream()
                .map(WebElement::getText).toList();
        assertTrue(cities.toString(), cities.contains("兰州市") && cities.contains("天水市"));
        assertTrue("names, not codes: " + cities, cities.stream().noneMatch(n -> n.matches(".*\\d{6}.*")));
        new Select(county.find("#action-targetCityCode")).selectByVisibleText("天水市");
        offers(county, "#action-targetCountyCode", "秦州区");
        assertTrue("天水市's counties only", county.all("#action-targetCountyCode option[data-name='城关区']").isEmpty());
        new Select(county.find("#action-targetCountyCode")).selectByVisibleText("秦州区");
        county.screenshot("clue-t4-province-transfer-picker");
        county.click("#action-submit");
        county.textIs("#item-state", "待接收");
        // the item page names the regions: its fields and the transfer in the timeline, not their codes
        county.textContains("#item-fields", "秦州区");
        county.textContains("#item-fields", "天水市");
        county.textContains("#audit li.event:first-child", "秦州区");
        assertTrue("region codes are not shown: " + county.find("#item-fields").getText(),
                !county.find("#item-fields").getText().contains("620502"));
        JsonNode sent = item(c, "wangmin");
        assertEquals("620500", sent.path("fields").path("workplaceCityCode").asText());
        assertEquals("620502", sent.path("fields").path("workplaceCountyCode").asText());
        assertEquals("天水市劳动保障监察支队", sent.path("fields").path("holderUnitName").asText());
    }

    /**
     * A line-specific error (the clue line's COMPLETION_FEEDBACK_REQUIRED, on submitting without the completion
     * feedback) shows the plugin's declared text: Chinese, and English after the switch, never only the server's
     * English message.
     */
    @Test
    public void t5_aLineSpecificErrorShowsThePluginsChineseText() throws Exception {
        String id = intake("兰州顺达运输有限公司", "运输公司拖欠司机工资四个月，共计四万八千元。").path("id").asText();
        Http liqiang = http.as("liqiang", PASSWORD);
        ok(liqiang.post(action(Long.parseLong(id), "receive"), "{}"));
        city.open("#/item/" + id);
        city.click("button.action[data-action='submit']");
        city.click("#action-submit");
        city.textIs("#action-error", "请先填写办结反馈再提交");
        city.screenshot("clue-t5-line-error-zh");
        Http.Reply refused = liqiang.post(action(Long.parseLong(id), "submit"), "{}");
        assertEquals("the API's answer is the line's code", "COMPLETION_FEEDBACK_REQUIRED", refused.code());
        assertTrue("the server's message is English", !refused.json().path("message").asText().isEmpty()
                && !city.find("#action-error").getText().contains(refused.json().path("message").asText()));
        assertEquals("nothing submitted", "HANDLING", item(id, "liqiang").path("state").asText());

        city.click("#lang-switch");
        city.textIs("#item-state", "Handling");
        city.click("button.action[data-action='submit']");
        city.click("#action-submit");
        city.textContains("#action-error", "Record the completion feedback before submitting");
        city.screenshot("clue-t5-line-error-en");
        city.click("#lang-switch");
        city.textIs("#item-state", "办理中");
    }

    /**
     * A county officer on a phone-sized window (390 × 844): 待接收 and 案件管理 as cards, the item page, a progress
     * entry from the phone; the main content never scrolls sideways.
     */
    @Test
    public void t6_theCluePagesOnAPhone() throws Exception {
        String id = intake("兰州金穗餐饮管理有限公司", "餐饮公司拖欠厨师和服务员工资，共计两万五千元。").path("id").asText();
        Http liqiang = http.as("liqiang", PASSWORD);
        ok(liqiang.post(action(Long.parseLong(id), "receive"), "{}"));
        ok(liqiang.post(action(Long.parseLong(id), "transfer_within_city"), "{\"targetCountyCode\":\"620102\"}"));
        Browser phone = new Browser(base, PHONE);
        try {
            phone.login("zhaogang", PASSWORD);
            phone.click("button.nav-toggle");
            phone.click(nav("pending"));
            phone.find(row(id));
            phone.screenshot("clue-t6-phone-pending");
            fitsTheWidth(phone, "待接收线索");
            phone.click(row(id) + " button[data-op='receive']");
            phone.textContains("#clue-notice", "已接收线索");
            phone.click("button.nav-toggle");
            phone.click(nav("cases"));
            phone.find(row(id));
            fitsTheWidth(phone, "案件管理");
            phone.screenshot("clue-t6-phone-cases");
            phone.click(row(id) + " a[data-op='details']");
            phone.textIs("#item-state", "办理中");
            fitsTheWidth(phone, "the item page");
            phone.click("button.action[data-action='add_progress']");
            phone.type("#action-summary", "已电话联系用工单位，约定下周一现场核查");
            fitsTheWidth(phone, "the action form");
            phone.screenshot("clue-t6-phone-progress-form");
            phone.click("#action-submit");
            phone.textContains("#audit li.event:first-child", "约定下周一现场核查");
            fitsTheWidth(phone, "the item page after the action");
            phone.screenshot("clue-t6-phone-item");
            assertEquals("browser console errors (phone)", List.of(), phone.consoleErrors());
        } finally {
            phone.close();
        }
    }

    /** Waits until a region picker offers a region by name; fails showing what it offers. */
    private static void offers(Browser b, String select, String name) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(b.driver, Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.cssSelector(select + " option[data-name='" + name + "']")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(select + " does not offer " + name + ": "
                    + b.all(select).stream().map(x -> x.getAttribute("outerHTML")).toList(), e);
        }
    }

    /** Logs a session in as this officer unless it is already (a single test run on its own). */
    private static void ensureLoggedIn(Browser b, String login) {
        b.open("");
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver, Duration.ofSeconds(20))
                .until(d -> !d.findElements(By.cssSelector("#user-name, #login-name")).isEmpty());
        if (b.all("#user-name").isEmpty()) {
            b.login(login, PASSWORD);
        }
    }

    /** Neither the page nor the main content scrolls sideways. */
    private static void fitsTheWidth(Browser b, String what) {
        JavascriptExecutor js = (JavascriptExecutor) b.driver;
        long page = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long main = ((Number) js.executeScript("const m = document.getElementById('main'); return m.scrollWidth - m.clientWidth"))
                .longValue();
        assertTrue(what + " is " + page + " px wide on a " + PHONE.getWidth() + " px screen", page <= PHONE.getWidth());
        assertEquals(what + ": the main content overflows sideways by", 0, main);
    }

    /** Logs the session out (when it is logged in) and in again as another officer. */
    private static void relogin(Browser b, String login) {
        b.open("");
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver, Duration.ofSeconds(20))
                .until(d -> !d.findElements(By.cssSelector("#logout, #login-name")).isEmpty());
        if (!b.all("#logout").isEmpty()) {
            b.click("#logout");
            b.find("#login-name");
        }
        b.login(login, PASSWORD);
    }

    /** The navigation link to one of the plugin's pages (a worklist's item, or an entry of its own). */
    private static String nav(String entry) {
        return "#nav a[href='#/p/" + PLUGIN + "/" + entry + "']";
    }

    private static String row(String id) {
        return "tr.clue-row[data-id='" + id + "']";
    }

    /** A clue from the mini-program's back end with 兰州市 as the workplace city: it waits at 兰州市. */
    private static JsonNode intake(String respondent, String content) {
        return created(http.as("mp_gateway", PASSWORD).post("/api/v1/clue/items", "{\"channel\":\"MINI_PROGRAM\","
                + "\"complainantAccountId\":\"wx-console-it\",\"complainantName\":\"马建国\",\"complainantPhone\":\"13909310000\","
                + "\"respondentName\":\"" + respondent + "\",\"workplaceCityCode\":\"620100\",\"content\":\"" + content + "\"}"));
    }

    private static JsonNode item(String id, String login) {
        return ok(http.as(login, PASSWORD).get("/api/v1/items/" + id));
    }

    private static String today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    private static Set<Path> folders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new HashSet<>(s.toList());
        }
    }

    /** The folder of the distribution Pax Exam just unpacked under target/exam (the one with bin/client). */
    private static Path distributionFolder(Set<Path> before) throws IOException {
        for (Path p : folders(Path.of("target/exam"))) {
            if (before.contains(p)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(p, 3)) {
                Path found = s.filter(x -> x.endsWith(Path.of("bin", "client"))).findFirst().orElse(null);
                if (found != null) {
                    return found.getParent().getParent();
                }
            }
        }
        throw new IllegalStateException("no distribution under " + new File("target/exam").getAbsolutePath()
                + " " + Arrays.toString(new File("target/exam").list()));
    }
}
