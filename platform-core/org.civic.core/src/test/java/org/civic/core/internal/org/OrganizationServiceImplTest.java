package org.civic.core.internal.org;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.persistence.EntityManagerFactory;

import org.civic.core.api.CivicException;
import org.civic.core.api.Page;
import org.civic.core.api.org.AreaKind;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.org.RecordStatus;
import org.civic.core.api.org.Region;
import org.civic.core.api.org.RegionInput;
import org.civic.core.api.org.RegionLevel;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.UnitInput;
import org.civic.core.api.org.User;
import org.civic.core.api.org.UserInput;
import org.civic.core.api.org.UserStatus;
import org.civic.core.api.spi.RoleDefinition;
import org.civic.core.internal.ExtensionRegistry;
import org.civic.core.internal.TestSupport;
import org.civic.core.internal.security.CredentialCache;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The organisation rules against a real OpenJPA database on in-memory Derby (platform-config.md
 * §3.1, §3.2, §5.1, CORE-18, PC-01, PC-02, PC-20). Fixture: PROVINCE 江苏省 320000, CITY 苏州市 320500,
 * COUNTIES 张家港市 320582 and 常熟市 320581, all created by the global admin "root".
 */
public class OrganizationServiceImplTest {

    private EntityManagerFactory emf;
    private TestSupport.RecordingEvents events;
    private OrganizationServiceImpl org;
    private List<String> setUpTopics;
    private final Caller root = TestSupport.globalAdmin();
    private final Caller zjg = TestSupport.regionAdmin("zjg", "320582");

    @Before
    public void setUp() {
        emf = TestSupport.database();
        events = new TestSupport.RecordingEvents();
        org = new OrganizationServiceImpl(emf, new TestSupport.TestClock(), events, new ExtensionRegistry(), new CredentialCache());
        org.createRegion(root, region("320000", "江苏省", "PROVINCE", null));
        org.createRegion(root, new RegionInput("320500", "苏州市", "CITY", "CITY_LEVEL", "320000", null, null));
        org.createRegion(root, new RegionInput("320582", "张家港市", "COUNTY", "COUNTY_LEVEL", "320500", null, null));
        org.createRegion(root, region("320581", "常熟市", "COUNTY", "320500"));
        setUpTopics = List.copyOf(events.topics);
        events.topics.clear();
    }

    @After
    public void tearDown() {
        emf.close();
    }

    // ------------------------------------------------------------ choices of the administration pages

    @Test
    public void administratorsReadTheGrantableRolesAndUnitTypes() {
        assertEquals(List.of("global_admin", "region_admin", "centre_admin", "staff"),
                org.grantableRoles(zjg).stream().map(RoleDefinition::id).toList());
        assertEquals("区域管理员", org.grantableRoles(root).get(1).labelZh());
        assertTrue(org.unitTypes(zjg).contains("DEPARTMENT"));
        Caller staff = TestSupport.staff("320582");
        assertEquals("FORBIDDEN", assertThrows(CivicException.class, () -> org.grantableRoles(staff)).code());
        assertEquals("FORBIDDEN", assertThrows(CivicException.class, () -> org.unitTypes(staff)).code());
    }

    // ------------------------------------------------------------ global admin builds the tree

    @Test
    public void globalAdminCreatesProvinceCityAndCountyWithAuditAndEvents() {
        assertEquals(List.of("platform.create_region", "platform.create_region", "platform.create_region",
                "platform.create_region"), setUpTopics);
        assertEquals(4, rows("RegionEntity"));
        assertEquals("one audit entry per change", 4, rows("AuditEntryEntity"));

        Region province = org.getRegion(root, "320000");
        assertEquals(RegionLevel.PROVINCE, province.level());
        assertNull(province.parentCode());
        assertEquals(RecordStatus.ACTIVE, province.status());

        Region city = org.getRegion(root, "320500");
        assertEquals(RegionLevel.CITY, city.level());
        assertEquals(AreaKind.CITY_LEVEL, city.areaKind());
        assertEquals("320000", city.parentCode());

        Region county = org.getRegion(root, "320582");
        assertEquals("张家港市", county.name());
        assertEquals(RegionLevel.COUNTY, county.level());
        assertEquals(AreaKind.COUNTY_LEVEL, county.areaKind());
        assertEquals("320500", county.parentCode());
        assertEquals(RecordStatus.ACTIVE, county.status());
        assertEquals("root", county.createdBy());
        assertNotNull(county.createdAt());
        assertEquals(0, county.sortNo());

        // areaKind follows from the level when absent (docs/decisions.md 6).
        assertEquals(AreaKind.COUNTY_LEVEL, org.getRegion(root, "320581").areaKind());

        Page<Region> children = org.listRegions(root, "320500", 0, 50);
        assertEquals(List.of("320581", "320582"), codes(children));
    }

