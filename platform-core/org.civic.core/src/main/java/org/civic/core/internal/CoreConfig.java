package org.civic.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the core, PID {@code org.civic.core} ({@code etc/org.civic.core.cfg}). */
@ObjectClassDefinition(name = "Civic Platform core", description = "Demo data, login policy and the platform clock")
public @interface CoreConfig {

    String PID = "org.civic.core";

    @AttributeDefinition(description = "Load the demo organisation and users on first start with an empty database")
    boolean demoData() default true;

    @AttributeDefinition(name = "login.maxFailedAttempts", description = "Failed logins that lock an account")
    int login_maxFailedAttempts() default 5;

    @AttributeDefinition(name = "login.lockMinutes", description = "Minutes an account stays locked")
    int login_lockMinutes() default 30;

    @AttributeDefinition(name = "clock.adjustable",
            description = "Let administrators set or advance the platform clock (tests and demos only)")
    boolean clock_adjustable() default false;

    @AttributeDefinition(description = "A production installation: refuses the adjustable clock")
    boolean production() default false;

    @AttributeDefinition(name = "cards.scanIntervalSeconds",
            description = "How often the card scanner looks for deadlines that passed (it also runs whenever the adjustable clock moves)")
    int cards_scanIntervalSeconds() default 60;

    @AttributeDefinition(name = "attachments.maxBytes", description = "Largest accepted attachment, in bytes")
    long attachments_maxBytes() default 10485760;

    @AttributeDefinition(name = "attachments.types", description = "Accepted attachment content types")
    String[] attachments_types() default {"application/pdf", "image/jpeg", "image/png", "text/plain",
        "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};

    @AttributeDefinition(name = "attachments.dir",
            description = "Where attachment files are stored; empty: civic/attachments under the Karaf data directory")
    String attachments_dir() default "";
}
