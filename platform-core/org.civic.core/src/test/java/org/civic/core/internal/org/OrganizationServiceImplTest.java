package org.civic.core.internal.org;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.civic.core.api.CivicException;
import org.civic.core.api.Page;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.Region;
import org.civic.core.api.org.RegionInput;
import org.civic.core.api.org.RegionLevel;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.UnitInput;
import org.civic.core.api.org.User;
import org.civic.core.api.org.UserInput;
import org.civic.core.internal.ExtensionRegistry;
import org.civic.core.internal.TestSupport;
import org.civic.core.internal.security.CredentialCache;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The organisation rules against a real OpenJPA database (platform-config.md §3.1, §5.1, PC-01, PC-02). */
public class OrganizationServiceImplTest {

    private EntityManagerFactory emf;
    private TestSupport.RecordingEvents events;
    private OrganizationServiceImpl org;
    private final Caller root = TestSupport.globalAdmin();

    @Before
    public void setUp() {
        emf = TestSupport.database();
        events = new TestSupport.RecordingEvents();
        org = new OrganizationServiceImpl(emf, new TestSupport.TestClock(), events, new ExtensionRegistry(), new CredentialCache());
        org.createRegion(root, region("320000", "江苏省", "PROVINCE", null));
        org.createRegion(root, region("320500", "苏州市", "CITY", "320000"));
        org.createRegion(root, region("320582", "张家港市", "COUNTY", "320500"));
        org.createRegion(root, region("320581", "常熟市", "COUNTY", "320500"));
        events.topics.clear();
    }

    @After
    public void tearDown() {
        emf.close();
    }

    @Test
    public void createsTheTreeWithDefaultsAndPublishes() {
        Region zjg = org.getRegion(root, "320582");
        assertEquals(RegionLevel.COUNTY, zjg.level());
        assertEquals("COUNTY_LEVEL", zjg.areaKind().name());
        assertEquals("320500", zjg.parentCode());
        assertEquals("root", zjg.createdBy());
        org.createRegion(root, region("320582100", "杨舍镇", "STREET", "320582"));
        assertEquals(List.of("platform.create_region"), events.topics);
    }

    @Test
    public void pc01DuplicateAndImmutableCode() {
        expect(409, "DUPLICATE:regionCode", () -> org.createRegion(root, region("320582", "张家港", "COUNTY", "320500")));
        expect(400, "INVALID_VALUE:regionCode", () -> org.createRegion(root, region("320682", "南通某县", "COUNTY", "320500")));
        expect(400, "IMMUTABLE_FIELD:regionCode",
                () -> org.updateRegion(root, "320582", new RegionInput("320583", null, null, null, null, null, null)));
        long version = org.getRegion(root, "320582").version();
        Region renamed = org.updateRegion(root, "320582", new RegionInput(null, "张家港", null, null, null, null, null));
        assertEquals("张家港", renamed.name());
        assertEquals("320582", renamed.regionCode());
        assertEquals(version + 1, org.getRegion(root, "320582").version());
    }

    @Test
    public void inputErrorsNameTheFieldAndWriteNothing() {
        long before = regionCount();
        CivicException missing = expect(400, "MISSING_FIELD:regionCode",
                () -> org.createRegion(root, new RegionInput(null, "", "COUNTY", null, "320500", null, null)));
        assertEquals(List.of("regionCode", "name"), missing.details().get("fields"));
        expect(400, "INVALID_VALUE:level", () -> org.createRegion(root, region("320599", "某市", "CITY", "320582")));
        expect(400, "INVALID_VALUE:level", () -> org.createRegion(root, region("320599", "某市", "TOWN", "320500")));
        expect(400, "INVALID_VALUE:parentCode", () -> org.createRegion(root, region("329901", "某县", "COUNTY", "329900")));
        expect(400, "MISSING_FIELD:parentCode", () -> org.createRegion(root, region("320599", "某县", "COUNTY", null)));
        expect(400, "INVALID_VALUE:name", () -> org.createRegion(root, region("320583", "长".repeat(51), "COUNTY", "320500")));
        expect(409, "DUPLICATE:name", () -> org.createRegion(root, region("320583", "常熟市", "COUNTY", "320500")));
        assertEquals(before, regionCount());
        assertTrue("no event for refused requests", events.topics.isEmpty());
    }

