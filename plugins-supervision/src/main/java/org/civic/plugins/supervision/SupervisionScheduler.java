package org.civic.plugins.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.civic.core.api.Page;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.time.CalendarService;
import org.civic.core.api.time.Deadlines;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.WorkflowService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The line's time-driven work (spec 5.5, 6): the automatic monthly urge on the first working day of a
 * month at 09:00 for OPEN items without feedback in the previous month, and the due-soon notice three
 * working days before the deadline at 09:00, and the notices of a yellow or red card raised by the kernel.
 * All are system actions through the kernel, so each is audited, published as an event and done at most
 * once (the item remembers the month, the deadline or the card colour).
 */
final class SupervisionScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisionScheduler.class);
    private final WorkflowService work;
    private final CalendarService calendars;
    private final PlatformClock clock;
    private final int dueSoonWorkingDays;
    private final int reminderHour;
    private ScheduledExecutorService executor;

    SupervisionScheduler(WorkflowService work, CalendarService calendars, PlatformClock clock, int dueSoonWorkingDays,
            int reminderHour) {
        this.work = work;
        this.calendars = calendars;
        this.clock = clock;
        this.dueSoonWorkingDays = dueSoonWorkingDays;
        this.reminderHour = reminderHour;
    }

    void start(int everySeconds) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "civic-supervision-reminders");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runQuietly, everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Supervision reminders failed; they run again at the next interval", e);
        }
    }

    /** One pass over the open items; returns how many system actions were taken. */
    synchronized int run() {
        // Cards first, so that the notices of a card due now go out in the same pass.
        work.raiseDueCards();
        Instant now = clock.now();
        Caller system = OrgDirectory.system();
        int taken = 0;
        for (String state : new String[] {Supervision.IN_REGISTRATION, Supervision.OPEN}) {
            int offset = 0;
            while (true) {
                Page<ItemSummary> page = work.query(system, Supervision.LINE,
                        new ItemQuery(state, null, null, null, null, null, null, null, "createdAt", offset, 100));
                for (ItemSummary item : page.items()) {
                    taken += remind(system, item, now);
                }
                offset += page.items().size();
                if (page.items().isEmpty() || offset >= page.total()) {
                    break;
                }
            }
        }
        return taken;
    }

    private int remind(Caller system, ItemSummary item, Instant now) {
        int taken = 0;
        try {
            Deadlines d = new Deadlines(calendars.calendarFor(item.regionCode()));
            ZonedDateTime local = now.atZone(PlatformClock.ZONE);
            YearMonth month = YearMonth.from(local);
            Instant trigger = d.firstWorkingDayOf(month).atTime(reminderHour, 0).atZone(PlatformClock.ZONE).toInstant();
            if (!now.isBefore(trigger) && SupervisionRules.monthlyUrgeOwed(item.fields(), item.state(), month)) {
                work.act(system, item.id(), "monthly_urge", Map.of("month", month.toString()), null, "SYSTEM");
                taken++;
            }
            for (String colour : new String[] {"YELLOW", "RED"}) {
                if (SupervisionRules.cardNoticeOwed(item.fields(), item.card(), colour)) {
                    work.act(system, item.id(), "card_notice", Map.of("colour", colour), null, "SYSTEM");
                    taken++;
                }
            }
            Object deadline = item.fields().get("deadline");
            if (deadline != null && !deadline.equals(item.fields().get("dueSoonFor"))) {
                LocalDate due = LocalDate.parse(deadline.toString());
                Instant dueAt = d.nthWorkingDayBefore(due, dueSoonWorkingDays).atTime(reminderHour, 0)
                        .atZone(PlatformClock.ZONE).toInstant();
                if (!now.isBefore(dueAt) && now.isBefore(SupervisionRules.overdueAt(due))) {
                    work.act(system, item.id(), "due_soon_notice", Map.of(), null, "SYSTEM");
                    taken++;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Supervision reminder for item {} failed; retried at the next run: {}", item.id(), e.getMessage());
        }
        return taken;
    }
}