    @Test
    public void globalAdminCreatesAUnitAndAUser() {
        Unit unit = org.createUnit(root, new UnitInput("张家港市政务服务中心", "政务中心", "SERVICE_CENTRE", "320582", null,
                List.of("windowUnit"), 3, null, null));
        assertEquals("SERVICE_CENTRE", unit.unitType());
        assertEquals("320582", unit.regionCode());
        assertEquals(List.of("windowUnit"), unit.tags());
        assertEquals(RecordStatus.ACTIVE, unit.status());
        assertEquals(unit, org.getUnit(root, unit.id()));

        User user = org.createUser(root, new UserInput("liuying", "刘颖", "Liuying2026", unit.id(),
                List.of("region_admin", "staff"), "13800000001", null, null));
        assertEquals("liuying", user.loginName());
        assertEquals(unit.id(), user.unitId());
        assertEquals(List.of("region_admin", "staff"), user.roles());
        assertEquals("13800000001", user.mobile());
        assertEquals(UserStatus.ACTIVE, user.status());
        assertTrue("a new user must change the password", user.mustChangePassword());
        assertEquals("liuying", org.getUser(root, user.id()).loginName());

        assertEquals(List.of("platform.create_unit", "platform.create_user"), events.topics);
        assertEquals(1, rows("UnitEntity"));
        assertEquals(1, rows("UserEntity"));
        assertEquals(6, rows("AuditEntryEntity"));
    }

    // ------------------------------------------------------------ PC-01

    @Test
    public void pc01DuplicateCodeIsRefused() {
        CivicException e = expect(409, "DUPLICATE:regionCode",
                () -> org.createRegion(root, region("320582", "张家港", "COUNTY", "320500")));
        assertNotNull(e.getMessage());
        assertEquals(4, rows("RegionEntity"));
        assertEquals("张家港市", org.getRegion(root, "320582").name());
    }

    @Test
    public void pc01CountyWithoutTheCitysPrefixIsRefused() {
        expect(400, "INVALID_VALUE:regionCode", () -> org.createRegion(root, region("320682", "南通某县", "COUNTY", "320500")));
        expect(404, "NOT_FOUND", () -> org.getRegion(root, "320682"));
    }

    @Test
    public void pc01CodeIsImmutableAndNameIsStored() {
        long version = org.getRegion(root, "320582").version();
        expect(400, "IMMUTABLE_FIELD:regionCode",
                () -> org.updateRegion(root, "320582", new RegionInput("320583", "新名字", null, null, null, null, null)));
        assertEquals("the refused update changed nothing", "张家港市", org.getRegion(root, "320582").name());
        expect(404, "NOT_FOUND", () -> org.getRegion(root, "320583"));
        expect(400, "IMMUTABLE_FIELD:level",
                () -> org.updateRegion(root, "320582", new RegionInput(null, null, "CITY", null, null, null, null)));
        assertTrue("no event for refused updates", events.topics.isEmpty());

        Region renamed = org.updateRegion(root, "320582", new RegionInput(null, "张家港", null, null, null, null, null));
        assertEquals("张家港", renamed.name());
        assertEquals("320582", renamed.regionCode());
        Region reread = org.getRegion(root, "320582");
        assertEquals("张家港", reread.name());
        assertEquals(version + 1, reread.version());
        assertEquals(List.of("platform.update_region"), events.topics);
        // Sending the unchanged code along with a change is not a change of the code.
        assertEquals("张家港市", org.updateRegion(root, "320582",
                new RegionInput("320582", "张家港市", null, null, null, null, null)).name());
    }

    // ------------------------------------------------------------ input errors

