package org.civic.plugins.supervision;

import java.util.Collection;

import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.spi.ClockListener;
import org.civic.core.api.spi.PlatformExtension;
import org.civic.core.api.spi.RoleDefinition;
import org.civic.core.api.time.CalendarService;
import org.civic.core.api.workflow.LineRegistry;
import org.civic.core.api.workflow.WorkflowService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The supervision line's component: registers the line with the kernel, declares its roles, and runs
 * its time-driven work (monthly urge, due-soon notices) every minute and whenever the adjustable
 * platform clock moves.
 */
@Component(service = {PlatformExtension.class, ClockListener.class}, immediate = true,
        configurationPid = SupervisionConfig.PID)
@Designate(ocd = SupervisionConfig.class)
public class SupervisionLine implements PlatformExtension, ClockListener {

    private final AutoCloseable registration;
    private final SupervisionScheduler scheduler;

    @Activate
    public SupervisionLine(@Reference LineRegistry lines, @Reference WorkflowService work,
            @Reference OrganizationService org, @Reference CalendarService calendars, @Reference PlatformClock clock,
            SupervisionConfig config) {
        registration = lines.register(Supervision.definition(new SupervisionRules(new OrgDirectory(org))));
        scheduler = new SupervisionScheduler(work, calendars, clock, Math.max(1, config.dueSoon_workingDays()),
                Math.min(23, Math.max(0, config.reminder_hour())));
        scheduler.start(Math.max(1, config.reminder_scanIntervalSeconds()));
    }

    @Deactivate
    void deactivate() throws Exception {
        scheduler.stop();
        registration.close();
    }

    @Override
    public String id() {
        return Supervision.LINE;
    }

    @Override
    public Collection<RoleDefinition> roles() {
        return Supervision.roles();
    }

    @Override
    public void clockMoved(java.time.Instant now) {
        scheduler.runQuietly();
    }
}
