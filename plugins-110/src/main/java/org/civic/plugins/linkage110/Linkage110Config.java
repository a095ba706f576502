package org.civic.plugins.linkage110;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the 110 line, PID {@value #PID} ({@code etc/org.civic.linkage110.cfg}): the automatic phone
 * callback partner (spec §10). The time limits of spec §6, per district, are read from the same file by
 * {@link Limits} ({@code limits.<name>}, {@code limits.<district>.<name>}).
 */
@ObjectClassDefinition(name = "Civic Platform 110 linkage line", description = "Automatic phone callback and partners")
public @interface Linkage110Config {

    String PID = "org.civic.linkage110";

    @AttributeDefinition(name = "ivr.url", description = "URL the call requests are POSTed to (the IVR partner's REST"
            + " endpoint). Empty: requests wait, undelivered, and time out as UNREACHABLE.")
    String ivr_url() default "";

    @AttributeDefinition(name = "ivr.username", description = "HTTP Basic user name at the partner (empty: none)")
    String ivr_username() default "";

    @AttributeDefinition(name = "ivr.password", description = "HTTP Basic password at the partner",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String ivr_password() default "";

    @AttributeDefinition(name = "ivr.maximumRedeliveries", description = "Redeliveries of one request before it is dead-lettered")
    int ivr_maximumRedeliveries() default 5;

    @AttributeDefinition(name = "ivr.redeliveryDelayMillis", description = "First redelivery delay; doubles each time")
    long ivr_redeliveryDelayMillis() default 1000;

    @AttributeDefinition(name = "ivr.maximumRedeliveryDelayMillis", description = "Cap of the redelivery delay")
    long ivr_maximumRedeliveryDelayMillis() default 30000;

    @AttributeDefinition(name = "ivr.deadLetterRetrySeconds",
            description = "A dead-lettered request is sent again after this many seconds (real time)")
    int ivr_deadLetterRetrySeconds() default 60;

    @AttributeDefinition(name = "ivr.scanIntervalSeconds",
            description = "How often pending callbacks are checked for sending and for the timeout (also on every"
                    + " move of the adjustable clock)")
    int ivr_scanIntervalSeconds() default 5;

    @AttributeDefinition(name = "ivr.requestTimeoutSeconds", description = "HTTP timeout of one call request")
    int ivr_requestTimeoutSeconds() default 10;
}
