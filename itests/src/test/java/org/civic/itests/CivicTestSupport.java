package org.civic.itests;

import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.awaitility.Awaitility;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Boots the real distribution built by {@code assembly/} on free ports and waits until
 * {@code /api/v1/health} says UP. Test methods run inside the container and call the platform over
 * HTTP, as a client would.
 */
public abstract class CivicTestSupport {

    static final String PORT_PROPERTY = "civic.it.httpPort";

    protected Option[] distribution() {
        String distribution = System.getProperty("civic.distribution");
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        int http = freePort();
        List<Option> options = new ArrayList<>(Arrays.asList(new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(new File(distribution).toURI().toString())
                    .karafVersion(System.getProperty("karaf.version"))
                    .name("Civic Platform")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(http)),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
            editConfigurationFilePut("etc/org.civic.core.cfg", "clock.adjustable", "true"),
            systemProperty(PORT_PROPERTY).value(Integer.toString(http)),
            mavenBundle("org.hamcrest", "hamcrest", "2.2"),
            mavenBundle("org.awaitility", "awaitility", System.getProperty("awaitility.version")),
        }));
        options.addAll(java17Options(System.getProperty("karaf.version")));
        return options.toArray(new Option[0]);
    }

    /**
     * Pax Exam 4.14 does not pass the module options that {@code bin/karaf} passes on Java 9+; without
     * them the spec locator of lib/endorsed is missing (NoClassDefFoundError OsgiLocator).
     */
    private static List<Option> java17Options(String karafVersion) {
        List<Option> vm = new ArrayList<>();
        for (String arg : new String[] {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*",
        }) {
            vm.add(vmOption(arg));
        }
        return vm;
    }

    /** The platform, once its health check says UP. */
    protected static Http platform() {
        Http http = Http.to(Integer.getInteger(PORT_PROPERTY));
        Awaitility.await("platform health UP").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get("/api/v1/health").status() == 200);
        return http;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------ work-item assertions shared by the line tests

    protected static String action(long id, String action) {
        return "/api/v1/items/" + id + "/actions/" + action;
    }

    /** The item's assignment (task) of a unit. */
    protected static JsonNode assignment(JsonNode item, long unitId) {
        for (JsonNode a : item.path("assignments")) {
            if (a.path("unitId").asLong() == unitId) {
                return a;
            }
        }
        throw new AssertionError("no assignment of unit " + unitId + " in " + item);
    }

    /** The assignment's latest clock of that name. */
    protected static JsonNode clock(JsonNode assignment, String name) {
        JsonNode found = null;
        for (JsonNode c : assignment.path("clocks")) {
            if (name.equals(c.path("name").asText())) {
                found = c;
            }
        }
        if (found == null) {
            throw new AssertionError("no clock " + name + " in " + assignment);
        }
        return found;
    }

    protected static JsonNode created(Http.Reply reply) {
        assertEquals(reply.toString(), 201, reply.status());
        return reply.json();
    }

    protected static JsonNode ok(Http.Reply reply) {
        assertEquals(reply.toString(), 200, reply.status());
        return reply.json();
    }

    /** A refusal: its status and code, and no stack trace in the body. */
    /**
     * Fetches a printable document as PDF and answers its text with all white space removed (table
     * cells wrap unpredictably); asserts that every font of the document is embedded.
     */
    protected static String pdfText(Http http, long itemId, String document) {
        java.net.http.HttpResponse<byte[]> r = http.bytes("/api/v1/items/" + itemId + "/documents/" + document);
        assertEquals(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), 200, r.statusCode());
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(r.body())) {
            for (org.apache.pdfbox.pdmodel.PDPage page : doc.getPages()) {
                for (org.apache.pdfbox.cos.COSName name : page.getResources().getFontNames()) {
                    org.apache.pdfbox.pdmodel.font.PDFont font = page.getResources().getFont(name);
                    org.junit.Assert.assertTrue(font.getName() + " is not embedded", font.isEmbedded());
                }
            }
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", "");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts that {@code parts} occur in {@code text} in this order. */
    protected static void assertInOrder(String text, String... parts) {
        int at = 0;
        for (String part : parts) {
            int found = text.indexOf(part, at);
            org.junit.Assert.assertTrue("'" + part + "' not found after position " + at + " in " + text, found >= 0);
            at = found + part.length();
        }
    }

    protected static void expect(Http.Reply reply, int status, String code) {
        assertEquals(reply.toString(), status, reply.status());
        assertEquals(reply.toString(), code, reply.code());
        assertFalse("no stack trace: " + reply.body(), reply.body().contains("Exception") || reply.body().contains("\tat "));
    }
}
