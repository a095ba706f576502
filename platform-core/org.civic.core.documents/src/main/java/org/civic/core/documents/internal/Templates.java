package org.civic.core.documents.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.WeakHashMap;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * FreeMarker configurations, one per plugin class loader (a reinstalled plugin gets a new one; the
 * old is dropped with its class loader). Templates are XHTML ({@code .ftlx}: values are XML-escaped),
 * cached, and may not instantiate classes or reach the API of the objects they print.
 */
final class Templates {

    private static final freemarker.template.Version VERSION = Configuration.VERSION_2_3_34;

    private final Map<ClassLoader, Configuration> configurations = new WeakHashMap<>();

    String render(ClassLoader loader, String template, Map<String, Object> model) {
        try {
            Template t = configuration(loader).getTemplate(template);
            StringWriter out = new StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (IOException | TemplateException e) {
            throw new CivicException(500, "DOCUMENT_TEMPLATE_ERROR",
                    "The document template " + template + " cannot be filled: " + e.getMessage());
        }
    }

    private synchronized Configuration configuration(ClassLoader loader) {
        return configurations.computeIfAbsent(loader, l -> {
            Configuration c = new Configuration(VERSION);
            c.setTemplateLoader(new ClassTemplateLoader(l, ""));
            c.setDefaultEncoding(StandardCharsets.UTF_8.name());
            c.setRecognizeStandardFileExtensions(true);
            c.setLocale(Locale.SIMPLIFIED_CHINESE);
            c.setTimeZone(TimeZone.getTimeZone(PlatformClock.ZONE));
            c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            c.setLogTemplateExceptions(false);
            c.setWrapUncheckedExceptions(true);
            c.setFallbackOnNullLoopVariable(false);
            c.setAPIBuiltinEnabled(false);
            c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
            DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(VERSION);
            wrapper.setExposeFields(false);
            c.setObjectWrapper(wrapper.build());
            return c;
        });
    }
}
