package org.civic.itests;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

/**
 * Data survives a restart: the distribution is started with the README's {@code ./civic start}, a
 * region, unit and user are created over REST, the platform is stopped and started again, and they are
 * all still there (and the demo data is not loaded twice).
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
    }

    private int civic(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("civic").toString(), command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("user.dir"), "target/restart-civic.log")));
        pb.environment().putAll(env);
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
