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
