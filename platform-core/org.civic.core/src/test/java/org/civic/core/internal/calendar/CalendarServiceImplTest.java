package org.civic.core.internal.calendar;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionInput;
import org.civic.core.api.time.CalendarNotInitialisedException;
import org.civic.core.api.time.CalendarService;
import org.civic.core.api.time.DayType;
import org.civic.core.api.time.WorkingCalendar;
import org.civic.core.internal.ExtensionRegistry;
import org.civic.core.internal.TestSupport;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.civic.core.internal.security.CredentialCache;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Calendar inheritance region → ancestors → global, and the PC-10 / PC-11 rules. */
public class CalendarServiceImplTest {

    private EntityManagerFactory emf;
    private CalendarServiceImpl calendars;
    private final Caller root = TestSupport.globalAdmin();

    @Before
    public void setUp() {
        emf = TestSupport.database();
        TestSupport.RecordingEvents events = new TestSupport.RecordingEvents();
        OrganizationServiceImpl org = new OrganizationServiceImpl(emf, new TestSupport.TestClock(), events,
                new ExtensionRegistry(), new CredentialCache());
        org.createRegion(root, new RegionInput("320000", "江苏省", "PROVINCE", null, null, null, null));
        org.createRegion(root, new RegionInput("320500", "苏州市", "CITY", null, "320000", null, null));
        org.createRegion(root, new RegionInput("320582", "张家港市", "COUNTY", null, "320500", null, null));
        calendars = new CalendarServiceImpl(emf, new TestSupport.TestClock(), events, org);
    }

    @After
    public void tearDown() {
        emf.close();
    }

    @Test
    public void pc10RegionCalendarWithHolidaysAndMakeUpDay() {
        Caller zjg = TestSupport.regionAdmin("zjg", "320582");
        calendars.initialise(zjg, "320582", 2024, 2025, false);
        for (int d : new int[] {1, 2, 3, 4, 7}) {
            calendars.setDay(zjg, "320582", LocalDate.of(2024, 10, d), DayType.NON_WORKING, "国庆节");
        }
        calendars.setDay(zjg, "320582", LocalDate.of(2024, 10, 12), DayType.WORKING, "调休上班");
        CalendarService.MonthView october = calendars.month(zjg, "320582", YearMonth.of(2024, 10));
        assertEquals(19, october.workingDays());
        assertTrue(october.initialised());
        assertEquals("320582", october.source());
        assertEquals("国庆节", october.days().get(0).note());
        expect("INVALID_VALUE:maxYear", () -> calendars.initialise(zjg, "320582", 2026, 2025, false));
    }

    @Test
    public void pc11ResetNeedsConfirmationAndDropsEdits() {
        Caller zjg = TestSupport.regionAdmin("zjg", "320582");
        calendars.initialise(zjg, "320582", 2024, 2024, false);
        calendars.setDay(zjg, "320582", LocalDate.of(2024, 10, 1), DayType.NON_WORKING, "国庆节");
        expect("CONFIRMATION_REQUIRED", () -> calendars.initialise(zjg, "320582", 2024, 2024, false));
        calendars.initialise(zjg, "320582", 2024, 2024, true);
        assertEquals(DayType.WORKING, calendars.calendarFor("320582").dayType(LocalDate.of(2024, 10, 1)));
    }

    @Test
    public void regionsInheritFromTheNearestAncestorThenTheGlobalCalendar() {
        calendars.initialise(root, null, 2026, 2026, false);
        calendars.setDay(root, null, LocalDate.of(2026, 10, 1), DayType.NON_WORKING, "国庆节");
        calendars.initialise(root, "320500", 2026, 2026, false);
        calendars.setDay(root, "320500", LocalDate.of(2026, 3, 2), DayType.NON_WORKING, "市级假日");
        WorkingCalendar county = calendars.calendarFor("320582");
        assertEquals("the city's calendar applies to its county", DayType.NON_WORKING, county.dayType(LocalDate.of(2026, 3, 2)));
        assertEquals("the city calendar has its own October", DayType.WORKING, county.dayType(LocalDate.of(2026, 10, 1)));
        assertEquals(DayType.NON_WORKING, calendars.calendarFor("320000").dayType(LocalDate.of(2026, 10, 1)));
        assertFalse(calendars.month(root, "320582", YearMonth.of(2026, 3)).initialised());
        assertEquals("320500", calendars.month(root, "320582", YearMonth.of(2026, 3)).source());
        try {
            county.dayType(LocalDate.of(2027, 1, 4));
            fail("read an uninitialised month");
        } catch (CalendarNotInitialisedException e) {
            assertEquals("CALENDAR_NOT_INITIALISED:2027-01", e.code());
        }
    }

    @Test
    public void onlyAdministratorsInScopeEdit() {
        expect("FORBIDDEN", () -> calendars.initialise(TestSupport.regionAdmin("zjg", "320582"), null, 2026, 2026, false));
        expect("FORBIDDEN", () -> calendars.initialise(TestSupport.staff("320582"), "320582", 2026, 2026, false));
        expect("OUT_OF_SCOPE", () -> calendars.initialise(TestSupport.regionAdmin("zjg", "320582"), "320500", 2026, 2026, false));
        expect("INVALID_VALUE:officeHours", () -> calendars.setOfficeHours(root, "320582", "9-12"));
        calendars.setOfficeHours(root, "320500", "09:00-12:00,13:00-17:00");
        assertEquals("09:00-12:00,13:00-17:00", calendars.calendarFor("320582").officeHours().toString());
        assertEquals(List.of("320582", "320500", "320000", "*"), CalendarServiceImpl.chain("320582"));
    }

    private static void expect(String code, Runnable r) {
        TestSupport.refused(code, r);
    }
}
