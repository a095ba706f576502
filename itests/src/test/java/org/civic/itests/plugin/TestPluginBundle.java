package org.civic.itests.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes the test plugin bundle: the activator's classes, a demo data file and a manifest. */
public final class TestPluginBundle {

    public static final String SYMBOLIC_NAME = "org.civic.itests.testplugin";

    private TestPluginBundle() {
    }

    public static Path write(Path target) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", TestPluginActivator.class.getName());
        a.putValue("Import-Package", "org.osgi.framework,org.civic.core.api.spi");
        a.putValue("Civic-DemoData", "demo/testline.json");
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            copy(jar, "org/civic/itests/plugin/TestPluginActivator.class");
            copy(jar, "org/civic/itests/plugin/TestPluginActivator$Extension.class");
            copy(jar, "test-plugin/demo/testline.json", "demo/testline.json");
        }
        return target;
    }

    private static void copy(JarOutputStream jar, String resource) throws IOException {
        copy(jar, resource, resource);
    }

    private static void copy(JarOutputStream jar, String resource, String entry) throws IOException {
        try (InputStream in = TestPluginBundle.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Missing test resource " + resource);
            }
            jar.putNextEntry(new JarEntry(entry));
            in.transferTo(jar);
            jar.closeEntry();
        }
    }
}