    @Test
    public void missingNameIsNamedWithTheFieldList() {
        CivicException e = expect(400, "MISSING_FIELD:name",
                () -> org.createRegion(root, new RegionInput("320583", null, "COUNTY", null, "320500", null, null)));
        assertEquals(List.of("name"), e.details().get("fields"));
        CivicException blank = expect(400, "MISSING_FIELD:name",
                () -> org.createRegion(root, new RegionInput("320583", "   ", "COUNTY", null, "320500", null, null)));
        assertEquals(List.of("name"), blank.details().get("fields"));
        // Several missing fields: the code names the first in table order, details list them all.
        CivicException several = expect(400, "MISSING_FIELD:regionCode",
                () -> org.createRegion(root, new RegionInput(null, "", null, null, "320500", null, null)));
        assertEquals(List.of("regionCode", "name", "level"), several.details().get("fields"));
        expect(400, "MISSING_FIELD:parentCode", () -> org.createRegion(root, region("320583", "某县", "COUNTY", null)));
    }

    @Test
    public void cityUnderACountyIsAnInvalidLevel() {
        CivicException e = expect(400, "INVALID_VALUE:level", () -> org.createRegion(root, region("320599", "某市", "CITY", "320582")));
        assertEquals("level", e.details().get("field"));
        expect(400, "INVALID_VALUE:level", () -> org.createRegion(root, region("320582100", "某镇", "STREET", "320500")));
        expect(400, "INVALID_VALUE:level", () -> org.createRegion(root, region("320599", "某市", "TOWN", "320500")));
    }

    @Test
    public void unknownParentIsAnInvalidValue() {
        expect(400, "INVALID_VALUE:parentCode", () -> org.createRegion(root, region("329901", "某县", "COUNTY", "329900")));
        expect(400, "INVALID_VALUE:parentCode", () -> org.createRegion(root, region("320583100", "某镇", "STREET", "320583")));
    }

    @Test
    public void nameIsAtMostFiftyCharacters() {
        expect(400, "INVALID_VALUE:name", () -> org.createRegion(root, region("320583", "长".repeat(51), "COUNTY", "320500")));
        assertEquals("长".repeat(50), org.createRegion(root, region("320583", "长".repeat(50), "COUNTY", "320500")).name());
        expect(400, "INVALID_VALUE:name",
                () -> org.updateRegion(root, "320581", new RegionInput(null, "常".repeat(51), null, null, null, null, null)));
        assertEquals("常熟市", org.getRegion(root, "320581").name());
        expect(400, "INVALID_VALUE:shortName", () -> org.createRegion(root,
                new RegionInput("320584", "某县", "COUNTY", null, "320500", "短".repeat(21), null)));
    }

    @Test
    public void nameIsUniqueAmongSiblingsOnly() {
        expect(409, "DUPLICATE:name", () -> org.createRegion(root, region("320583", "常熟市", "COUNTY", "320500")));
        expect(409, "DUPLICATE:name",
                () -> org.updateRegion(root, "320582", new RegionInput(null, "常熟市", null, null, null, null, null)));
        // The same name under another parent is fine.
        org.createRegion(root, region("320582100", "城关镇", "STREET", "320582"));
        assertEquals("城关镇", org.createRegion(root, region("320581100", "城关镇", "STREET", "320581")).name());
    }

