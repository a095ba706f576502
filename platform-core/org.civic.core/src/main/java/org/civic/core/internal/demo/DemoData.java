package org.civic.core.internal.demo;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The shape of a demo data file: regions, units (referred to by key) and users. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class DemoData {

    public List<DemoRegion> regions = new ArrayList<>();
    public List<DemoUnit> units = new ArrayList<>();
    public List<DemoUser> users = new ArrayList<>();
    public List<DemoCalendar> calendars = new ArrayList<>();

    /** A working calendar: years to initialise, office hours and the days that differ from weekdays. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class DemoCalendar {
        /** null or absent: the global calendar. */
        public String regionCode;
        public int minYear;
        public int maxYear;
        public String officeHours;
        public List<DemoDay> days = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class DemoDay {
        public String date;
        public String dayType;
        public String note;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class DemoRegion {
        public String regionCode;
        public String name;
        public String level;
        public String parentCode;
        public String shortName;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class DemoUnit {
        public String key;
        public String name;
        public String shortName;
        public String unitType;
        public String regionCode;
        public String parent;
        public List<String> tags = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class DemoUser {
        public String loginName;
        public String displayName;
        public String password;
        public String mobile;
        public String unit;
        public List<String> roles = new ArrayList<>();
    }
}
