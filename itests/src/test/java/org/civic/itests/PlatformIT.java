package org.civic.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.awaitility.Awaitility;
import org.civic.itests.plugin.TestPluginBundle;
import org.junit.Test;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The platform skeleton on the real distribution: health, authentication, the organisation admin API
 * with its validation and scope rules, OpenAPI, SOAP, events and Hawtio. One boot for the whole class.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends CivicTestSupport {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        Path plugin = TestPluginBundle.write(Paths.get("target", "test-plugin.jar").toAbsolutePath());
        List<Option> options = new ArrayList<>(List.of(distribution()));
        options.add(systemProperty("civic.it.testPlugin").value(plugin.toString()));
        return options.toArray(new Option[0]);
    }

    @Test
    public void healthAnswersUpWithoutCredentials() {
        Http.Reply health = platform().get("/api/v1/health");
        assertEquals(health.toString(), 200, health.status());
        assertEquals("UP", health.json().path("status").asText());
        assertEquals("UP", health.json().path("components").path("database").asText());
        assertEquals("UP", health.json().path("components").path("soap").asText());
    }

    @Test
    public void everyBundleStartsAndTheLogHasNoErrors() throws IOException {
        platform();
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            if (b.getState() != Bundle.ACTIVE && !(fragment && b.getState() == Bundle.RESOLVED)) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertTrue("Bundles not active: " + notActive, notActive.isEmpty());
        Path log = Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
        List<String> errors = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            // Pax Exam's own RMI registry start-up is not the platform's.
            if (line.contains("| ERROR |") && !line.contains("pax.exam") && !line.contains("RMI")) {
                errors.add(line);
            }
        }
        assertTrue("ERROR lines in karaf.log: " + errors, errors.isEmpty());
    }

    @Test
    public void requestsWithoutValidCredentialsAre401() {
        Http http = platform();
        Http.Reply anonymous = http.get("/api/v1/me");
        assertEquals(401, anonymous.status());
        assertEquals("UNAUTHENTICATED", anonymous.code());
        Http.Reply wrong = http.as("admin", "not-the-password").get("/api/v1/me");
        assertEquals(401, wrong.status());
        assertEquals("BAD_CREDENTIALS", wrong.code());
        Http.Reply unknownPath = http.as("admin", "admin").get("/api/v1/no-such-thing");
        assertEquals(404, unknownPath.status());
        assertEquals("NOT_FOUND", unknownPath.code());
    }

    @Test
    public void adminCreatesRegionUnitAndUserWhoSeesOnlyTheirScope() {
        Http admin = platform().as("admin", "admin");
        Http.Reply region = admin.post("/api/v1/admin/regions",
                "{\"regionCode\":\"620111\",\"name\":\"红古区\",\"level\":\"COUNTY\",\"parentCode\":\"620100\"}");
        assertEquals(region.toString(), 201, region.status());
        assertEquals("COUNTY_LEVEL", region.json().path("areaKind").asText());

        Http.Reply unit = admin.post("/api/v1/admin/units",
                "{\"name\":\"红古区政务服务中心\",\"unitType\":\"SERVICE_CENTRE\",\"regionCode\":\"620111\",\"tags\":[\"linkageMember\"]}");
        assertEquals(unit.toString(), 201, unit.status());
        long unitId = unit.json().path("id").asLong();

        Http.Reply user = admin.post("/api/v1/admin/users", "{\"loginName\":\"hg_admin\",\"displayName\":\"红古区管理员\","
                + "\"password\":\"Honggu2026\",\"unitId\":" + unitId + ",\"roles\":[\"region_admin\"],\"mobile\":\"13900000001\"}");
        assertEquals(user.toString(), 201, user.status());
        assertFalse("no password hash in answers", user.body().contains("password"));

        Http hg = platform().as("hg_admin", "Honggu2026");
        JsonNode me = hg.get("/api/v1/me").json();
        assertEquals("620111", me.path("scope").path("rootRegionCode").asText());
        assertEquals(unitId, me.path("unit").path("id").asLong());

        Http.Reply street = hg.post("/api/v1/admin/regions",
                "{\"regionCode\":\"620111001\",\"name\":\"窑街街道\",\"level\":\"STREET\",\"parentCode\":\"620111\"}");
        assertEquals(street.toString(), 201, street.status());
        JsonNode regions = hg.get("/api/v1/admin/regions?limit=100").json();
        assertEquals(2, regions.path("total").asInt());
        for (JsonNode r : regions.path("items")) {
            assertTrue(r.toString(), r.path("regionCode").asText().startsWith("620111"));
        }
        assertEquals(404, hg.get("/api/v1/admin/regions/620102").status());
        assertEquals(404, hg.get("/api/v1/admin/regions/410000").status());
        // names of the administrative divisions are public: an item may name a region outside the reader's scope
        JsonNode names = hg.get("/api/v1/admin/region-names?code=620102&code=620111001&code=999999").json();
        assertEquals("城关区", names.path("620102").asText());
        assertEquals("窑街街道", names.path("620111001").asText());
        assertFalse(names.toString(), names.has("999999"));
        JsonNode units = hg.get("/api/v1/admin/units?limit=100").json();
        for (JsonNode u : units.path("items")) {
            assertTrue(u.toString(), u.path("regionCode").asText().startsWith("620111"));
        }
        Http.Reply elsewhere = hg.post("/api/v1/admin/regions",
                "{\"regionCode\":\"620102101\",\"name\":\"某街道\",\"level\":\"STREET\",\"parentCode\":\"620102\"}");
        assertEquals(403, elsewhere.status());
        assertEquals("OUT_OF_SCOPE", elsewhere.code());
        Http.Reply county = hg.post("/api/v1/admin/regions",
                "{\"regionCode\":\"620112\",\"name\":\"某区\",\"level\":\"COUNTY\",\"parentCode\":\"620100\"}");
        assertEquals("INVALID_VALUE:level", county.code());
        Http.Reply ancestor = hg.put("/api/v1/admin/regions/620100", "{\"name\":\"兰州\"}");
        assertEquals("OUT_OF_SCOPE", ancestor.code());
    }

    @Test
    public void validationErrorsAreJsonAndWriteNothing() {
        Http admin = platform().as("admin", "admin");
        long before = admin.get("/api/v1/admin/regions?limit=1").json().path("total").asLong();

        expect(admin.post("/api/v1/admin/regions", "{\"regionCode\":\"620199\",\"name\":\"X\",\"level\":\"COUNTY\",\"parentCode\":\"629900\"}"),
                400, "INVALID_VALUE:parentCode");
        expect(admin.post("/api/v1/admin/regions", "{\"regionCode\":\"620300\",\"name\":\"嘉峪关市\",\"level\":\"CITY\",\"parentCode\":\"620102\"}"),
                400, "INVALID_VALUE:level");
        expect(admin.post("/api/v1/admin/regions", "{\"regionCode\":\"620102\",\"name\":\"城关区\",\"level\":\"COUNTY\",\"parentCode\":\"620100\"}"),
                409, "DUPLICATE:regionCode");
        expect(admin.post("/api/v1/admin/regions", "{\"regionCode\":\"620121\",\"name\":\"\",\"level\":\"COUNTY\",\"parentCode\":\"620100\"}"),
                400, "MISSING_FIELD:name");
        expect(admin.post("/api/v1/admin/regions", "{\"regionCode\":\"620121\",\"name\":\"" + "长".repeat(51)
                + "\",\"level\":\"COUNTY\",\"parentCode\":\"620100\"}"), 400, "INVALID_VALUE:name");
        expect(admin.post("/api/v1/admin/regions", "{\"regionCode\":\"321121\",\"name\":\"永登县\",\"level\":\"COUNTY\",\"parentCode\":\"620100\"}"),
                400, "INVALID_VALUE:regionCode");
        expect(admin.post("/api/v1/admin/regions", "{\"regionCode\": \"620121\", \"name\": "), 400, "INVALID_VALUE:body");
        expect(admin.post("/api/v1/admin/regions", "{\"regionCode\":\"620121\",\"name\":\"永登县\",\"level\":\"COUNTY\",\"parentCode\":\"620100\",\"sortNo\":\"many\"}"),
                400, "INVALID_VALUE:sortNo");
        expect(admin.send("POST", "/api/v1/admin/regions", "text/plain", "regionCode=620121"), 415, "UNSUPPORTED_MEDIA_TYPE");
        expect(admin.post("/api/v1/admin/users", "{\"loginName\":\"admin\",\"displayName\":\"重复\",\"password\":\"Abcd1234\",\"unitId\":1}"),
                409, "DUPLICATE:loginName");
        expect(admin.post("/api/v1/admin/users", "{\"loginName\":\"new_user\",\"displayName\":\"新用户\",\"password\":\"Abcd1234\",\"unitId\":1,\"roles\":[\"no_such_role\"]}"),
                400, "INVALID_VALUE:roles");
        expect(admin.post("/api/v1/admin/units", "{\"name\":\"某单位\",\"unitType\":\"NO_SUCH_TYPE\",\"regionCode\":\"620102\"}"),
                400, "INVALID_VALUE:unitType");
        expect(admin.put("/api/v1/admin/regions/620102", "{\"regionCode\":\"620109\"}"), 400, "IMMUTABLE_FIELD:regionCode");
        expect(platform().as("cg_staff", "civic2026").post("/api/v1/admin/regions",
                "{\"regionCode\":\"620102201\",\"name\":\"某街道\",\"level\":\"STREET\",\"parentCode\":\"620102\"}"), 403, "FORBIDDEN");

        long after = admin.get("/api/v1/admin/regions?limit=1").json().path("total").asLong();
        assertEquals("rejected requests wrote nothing", before, after);
        assertEquals(404, admin.get("/api/v1/admin/regions/620121").status());
    }

    @Test
    public void repeatedFailedLoginsLockTheAccount() {
        Http admin = platform().as("admin", "admin");
        assertEquals(201, admin.post("/api/v1/admin/users", "{\"loginName\":\"lock_me\",\"displayName\":\"锁定测试\","
                + "\"password\":\"Locked2026\",\"unitId\":1}").status());
        Http http = platform();
        for (int i = 0; i < 4; i++) {
            assertEquals("BAD_CREDENTIALS", http.as("lock_me", "wrong" + i).get("/api/v1/me").code());
        }
        assertEquals("ACCOUNT_LOCKED", http.as("lock_me", "wrong4").get("/api/v1/me").code());
        Http.Reply locked = http.as("lock_me", "Locked2026").get("/api/v1/me");
        assertEquals(401, locked.status());
        assertEquals("ACCOUNT_LOCKED", locked.code());
    }

    @Test
    public void tokenSessionForTheConsole() {
        Http http = platform();
        Http.Reply login = http.post("/api/v1/auth/login", "{\"loginName\":\"cg_admin\",\"password\":\"civic2026\"}");
        assertEquals(login.toString(), 200, login.status());
        String token = login.json().path("token").asText();
        assertEquals("cg_admin", http.bearer(token).get("/api/v1/me").json().path("user").path("loginName").asText());
        assertEquals(204, http.bearer(token).post("/api/v1/auth/logout", "").status());
        assertEquals(401, http.bearer(token).get("/api/v1/me").status());
        assertEquals("BAD_CREDENTIALS", http.post("/api/v1/auth/login", "{\"loginName\":\"cg_admin\",\"password\":\"x\"}").code());
    }

    @Test
    public void openApiDescribesTheResources() {
        Http.Reply openapi = platform().get("/api/v1/openapi.json");
        assertEquals(200, openapi.status());
        JsonNode paths = openapi.json().path("paths");
        assertTrue(paths.toString(), paths.has("/admin/regions"));
        assertTrue(paths.has("/admin/users/{id}"));
        assertTrue(paths.has("/me/password"));
        assertTrue(paths.has("/health"));
    }

    @Test
    public void soapOrganizationService() {
        Http http = platform();
        Http.Reply wsdl = http.get("/soap/OrganizationService?wsdl");
        assertEquals(200, wsdl.status());
        assertTrue(wsdl.body().contains("name=\"code\""));
        assertTrue(wsdl.body().contains("name=\"regionCode\""));
        String getRegion = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:o=\"http://civic.org/soap/organization/v1\">%s<soapenv:Body><o:getRegion><code>620102</code>"
                + "</o:getRegion></soapenv:Body></soapenv:Envelope>";
        Http.Reply basic = http.as("admin", "admin").send("POST", "/soap/OrganizationService", "text/xml", String.format(getRegion, ""));
        assertEquals(basic.toString(), 200, basic.status());
        assertTrue(basic.body(), basic.body().contains("<code>620102</code>"));
        assertTrue(basic.body(), basic.body().contains("<level>COUNTY</level>"));

        Http.Reply anonymous = http.send("POST", "/soap/OrganizationService", "text/xml", String.format(getRegion, ""));
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.body().contains("UNAUTHENTICATED"));

        String token = "<soapenv:Header><wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-wssecurity-secext-1.0.xsd\"><wsse:UsernameToken><wsse:Username>cg_admin</wsse:Username>"
                + "<wsse:Password>civic2026</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>";
        Http.Reply wss = http.send("POST", "/soap/OrganizationService", "text/xml", String.format(getRegion, token));
        assertEquals(wss.toString(), 200, wss.status());
        String otherProvince = String.format(getRegion, token).replace("620102", "410105");
        Http.Reply hidden = http.send("POST", "/soap/OrganizationService", "text/xml", otherProvince);
        assertTrue(hidden.body(), hidden.body().contains("NOT_FOUND"));
    }

    @Test
    public void organisationChangesArePublishedAsEvents() {
        Http admin = platform().as("admin", "admin");
        assertEquals(201, admin.post("/api/v1/admin/regions",
                "{\"regionCode\":\"620122\",\"name\":\"皋兰县\",\"level\":\"COUNTY\",\"parentCode\":\"620100\"}").status());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode e : admin.get("/api/v1/admin/events?limit=100").json()) {
                if ("platform.create_region".equals(e.path("topic").asText()) && "620122".equals(e.path("regionCode").asText())) {
                    return true;
                }
            }
            return false;
        });
        assertEquals("FORBIDDEN", platform().as("cg_admin", "civic2026").get("/api/v1/admin/events").code());
    }

    @Test
    public void hawtioAdmitsGlobalAdminOnly() {
        Http http = platform();
        // The web extender deploys Hawtio's war asynchronously: it may still be deploying when health answers UP.
        Awaitility.await("Hawtio deployed").atMost(Duration.ofSeconds(60))
                .until(() -> http.as("admin", "admin").get("/hawtio/jolokia/version").status() != 404);
        Http.Reply admin = http.as("admin", "admin").get("/hawtio/jolokia/version");
        assertEquals(admin.toString(), 200, admin.status());
        assertTrue(admin.body().contains("\"agent\""));
        assertEquals(403, http.as("cg_staff", "civic2026").get("/hawtio/jolokia/version").status());
        assertTrue(http.get("/hawtio/jolokia/version").status() >= 400);
    }

    @Test
    public void adjustableClockMovesPlatformTime() {
        Http admin = platform().as("admin", "admin");
        Http.Reply state = admin.get("/api/v1/admin/clock");
        assertEquals(state.toString(), 200, state.status());
        assertTrue(state.json().path("adjustable").asBoolean());
        Http.Reply set = admin.post("/api/v1/admin/clock", "{\"set\":\"2026-03-02T10:00:00+08:00\"}");
        assertEquals(set.toString(), 200, set.status());
        assertTrue(set.body(), set.json().path("now").asText().startsWith("2026-03-02T10:00"));
        Http.Reply advanced = admin.post("/api/v1/admin/clock", "{\"advance\":\"PT2H\"}");
        assertTrue(advanced.body(), advanced.json().path("now").asText().startsWith("2026-03-02T12:00"));
        // Business time moved; the platform records it (the region's createdAt is the platform time).
        Http.Reply region = admin.post("/api/v1/admin/regions",
                "{\"regionCode\":\"620124\",\"name\":\"永登县\",\"level\":\"COUNTY\",\"parentCode\":\"620100\"}");
        assertTrue(region.body(), region.json().path("createdAt").asText().startsWith("2026-03-02T12:00"));
        expect(admin.post("/api/v1/admin/clock", "{\"advance\":\"two hours\"}"), 400, "INVALID_VALUE:advance");
        expect(admin.post("/api/v1/admin/clock", "{\"advance\":\"-PT1H\"}"), 400, "INVALID_VALUE:advance");
        expect(admin.post("/api/v1/admin/clock", "{}"), 400, "MISSING_FIELD:set");
        expect(platform().as("cg_admin", "civic2026").post("/api/v1/admin/clock", "{\"advance\":\"PT1H\"}"), 403, "FORBIDDEN");
        // Sessions age by system time, so a token survives moving the platform clock by days.
        String token = platform().post("/api/v1/auth/login", "{\"loginName\":\"cg_admin\",\"password\":\"civic2026\"}")
                .json().path("token").asText();
        admin.post("/api/v1/admin/clock", "{\"advance\":\"P3D\"}");
        assertEquals(200, platform().bearer(token).get("/api/v1/me").status());
    }

    @Test
    public void pluginDeclarationsComeAndGoWithTheBundleAndItsDataStays() throws Exception {
        Http admin = platform().as("admin", "admin");
        String unit = "{\"name\":\"插件类型单位\",\"unitType\":\"TEST_UNIT\",\"regionCode\":\"620103\"}";
        expect(admin.post("/api/v1/admin/units", unit), 400, "INVALID_VALUE:unitType");

        Bundle plugin = context.installBundle("file:" + System.getProperty("civic.it.testPlugin"));
        plugin.start();
        Awaitility.await("plugin demo user loaded").atMost(Duration.ofSeconds(30))
                .until(() -> platform().as("plugin_user", "Plugin2026").get("/api/v1/me").status() == 200);
        JsonNode me = platform().as("plugin_user", "Plugin2026").get("/api/v1/me").json();
        assertEquals("TEST_UNIT", me.path("unit").path("unitType").asText());
        assertEquals("test_role", me.path("roles").get(0).asText());
        assertEquals(201, admin.post("/api/v1/admin/units", unit).status());

        plugin.uninstall();
        expect(admin.post("/api/v1/admin/units", unit.replace("插件类型单位", "插件类型单位二")), 400, "INVALID_VALUE:unitType");
        assertEquals("data stays after uninstall", 200, platform().as("plugin_user", "Plugin2026").get("/api/v1/me").status());

        Bundle again = context.installBundle("file:" + System.getProperty("civic.it.testPlugin"));
        again.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.post("/api/v1/admin/units",
                unit.replace("插件类型单位", "插件类型单位三")).status() == 201);
        JsonNode units = admin.get("/api/v1/admin/units?regionCode=620102&limit=100").json();
        int demoUnits = 0;
        for (JsonNode u : units.path("items")) {
            if ("城关区测试单位".equals(u.path("name").asText())) {
                demoUnits++;
            }
        }
        assertEquals("demo data loaded once across reinstall", 1, demoUnits);
        again.uninstall();
    }

    @Test
    public void workingCalendarWithThe2026HolidaysAndRegionOverrides() {
        Http admin = platform().as("admin", "admin");
        JsonNode february = admin.get("/api/v1/admin/calendar?month=2026-02").json();
        assertEquals("global", february.path("source").asText());
        // Spring Festival 15-23 February off, Saturdays 14 and 28 February worked (调休).
        assertEquals(16, february.path("workingDays").asInt());
        assertEquals("NON_WORKING", february.path("days").get(15).path("dayType").asText());
        assertEquals("WORKING", february.path("days").get(13).path("dayType").asText());
        assertEquals("2026-02-24T23:59:59+08:00", admin.get("/api/v1/admin/calendar/deadline?from=2026-02-13T16:00:00%2B08:00"
                + "&workingDays=2").json().path("deadline").asText());

        // A district keeps its own calendar and office hours; its neighbour keeps the global one.
        Http cg = platform().as("cg_admin", "civic2026");
        assertEquals(204, cg.post("/api/v1/admin/calendar/years", "{\"regionCode\":\"620102\",\"minYear\":2026,\"maxYear\":2026}").status());
        assertEquals(204, cg.put("/api/v1/admin/calendar/office-hours", "{\"regionCode\":\"620102\",\"officeHours\":\"09:00-12:00,13:00-17:00\"}").status());
        assertEquals(204, cg.put("/api/v1/admin/calendar/days/2026-03-09", "{\"regionCode\":\"620102\",\"dayType\":\"NON_WORKING\",\"note\":\"区级假日\"}").status());
        String friday = "&from=2026-03-06T16:30:00%2B08:00&workingMinutes=120";
        assertEquals("2026-03-10T10:30:00+08:00", admin.get("/api/v1/admin/calendar/deadline?regionCode=620102" + friday)
                .json().path("deadline").asText());
        assertEquals("2026-03-09T09:30:00+08:00", admin.get("/api/v1/admin/calendar/deadline?regionCode=620103" + friday)
                .json().path("deadline").asText());

        expect(cg.post("/api/v1/admin/calendar/years", "{\"regionCode\":\"620102\",\"minYear\":2026,\"maxYear\":2026}"),
                409, "CONFIRMATION_REQUIRED");
        expect(cg.post("/api/v1/admin/calendar/years", "{\"regionCode\":\"620102\",\"minYear\":2027,\"maxYear\":2026}"),
                400, "INVALID_VALUE:maxYear");
        expect(cg.put("/api/v1/admin/calendar/days/2025-03-03", "{\"regionCode\":\"620102\",\"dayType\":\"WORKING\"}"),
                409, "INVALID_STATE");
        expect(cg.put("/api/v1/admin/calendar/office-hours", "{\"regionCode\":\"620102\",\"officeHours\":\"17:00-09:00\"}"),
                400, "INVALID_VALUE:officeHours");
        expect(cg.put("/api/v1/admin/calendar/days/2026-03-07", "{\"dayType\":\"WORKING\"}"), 403, "FORBIDDEN");
        expect(cg.put("/api/v1/admin/calendar/days/2026-03-07", "{\"regionCode\":\"620103\",\"dayType\":\"WORKING\"}"),
                404, "NOT_FOUND");
        expect(admin.get("/api/v1/admin/calendar/deadline?from=2027-12-30T10:00:00%2B08:00&workingDays=3"),
                409, "CALENDAR_NOT_INITIALISED:2028-01");
    }
}
