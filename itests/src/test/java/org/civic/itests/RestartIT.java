package org.civic.itests;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

/**
 * Data survives a restart: the distribution is started with the README's {@code ./civic start}, which
 * boots the business lines with their demo data; a region, unit, user and a 110 appeal are created over
 * REST, the platform is stopped and started again, and they are all still there (and the demo data is not
 * loaded twice). Started once more with {@code CIVIC_FEATURES=""}, it runs the core alone: the lines are
 * gone, their items stay in the database.
 */
public class RestartIT {

    private final Path root = Paths.get(System.getProperty("user.dir")).getParent();
    private final Path home = Paths.get(System.getProperty("user.dir"), "target", "restart-home");
    private final int http = CivicTestSupport.freePort();
    private final Map<String, String> env = Map.of(
            "CIVIC_HOME", home.toString(),
            "CIVIC_HTTP_PORT", Integer.toString(http),
            "CIVIC_SSH_PORT", Integer.toString(CivicTestSupport.freePort()),
            "CIVIC_RMI_PORTS", CivicTestSupport.freePort() + "," + CivicTestSupport.freePort());

    @After
    public void stop() throws Exception {
        civic("stop");
    }

    @Test
    public void dataSurvivesARestart() throws Exception {
        deleteRecursively(home);
        assertEquals(0, civic("start"));
        Http admin = Http.to(http).as("admin", "admin");
        assertEquals(List.of("clue", "linkage110", "supervision"), lines(admin));
        Http tianjing = Http.to(http).as("tianjing", "Linkage2026");
        Http.Reply appeal = tianjing.post("/api/v1/linkage110/items", "{\"title\":\"小区门口餐馆油烟扰民\","
                + "\"content\":\"晚间油烟严重影响居民休息\",\"appellantPhone\":\"13912345678\","
                + "\"appealTime\":\"2026-03-02T09:30:00+08:00\",\"category\":\"环境保护\"}");
        assertEquals(appeal.toString(), 201, appeal.status());
        long appealId = appeal.json().path("id").asLong();
        long usersBefore = admin.get("/api/v1/admin/users?limit=1").json().path("total").asLong();
        long regionsBefore = admin.get("/api/v1/admin/regions?limit=1").json().path("total").asLong();
        assertEquals(201, admin.post("/api/v1/admin/regions",
                "{\"regionCode\":\"620123\",\"name\":\"榆中县\",\"level\":\"COUNTY\",\"parentCode\":\"620100\"}").status());
        Http.Reply unit = admin.post("/api/v1/admin/units",
                "{\"name\":\"榆中县人民政府办公室\",\"unitType\":\"DEPARTMENT\",\"regionCode\":\"620123\"}");
        assertEquals(201, unit.status());
        assertEquals(201, admin.post("/api/v1/admin/users", "{\"loginName\":\"yz_staff\",\"displayName\":\"榆中县职员\","
                + "\"password\":\"Yuzhong2026\",\"unitId\":" + unit.json().path("id").asLong() + "}").status());

        // Without CIVIC_ADJUSTABLE_CLOCK the platform clock cannot be moved.
        Http.Reply clock = admin.post("/api/v1/admin/clock", "{\"advance\":\"PT1H\"}");
        assertEquals(clock.toString(), 409, clock.status());
        assertEquals("CLOCK_NOT_ADJUSTABLE", clock.code());

        assertEquals(0, civic("stop"));
        assertEquals(0, civic("start"));

        assertEquals("榆中县", admin.get("/api/v1/admin/regions/620123").json().path("name").asText());
        assertEquals(regionsBefore + 1, admin.get("/api/v1/admin/regions?limit=1").json().path("total").asLong());
        assertEquals("yz_staff", Http.to(http).as("yz_staff", "Yuzhong2026").get("/api/v1/me").json()
                .path("user").path("loginName").asText());
        assertEquals(List.of("clue", "linkage110", "supervision"), lines(admin));
        assertEquals("DRAFT", tianjing.get("/api/v1/items/" + appealId).json().path("state").asText());
        assertEquals("the lines' demo users are not loaded twice", usersBefore + 1,
                admin.get("/api/v1/admin/users?limit=1").json().path("total").asLong());

        // The core alone: no line is served, the appeal stays in the database (read-only, like any item of an
        // uninstalled line).
        assertEquals(0, civic("stop"));
        assertEquals(0, civic("start", Map.of("CIVIC_FEATURES", "")));
        assertEquals(List.of(), lines(admin));
        Http.Reply kept = admin.get("/api/v1/items/" + appealId);
        assertEquals(kept.toString(), 200, kept.status());
        assertEquals("linkage110", kept.json().path("line").asText());
    }

    private static List<String> lines(Http admin) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        admin.get("/api/v1/lines").json().forEach(l -> ids.add(l.path("line").asText()));
        ids.sort(null);
        return ids;
    }

    private int civic(String command) throws IOException, InterruptedException {
        return civic(command, Map.of());
    }

    private int civic(String command, Map<String, String> more) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("civic").toString(), command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("user.dir"), "target/restart-civic.log")));
        pb.environment().putAll(env);
        pb.environment().remove("CIVIC_FEATURES"); // the launcher's default, unless this call names its own
        pb.environment().putAll(more);
        Process p = pb.start();
        if (!p.waitFor(6, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./civic " + command + " did not finish");
        }
        return p.exitValue();
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