    @Test
    public void refusedRequestsWriteNothingAndPublishNothing() {
        Unit unit = org.createUnit(root, new UnitInput("财政所", null, "DEPARTMENT", "320582", null, null, null, null, null));
        org.createUser(root, new UserInput("liuying", "刘颖", "Liuying2026", unit.id(), null, null, null, null));
        events.topics.clear();
        long regions = rows("RegionEntity");
        long units = rows("UnitEntity");
        long users = rows("UserEntity");
        long audit = rows("AuditEntryEntity");

        expect(409, "DUPLICATE:regionCode", () -> org.createRegion(root, region("320581", "常熟", "COUNTY", "320500")));
        expect(400, "MISSING_FIELD:name", () -> org.createRegion(root, region("320583", null, "COUNTY", "320500")));
        expect(400, "INVALID_VALUE:level", () -> org.createRegion(root, region("320599", "某市", "CITY", "320582")));
        expect(400, "INVALID_VALUE:regionCode", () -> org.createRegion(root, region("320682", "某县", "COUNTY", "320500")));
        expect(403, "OUT_OF_SCOPE", () -> org.createRegion(zjg, region("320581100", "虞山街道", "STREET", "320581")));
        expect(400, "IMMUTABLE_FIELD:regionCode",
                () -> org.updateRegion(root, "320582", new RegionInput("320583", "新", null, null, null, null, null)));
        expect(400, "INVALID_VALUE:unitType", () -> org.createUnit(root,
                new UnitInput("某单位", null, "NO_SUCH", "320582", null, null, null, null, null)));
        expect(409, "DUPLICATE:name", () -> org.createUnit(root,
                new UnitInput("财政所", null, "DEPARTMENT", "320582", null, null, null, null, null)));
        expect(409, "DUPLICATE:loginName", () -> org.createUser(root,
                new UserInput("liuying", "另一个刘颖", "Liuying2027", unit.id(), null, null, null, null)));
        expect(400, "INVALID_VALUE:unitId", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", 9999L, null, null, null, null)));
        expect(409, "IN_USE:unit", () -> org.updateUnit(root, unit.id(),
                new UnitInput("新财政所", null, null, null, null, null, null, "DISABLED", null)));

        assertEquals(regions, rows("RegionEntity"));
        assertEquals(units, rows("UnitEntity"));
        assertEquals(users, rows("UserEntity"));
        assertEquals("no audit entry for refused requests", audit, rows("AuditEntryEntity"));
        assertTrue("no event for refused requests: " + events.topics, events.topics.isEmpty());
        assertEquals("财政所", org.getUnit(root, unit.id()).name());
        assertEquals(RecordStatus.ACTIVE, org.getUnit(root, unit.id()).status());
    }

    // ------------------------------------------------------------ PC-02 region admin

    @Test
    public void pc02RegionAdminCreatesStreetsInOwnCountyOnly() {
        Region street = org.createRegion(zjg, region("320582100", "杨舍镇", "STREET", "320582"));
        assertEquals("320582100", street.regionCode());
        assertEquals(RegionLevel.STREET, street.level());
        assertEquals("zjg", street.createdBy());
        assertEquals("杨舍镇", org.getRegion(zjg, "320582100").name());
        assertEquals(List.of("platform.create_region"), events.topics);

        long before = rows("RegionEntity");
        expect(403, "OUT_OF_SCOPE", () -> org.createRegion(zjg, region("320581100", "虞山街道", "STREET", "320581")));
        expect(400, "INVALID_VALUE:level", () -> org.createRegion(zjg, region("320583", "某县", "COUNTY", "320500")));
        expect(400, "INVALID_VALUE:level", () -> org.createRegion(zjg, region("320600", "南通市", "CITY", "320000")));
        // A street code carrying another county's prefix under her own county.
        expect(400, "INVALID_VALUE:regionCode", () -> org.createRegion(zjg, region("320581101", "某镇", "STREET", "320582")));
        assertEquals(before, rows("RegionEntity"));
        assertEquals(List.of("platform.create_region"), events.topics);
    }

    @Test
    public void pc02RegionAdminMayNotEditHerRegionOrItsAncestors() {
        expect(403, "OUT_OF_SCOPE", () -> org.updateRegion(zjg, "320500", new RegionInput(null, "苏州", null, null, null, null, null)));
        expect(403, "OUT_OF_SCOPE", () -> org.updateRegion(zjg, "320582", new RegionInput(null, "张家港", null, null, null, null, null)));
        assertEquals("苏州市", org.getRegion(root, "320500").name());
        assertEquals("张家港市", org.getRegion(root, "320582").name());
        org.createRegion(zjg, region("320582100", "杨舍镇", "STREET", "320582"));
        assertEquals("杨舍", org.updateRegion(zjg, "320582100", new RegionInput(null, "杨舍", null, null, null, null, null)).name());
    }

    @Test
    public void regionAdminOfACityCreatesCountiesButNotCities() {
        Caller sz = TestSupport.regionAdmin("sz", "320500");
        assertEquals(RegionLevel.COUNTY, org.createRegion(sz, region("320583", "昆山市", "COUNTY", "320500")).level());
        expect(400, "INVALID_VALUE:level", () -> org.createRegion(sz, region("320600", "南通市", "CITY", "320000")));
    }

    @Test
    public void regionAdminListsOnlyHerSubtree() {
        org.createRegion(root, region("620000", "甘肃省", "PROVINCE", null));
        org.createRegion(root, region("320581100", "虞山街道", "STREET", "320581"));
        org.createRegion(zjg, region("320582100", "杨舍镇", "STREET", "320582"));
        org.createRegion(zjg, region("320582101", "塘桥镇", "STREET", "320582"));

        Page<Region> mine = org.listRegions(zjg, null, 0, 50);
        assertEquals(List.of("320582", "320582100", "320582101"), codes(mine));
        assertEquals(3, mine.total());
        assertEquals(8, org.listRegions(root, null, 0, 50).total());
        // A filter by parent stays inside the subtree.
        assertEquals(List.of("320582100", "320582101"), codes(org.listRegions(zjg, "320582", 0, 50)));
        assertEquals(0, org.listRegions(zjg, "320581", 0, 50).total());
        assertEquals(0, org.listRegions(zjg, "320500", 0, 50).items().stream()
                .filter(r -> !r.regionCode().startsWith("320582")).count());
        // Paging: total counts every match, items only the page.
        Page<Region> page = org.listRegions(zjg, null, 1, 1);
        assertEquals(3, page.total());
        assertEquals(List.of("320582100"), codes(page));
    }

    @Test
    public void regionsOutsideTheScopeAreNotFound() {
        org.createRegion(root, region("620000", "甘肃省", "PROVINCE", null));
        expect(404, "NOT_FOUND", () -> org.getRegion(zjg, "620000"));
        expect(404, "NOT_FOUND", () -> org.getRegion(zjg, "320581"));
        expect(404, "NOT_FOUND", () -> org.getRegion(zjg, "999999"));
        expect(404, "NOT_FOUND", () -> org.updateRegion(zjg, "620000", new RegionInput(null, "甘肃", null, null, null, null, null)));
        assertEquals("甘肃省", org.getRegion(root, "620000").name());
        // Her ancestors are readable.
        assertEquals("苏州市", org.getRegion(zjg, "320500").name());
        assertEquals("江苏省", org.getRegion(zjg, "320000").name());
        assertTrue(org.inScope(zjg, "320582100"));
        assertFalse(org.inScope(zjg, "320500"));
        assertFalse(org.inScope(zjg, "620000"));
    }

    @Test
    public void regionNamesAreReadableOutsideTheScopeButNothingElseIs() {
        org.createRegion(root, region("620000", "甘肃省", "PROVINCE", null));
        Caller staff = TestSupport.staff("320582");
        assertEquals(Map.of("620000", "甘肃省", "320581", "常熟市", "320582", "张家港市"),
                org.regionNames(staff, List.of("620000", " 320581", "320582", "999999", "")));
        assertEquals(Map.of(), org.regionNames(staff, List.of()));
        expect(404, "NOT_FOUND", () -> org.getRegion(staff, "620000"));
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i <= OrganizationService.MAX_REGION_NAMES; i++) {
            many.add("R" + i);
        }
        expect(400, "INVALID_VALUE:code", () -> org.regionNames(staff, many));
    }

