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
}
