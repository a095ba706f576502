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
}
