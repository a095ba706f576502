package org.civic.plugins.supervision;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the supervision line, PID {@code org.civic.plugins.supervision} (spec §6: configurable parameters). */
@ObjectClassDefinition(name = "Civic Platform supervision line", description = "Reminders of the supervision line")
public @interface SupervisionConfig {

    String PID = "org.civic.plugins.supervision";

    @AttributeDefinition(name = "dueSoon.workingDays", description = "Working days before the deadline for the due-soon notice")
    int dueSoon_workingDays() default 3;

    @AttributeDefinition(name = "reminder.hour",
            description = "Hour of the day (0-23) of the due-soon notice and of the monthly urge on the first working day")
    int reminder_hour() default 9;

    @AttributeDefinition(name = "reminder.scanIntervalSeconds",
            description = "How often reminders are checked (they also run whenever the adjustable clock moves)")
    int reminder_scanIntervalSeconds() default 60;
}
