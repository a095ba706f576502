package org.civic.plugins.linkage110;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the 110 line, PID {@value #PID} ({@code etc/org.civic.linkage110.cfg}): the automatic phone
 * callback partner, the WeChat push messages and the SMS gateway (spec §10). The time limits of spec §6, per district, are read from the same file by
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

    @AttributeDefinition(name = "push.url", description = "URL the WeChat push messages are POSTed to (the enterprise"
            + " account's backend). Empty (the default): no push messages.")
    String push_url() default "";

    @AttributeDefinition(name = "push.username", description = "HTTP Basic user name at the WeChat backend (empty: none)")
    String push_username() default "";

    @AttributeDefinition(name = "push.password", description = "HTTP Basic password at the WeChat backend",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String push_password() default "";

    @AttributeDefinition(name = "sms.url", description = "URL of the SMS gateway that texts a unit's duty phone (unit tag"
            + " dutyPhone:<phone>) on an urgent dispatch. Empty (the default): no SMS.")
    String sms_url() default "";

    @AttributeDefinition(name = "sms.username", description = "HTTP Basic user name at the SMS gateway (empty: none)")
    String sms_username() default "";

    @AttributeDefinition(name = "sms.password", description = "HTTP Basic password at the SMS gateway",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String sms_password() default "";

    @AttributeDefinition(name = "push.maximumRedeliveries", description = "Redeliveries of one push message or SMS before"
            + " it is dead-lettered")
    int push_maximumRedeliveries() default 5;

    @AttributeDefinition(name = "push.redeliveryDelayMillis", description = "First redelivery delay; doubles each time")
    long push_redeliveryDelayMillis() default 1000;

    @AttributeDefinition(name = "push.maximumRedeliveryDelayMillis", description = "Cap of the redelivery delay")
    long push_maximumRedeliveryDelayMillis() default 30000;

    @AttributeDefinition(name = "push.deadLetterRetrySeconds",
            description = "A dead-lettered push message or SMS is sent again after this many seconds (real time)")
    int push_deadLetterRetrySeconds() default 60;

    @AttributeDefinition(name = "push.scanIntervalSeconds",
            description = "How often the appeals are checked for push messages and SMS owed (also on every move of the"
                    + " adjustable clock)")
    int push_scanIntervalSeconds() default 5;

    @AttributeDefinition(name = "push.requestTimeoutSeconds", description = "HTTP timeout of one push message or SMS")
    int push_requestTimeoutSeconds() default 10;
}
