package org.civic.core.documents.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the document service, PID {@code org.civic.documents} ({@code etc/org.civic.documents.cfg}). */
@ObjectClassDefinition(name = "Civic Platform documents", description = "Printable PDF documents of work items")
public @interface DocumentsConfig {

    String PID = "org.civic.documents";

    @AttributeDefinition(name = "fontFiles", description = "TrueType fonts (.ttf) or collections (.ttc) with Chinese glyphs, "
            + "tried in order; the first that exists and covers Chinese is embedded (as a subset) in every document. "
            + "A relative path is resolved against the Karaf etc directory.")
    String[] fontFiles() default {
        "fonts/civic-cjk.ttf",
        "fonts/civic-cjk.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "C:/Windows/Fonts/msyh.ttc",
        "C:/Windows/Fonts/simsun.ttc"};
}