    @Test
    public void pc02RegionAdminScope() {
        Caller zjg = TestSupport.regionAdmin("zjg", "320582");
        assertEquals("320582100", org.createRegion(zjg, region("320582100", "杨舍镇", "STREET", "320582")).regionCode());
        expect(403, "OUT_OF_SCOPE", () -> org.createRegion(zjg, region("320581100", "虞山街道", "STREET", "320581")));
        expect(403, "OUT_OF_SCOPE", () -> org.updateRegion(zjg, "320500", new RegionInput(null, "苏州", null, null, null, null, null)));
        expect(400, "INVALID_VALUE:level", () -> org.createRegion(zjg, region("320583", "某县", "COUNTY", "320500")));
        // Own subtree in lists; the ancestor is readable by code, a sibling is not.
        Page<Region> mine = org.listRegions(zjg, null, 0, 50);
        assertEquals(2, mine.total());
        mine.items().forEach(r -> assertTrue(r.regionCode(), r.regionCode().startsWith("320582")));
        assertEquals("苏州市", org.getRegion(zjg, "320500").name());
        expect(404, "NOT_FOUND", () -> org.getRegion(zjg, "320581"));
    }

    @Test
    public void unitsAndUsers() {
        Unit unit = org.createUnit(root, new UnitInput("张家港市政务服务中心", null, "SERVICE_CENTRE", "320582", null,
                List.of("windowUnit"), null, null, null));
        assertEquals(List.of("windowUnit"), unit.tags());
        expect(400, "INVALID_VALUE:unitType", () -> org.createUnit(root,
                new UnitInput("某单位", null, "NO_SUCH", "320582", null, null, null, null, null)));
        expect(409, "DUPLICATE:name", () -> org.createUnit(root,
                new UnitInput("张家港市政务服务中心", null, "DEPARTMENT", "320582", null, null, null, null, null)));
        expect(400, "INVALID_VALUE:regionCode", () -> org.createUnit(root,
                new UnitInput("某单位", null, "DEPARTMENT", "329999", null, null, null, null, null)));
        Caller zjg = TestSupport.regionAdmin("zjg", "320582");
        expect(403, "OUT_OF_SCOPE", () -> org.createUnit(zjg,
                new UnitInput("常熟某单位", null, "DEPARTMENT", "320581", null, null, null, null, null)));

        User user = org.createUser(root, new UserInput("liuying", "刘颖", "Liuying2026", unit.id(), List.of("region_admin"),
                "13800000001", null, null));
        assertNotNull(user);
        assertEquals(List.of("region_admin"), user.roles());
        assertTrue(user.mustChangePassword());
        expect(409, "DUPLICATE:loginName", () -> org.createUser(root,
                new UserInput("liuying", "刘颖", "Liuying2026", unit.id(), null, null, null, null)));
        expect(400, "INVALID_VALUE:roles", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), List.of("no_role"), null, null, null)));
        expect(400, "INVALID_VALUE:mobile", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), null, "12345", null, null)));
        expect(400, "INVALID_VALUE:password", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "12345678", unit.id(), null, null, null, null)));
        expect(400, "INVALID_VALUE:loginName", () -> org.createUser(root,
                new UserInput("Zhang Min", "张敏", "Zhangmin2026", unit.id(), null, null, null, null)));
        expect(403, "FORBIDDEN", () -> org.createUser(zjg,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), List.of("global_admin"), null, null, null)));
        assertEquals(List.of("staff"), org.createUser(zjg,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), null, null, null, null)).roles());

        // PC-20: a unit with an active user cannot be disabled.
        expect(409, "IN_USE:unit", () -> org.updateUnit(root, unit.id(),
                new UnitInput(null, null, null, null, null, null, null, "DISABLED", null)));
        expect(409, "CONFLICT", () -> org.updateUnit(root, unit.id(),
                new UnitInput("新名称", null, null, null, null, null, null, null, unit.version() + 5)));
    }

    @Test
    public void staffMayNotChangeTheOrganisation() {
        expect(403, "FORBIDDEN", () -> org.createRegion(TestSupport.staff("320582"), region("320582100", "杨舍镇", "STREET", "320582")));
        expect(403, "FORBIDDEN", () -> org.listUsers(TestSupport.staff("320582"), null, 0, 20));
    }

    private long regionCount() {
        return org.listRegions(root, null, 0, 1).total();
    }

    private static RegionInput region(String code, String name, String level, String parent) {
        return new RegionInput(code, name, level, null, parent, null, null);
    }

    static CivicException expect(int status, String code, Runnable r) {
        CivicException e = TestSupport.refused(code, r);
        assertEquals(status, e.status());
        return e;
    }
}