    // ------------------------------------------------------------ role checks

    @Test
    public void staffMayNotChangeTheOrganisation() {
        Caller staff = TestSupport.staff("320582");
        Unit unit = org.createUnit(root, new UnitInput("财政所", null, "DEPARTMENT", "320582", null, null, null, null, null));
        events.topics.clear();
        long audit = rows("AuditEntryEntity");
        expect(403, "FORBIDDEN", () -> org.createRegion(staff, region("320582100", "杨舍镇", "STREET", "320582")));
        expect(403, "FORBIDDEN", () -> org.updateRegion(staff, "320582", new RegionInput(null, "张家港", null, null, null, null, null)));
        expect(403, "FORBIDDEN", () -> org.createUnit(staff,
                new UnitInput("某单位", null, "DEPARTMENT", "320582", null, null, null, null, null)));
        expect(403, "FORBIDDEN", () -> org.updateUnit(staff, unit.id(),
                new UnitInput("新名称", null, null, null, null, null, null, null, null)));
        expect(403, "FORBIDDEN", () -> org.createUser(staff,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), null, null, null, null)));
        expect(403, "FORBIDDEN", () -> org.listUsers(staff, null, 0, 20));
        // A refusal by role comes before input checks.
        expect(403, "FORBIDDEN", () -> org.createRegion(staff, new RegionInput(null, null, null, null, null, null, null)));
        assertEquals(audit, rows("AuditEntryEntity"));
        assertEquals(4, rows("RegionEntity"));
        assertTrue(events.topics.isEmpty());
        // Reading the own region is allowed.
        assertEquals("张家港市", org.getRegion(staff, "320582").name());
    }

    // ------------------------------------------------------------ units

    @Test
    public void unitRules() {
        CivicException missing = expect(400, "MISSING_FIELD:name", () -> org.createUnit(root,
                new UnitInput(null, null, null, "320582", null, null, null, null, null)));
        assertEquals(List.of("name", "unitType"), missing.details().get("fields"));
        expect(400, "INVALID_VALUE:unitType", () -> org.createUnit(root,
                new UnitInput("某单位", null, "NO_SUCH", "320582", null, null, null, null, null)));
        expect(400, "INVALID_VALUE:regionCode", () -> org.createUnit(root,
                new UnitInput("某单位", null, "DEPARTMENT", "329999", null, null, null, null, null)));
        expect(403, "OUT_OF_SCOPE", () -> org.createUnit(zjg,
                new UnitInput("常熟某单位", null, "DEPARTMENT", "320581", null, null, null, null, null)));
        assertEquals(0, rows("UnitEntity"));

        Unit centre = org.createUnit(zjg, new UnitInput("张家港市政务服务中心", null, "SERVICE_CENTRE", "320582", null,
                null, null, null, null));
        assertEquals("zjg", centre.createdBy());
        expect(409, "DUPLICATE:name", () -> org.createUnit(root,
                new UnitInput("张家港市政务服务中心", null, "DEPARTMENT", "320582", null, null, null, null, null)));
        // The same name in another region is fine.
        org.createUnit(root, new UnitInput("张家港市政务服务中心", null, "DEPARTMENT", "320581", null, null, null, null, null));
        expect(400, "INVALID_VALUE:parentUnitId", () -> org.createUnit(root,
                new UnitInput("窗口", null, "WINDOW_UNIT", "320582", 9999L, null, null, null, null)));
        Unit window = org.createUnit(zjg, new UnitInput("综合窗口", null, "WINDOW_UNIT", "320582", centre.id(),
                null, null, null, null));
        assertEquals(centre.id(), window.parentUnitId().longValue());
        // A unit cannot be moved below itself.
        expect(400, "INVALID_VALUE:parentUnitId", () -> org.updateUnit(root, centre.id(),
                new UnitInput(null, null, null, null, window.id(), null, null, null, null)));
        // Units of another county are invisible to her.
        assertEquals(2, org.listUnits(zjg, null, 0, 50).total());
        assertEquals(3, org.listUnits(root, null, 0, 50).total());
    }

    @Test
    public void pc20UnitWithActiveUserCannotBeDisabled() {
        Unit unit = org.createUnit(root, new UnitInput("财政所", null, "DEPARTMENT", "320582", null, null, null, null, null));
        Unit other = org.createUnit(root, new UnitInput("审批局", null, "DEPARTMENT", "320582", null, null, null, null, null));
        User user = org.createUser(root, new UserInput("liuying", "刘颖", "Liuying2026", unit.id(), null, null, null, null));
        expect(409, "IN_USE:unit", () -> org.updateUnit(root, unit.id(),
                new UnitInput(null, null, null, null, null, null, null, "DISABLED", null)));
        expect(409, "CONFLICT", () -> org.updateUnit(root, unit.id(),
                new UnitInput("新名称", null, null, null, null, null, null, null, unit.version() + 5)));
        expect(400, "IMMUTABLE_FIELD:regionCode", () -> org.updateUnit(root, unit.id(),
                new UnitInput(null, null, null, "320581", null, null, null, null, null)));
        assertEquals("财政所", org.getUnit(root, unit.id()).name());

        org.updateUser(root, user.id(), new UserInput(null, null, null, other.id(), null, null, null, null));
        Unit disabled = org.updateUnit(root, unit.id(), new UnitInput(null, null, null, null, null, null, null, "DISABLED", null));
        assertEquals(RecordStatus.DISABLED, disabled.status());
    }

    // ------------------------------------------------------------ users

    @Test
    public void userRules() {
        Unit unit = org.createUnit(root, new UnitInput("张家港市政务服务中心", null, "SERVICE_CENTRE", "320582", null,
                null, null, null, null));
        org.createUser(root, new UserInput("liuying", "刘颖", "Liuying2026", unit.id(), List.of("region_admin"),
                "13800000001", null, null));
        events.topics.clear();
        long before = rows("UserEntity");

        expect(409, "DUPLICATE:loginName", () -> org.createUser(root,
                new UserInput("liuying", "刘颖", "Liuying2026", unit.id(), null, null, null, null)));
        CivicException roles = expect(400, "INVALID_VALUE:roles", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), List.of("staff", "no_role"), null, null, null)));
        assertEquals("roles", roles.details().get("field"));
        expect(400, "INVALID_VALUE:mobile", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), null, "12345", null, null)));
        expect(400, "INVALID_VALUE:mobile", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), null, "12800000000", null, null)));
        expect(400, "INVALID_VALUE:mobile", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), null, "138000000011", null, null)));
        expect(400, "INVALID_VALUE:password", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "12345678", unit.id(), null, null, null, null)));
        expect(400, "INVALID_VALUE:password", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "abcdefgh", unit.id(), null, null, null, null)));
        expect(400, "INVALID_VALUE:password", () -> org.createUser(root,
                new UserInput("zhangmin", "张敏", "Zm2026", unit.id(), null, null, null, null)));
        expect(400, "INVALID_VALUE:loginName", () -> org.createUser(root,
                new UserInput("Zhang Min", "张敏", "Zhangmin2026", unit.id(), null, null, null, null)));
        expect(400, "INVALID_VALUE:loginName", () -> org.createUser(root,
                new UserInput("zm", "张敏", "Zhangmin2026", unit.id(), null, null, null, null)));
        CivicException missing = expect(400, "MISSING_FIELD:loginName", () -> org.createUser(root,
                new UserInput(null, "张敏", null, unit.id(), null, null, null, null)));
        assertEquals(List.of("loginName", "password"), missing.details().get("fields"));
        expect(403, "FORBIDDEN", () -> org.createUser(zjg,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), List.of("global_admin"), null, null, null)));
        assertEquals(before, rows("UserEntity"));
        assertTrue(events.topics.isEmpty());

        User zhangmin = org.createUser(zjg, new UserInput("zhangmin", "张敏", "Zhangmin2026", unit.id(), null,
                " 13900000002 ", null, null));
        assertEquals("staff by default", List.of("staff"), zhangmin.roles());
        assertEquals("13900000002", zhangmin.mobile());
        assertEquals(List.of("platform.create_user"), events.topics);
    }

    @Test
    public void regionAdminSeesAndCreatesUsersOnlyInHerSubtree() {
        Unit mine = org.createUnit(root, new UnitInput("财政所", null, "DEPARTMENT", "320582", null, null, null, null, null));
        Unit theirs = org.createUnit(root, new UnitInput("财政所", null, "DEPARTMENT", "320581", null, null, null, null, null));
        User other = org.createUser(root, new UserInput("changshu1", "常熟用户", "Changshu2026", theirs.id(), null, null, null, null));
        expect(403, "OUT_OF_SCOPE", () -> org.createUser(zjg,
                new UserInput("zhangmin", "张敏", "Zhangmin2026", theirs.id(), null, null, null, null)));
        expect(404, "NOT_FOUND", () -> org.getUser(zjg, other.id()));
        expect(404, "NOT_FOUND", () -> org.getUnit(zjg, theirs.id()));
        User own = org.createUser(zjg, new UserInput("zhangmin", "张敏", "Zhangmin2026", mine.id(), null, null, null, null));
        Page<User> users = org.listUsers(zjg, null, 0, 50);
        assertEquals(1, users.total());
        assertEquals(own.id(), users.items().get(0).id());
        assertEquals(2, org.listUsers(root, null, 0, 50).total());
    }

    // ------------------------------------------------------------ helpers

    private long rows(String entity) {
        return TestSupport.count(emf, entity);
    }

    private static List<String> codes(Page<Region> page) {
        return page.items().stream().map(Region::regionCode).collect(Collectors.toList());
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
