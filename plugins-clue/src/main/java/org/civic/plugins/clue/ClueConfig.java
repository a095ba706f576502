package org.civic.plugins.clue;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the clue line, PID {@value #PID} ({@code etc/org.civic.clue.cfg}): the optional time limits of
 * spec §6 (assumption A11), off by default. They apply to every province of the installation, on the
 * province's working calendar. A change re-registers the line; running clocks keep their deadlines.
 */
@ObjectClassDefinition(name = "Civic Platform clue line", description = "Optional receipt and handling limits")
public @interface ClueConfig {

    String PID = "org.civic.clue";

    @AttributeDefinition(name = "clue.receiptLimitWorkingDays", description = "Working days (same time of day) a unit"
            + " has to receive a clue sent to it before a yellow card; 0: no limit")
    int clue_receiptLimitWorkingDays() default 0;

    @AttributeDefinition(name = "clue.handlingLimitWorkingDays", description = "Working days from submission to"
            + " completion before a yellow card (a red one three working days later); 0: no limit")
    int clue_handlingLimitWorkingDays() default 0;

    @AttributeDefinition(name = "notify.url", description = "URL the complainant notices are POSTed to (the"
            + " mini-program back end's REST endpoint). Empty: notices wait, undelivered, in the database.")
    String notify_url() default "";

    @AttributeDefinition(name = "notify.username", description = "HTTP Basic user name at the partner (empty: none)")
    String notify_username() default "";

    @AttributeDefinition(name = "notify.password", description = "HTTP Basic password at the partner",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String notify_password() default "";

    @AttributeDefinition(name = "notify.maximumRedeliveries", description = "Redeliveries of one notice before it is dead-lettered")
    int notify_maximumRedeliveries() default 5;

    @AttributeDefinition(name = "notify.redeliveryDelayMillis", description = "First redelivery delay; doubles each time")
    long notify_redeliveryDelayMillis() default 1000;

    @AttributeDefinition(name = "notify.maximumRedeliveryDelayMillis", description = "Cap of the redelivery delay")
    long notify_maximumRedeliveryDelayMillis() default 30000;

    @AttributeDefinition(name = "notify.deadLetterRetrySeconds",
            description = "A dead-lettered notice is sent again after this many seconds")
    int notify_deadLetterRetrySeconds() default 60;

    @AttributeDefinition(name = "notify.scanIntervalSeconds", description = "How often owed notices are looked for")
    int notify_scanIntervalSeconds() default 10;

    @AttributeDefinition(name = "notify.requestTimeoutSeconds", description = "HTTP timeout of one notice")
    int notify_requestTimeoutSeconds() default 10;
}
