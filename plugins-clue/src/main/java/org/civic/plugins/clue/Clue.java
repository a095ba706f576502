package org.civic.plugins.clue;

import static org.civic.core.api.workflow.ClockDef.DeadlineRule.workingDaysSameTime;

import java.util.ArrayList;
import java.util.List;

import org.civic.core.api.spi.RoleDefinition;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ActionDef.ScopeRule;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.DocumentDef;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.FieldDef.FieldType;
import org.civic.core.api.workflow.FieldDef.RegionChoice;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.api.workflow.WorklistDef;

/**
 * The complaint clue line (线索反映, spec clue-handling.md) as a declaration on the kernel: one work item per
 * clue, held by one assignment that moves between the clue units of the province, a city and a county. The
 * rules that data cannot say (routing by the place of employment, the level rules, feedback, reviews,
 * merges, notes) are in {@link ClueRules}.
 */
public final class Clue {

    public static final String LINE = "clue";

    public static final String PROVINCE_OFFICER = "province_officer";
    public static final String CITY_OFFICER = "city_officer";
    public static final String COUNTY_OFFICER = "county_officer";
    /** The mini-program's and the portal's back-end accounts: create clues, add a complainant's notes. */
    public static final String INTAKE = "clue_intake";
    /**
     * The line's internal role for merging and unmerging, which span several clues and run through the
     * merge endpoint only; no user can be granted it.
     */
    static final String MERGER = "clue_merger";
    /** The line's own reader (complainant views, statistics over whole regions); no user can be granted it. */
    static final String SYSTEM = "clue_system";

    /** The one clue-handling unit of a PROVINCE, CITY or COUNTY region. */
    public static final String CLUE_UNIT = "CLUE_UNIT";
    /** The unit of a partner system's account (陇明公 mini-program, portal). */
    public static final String PARTNER = "CLUE_PARTNER";

    public static final String PENDING_RECEIPT = "PENDING_RECEIPT";
    public static final String HANDLING = "HANDLING";
    public static final String PENDING_CITY_REVIEW = "PENDING_CITY_REVIEW";
    public static final String PENDING_PROVINCE_REVIEW = "PENDING_PROVINCE_REVIEW";
    public static final String COMPLETED = "COMPLETED";
    static final String[] ALL_STATES = {PENDING_RECEIPT, HANDLING, PENDING_CITY_REVIEW, PENDING_PROVINCE_REVIEW,
        COMPLETED};

    /** The holder's assignment: holds the clue, or ended when the clue completed. */
    static final String HOLDING = "HOLDING";
    static final String ENDED = "ENDED";
    static final String HOLDER_ROLE = "HOLDER";

    static final String RECEIPT_CLOCK = "receipt";
    static final String HANDLING_CLOCK = "handling";

    static final String[] OFFICERS = {PROVINCE_OFFICER, CITY_OFFICER, COUNTY_OFFICER};

    private Clue() {
    }

    static List<RoleDefinition> roles() {
        return List.of(new RoleDefinition(PROVINCE_OFFICER, "省级监管端账号", "Province officer"),
                new RoleDefinition(CITY_OFFICER, "市级监管端账号", "City officer"),
                new RoleDefinition(COUNTY_OFFICER, "区县级监管端账号", "County officer"),
                new RoleDefinition(INTAKE, "线索接入（小程序/门户）", "Clue intake partner"));
    }

    /**
     * Optional time limits of spec §6 (assumption A11), in working days of the province's calendar; null:
     * off, no deadline and no card.
     */
    public record Limits(Integer receiptWorkingDays, Integer handlingWorkingDays) {
        public static Limits off() {
            return new Limits(null, null);
        }
    }

    public static LineDefinition definition(ClueRules rules) {
        Limits limits = rules.limits();
        List<ClockDef> clocks = new ArrayList<>();
        if (limits.receiptWorkingDays() != null) {
            clocks.add(ClockDef.of(RECEIPT_CLOCK, "接收时限", "Receipt limit",
                    workingDaysSameTime(limits.receiptWorkingDays())).forEachAssignment().withYellowCard());
        }
        if (limits.handlingWorkingDays() != null) {
            clocks.add(ClockDef.of(HANDLING_CLOCK, "办理时限", "Handling limit",
                    workingDaysSameTime(limits.handlingWorkingDays())).forEachAssignment().redCardAfter(3));
        }
        FieldDef opinionOptional = FieldDef.of("opinion", "意见", "Opinion", FieldType.TEXT).withLength(0, 500);
        return LineDefinition.builder(LINE, "线索反映", "Complaint clues").numberPrefix("XS")
                .numberStyle(LineDefinition.NumberStyle.DAY_COMPACT)
                .states(StateDef.of(PENDING_RECEIPT, "待接收", "Pending receipt"),
                        StateDef.of(HANDLING, "办理中", "Handling"),
                        StateDef.of(PENDING_CITY_REVIEW, "待市级审核", "Pending city review"),
                        StateDef.of(PENDING_PROVINCE_REVIEW, "待省级审核", "Pending province review"),
                        StateDef.terminal(COMPLETED, "已办结", "Completed"))
                .assignmentStates(StateDef.of(HOLDING, "办理单位", "Holding"), StateDef.terminal(ENDED, "已结束", "Ended"))
                .createdBy(INTAKE)
                .regionViewRoles(OFFICERS)
                .createFields(
                        FieldDef.of("channel", "反映渠道", "Channel", FieldType.ENUM).mandatory()
                                .withValues("MINI_PROGRAM", "PORTAL"),
                        FieldDef.of("complainantAccountId", "小程序账号", "Mini-program account", FieldType.STRING)
                                .withLength(1, 64),
                        FieldDef.of("complainantName", "投诉人姓名", "Complainant", FieldType.STRING).mandatory()
                                .withLength(1, 50),
                        FieldDef.of("complainantPhone", "联系电话", "Phone", FieldType.STRING).mandatory()
                                .withPattern("^1[3-9]\\d{9}$"),
                        FieldDef.of("complainantIdNo", "身份证号码", "ID number", FieldType.STRING)
                                .withPattern("^\\d{17}[\\dX]$"),
                        FieldDef.of("respondentName", "被反映单位（用工单位）", "Respondent (employer)", FieldType.STRING)
                                .mandatory().withLength(2, 100),
                        FieldDef.of("projectName", "项目名称", "Project", FieldType.STRING).withLength(0, 100),
                        FieldDef.of("workplaceCityCode", "实际用工所在地（市州）", "Workplace city", FieldType.STRING)
                                .withLength(1, 12).picking(RegionChoice.childrenOfCallerRegion()),
                        FieldDef.of("workplaceCountyCode", "实际用工所在地（区县）", "Workplace county", FieldType.STRING)
                                .withLength(1, 12).picking(RegionChoice.childrenOf("workplaceCityCode")),
                        FieldDef.of("workplaceAddress", "详细地址", "Address", FieldType.STRING).withLength(0, 200),
                        FieldDef.of("content", "反映内容", "Content", FieldType.TEXT).mandatory().withLength(10, 2000),
                        FieldDef.of("amountInvolved", "涉及金额（元）", "Amount (yuan)", FieldType.DECIMAL)
                                .withRange(0, new java.math.BigDecimal("9999999999.99")),
                        FieldDef.of("peopleInvolved", "涉及人数", "People involved", FieldType.INTEGER).withRange(1, 100000),
                        FieldDef.of(LineDefinition.TITLE, "标题", "Title", FieldType.STRING).withLength(1, 200))
                .onCreate(rules::create)
                .clocks(clocks.toArray(new ClockDef[0]))
                .actions(
                        holderAction("receive", "接收", "Receive", PENDING_RECEIPT).leadsTo(HANDLING)
                                .allowedTo(CITY_OFFICER, COUNTY_OFFICER).withHandler(rules::receive),
                        holderAction("add_progress", "进度反馈", "Add progress", HANDLING).allowedTo(OFFICERS)
                                .withInput(FieldDef.of("summary", "办理进度摘要", "Progress summary", FieldType.TEXT)
                                        .mandatory().withLength(2, 500))
                                .withHandler(rules::addProgress),
                        holderAction("record_completion_feedback", "办结反馈", "Record completion feedback", HANDLING)
                                .allowedTo(OFFICERS)
                                .withInput(FieldDef.of("resultSummary", "处理结果", "Result", FieldType.TEXT).mandatory()
                                        .withLength(10, 2000),
                                        FieldDef.of("handledDate", "办结日期", "Handled on", FieldType.DATE).mandatory()
                                                .notInFuture(),
                                        FieldDef.of("attachments", "附件", "Attachments", FieldType.ATTACHMENTS))
                                .withHandler(rules::recordCompletionFeedback),
                        holderAction("submit", "提交", "Submit", HANDLING).allowedTo(OFFICERS)
                                .mayLeadTo(PENDING_CITY_REVIEW, PENDING_PROVINCE_REVIEW, COMPLETED)
                                .withInput(opinionOptional).withHandler(rules::submit),
                        // The province may re-route a clue its unit holds; "held by another unit" is a state of
                        // the clue here (spec 5.2: INVALID_STATE), so the scope is the region and the handler checks.
                        ActionDef.of("transfer_within_province", "省内转办", "Transfer within the province")
                                .allowedFrom(HANDLING).leadsTo(PENDING_RECEIPT).allowedTo(PROVINCE_OFFICER)
                                .withScope(ScopeRule.REGION)
                                .withInput(FieldDef.of("targetCityCode", "转办市州", "Target city", FieldType.STRING)
                                        .mandatory().withLength(1, 12)
                                        .picking(RegionChoice.childrenOfCallerRegion().withUnit(CLUE_UNIT)),
                                        FieldDef.of("targetCountyCode", "转办区县", "Target county", FieldType.STRING)
                                                .withLength(1, 12)
                                                .picking(RegionChoice.childrenOf("targetCityCode").withUnit(CLUE_UNIT)),
                                        opinionOptional)
                                .withHandler(rules::transferWithinProvince),
                        holderAction("transfer_within_city", "市内转办", "Transfer within the city", HANDLING)
                                .leadsTo(PENDING_RECEIPT).allowedTo(CITY_OFFICER)
                                .withInput(FieldDef.of("targetCountyCode", "转办区县", "Target county", FieldType.STRING)
                                        .mandatory().withLength(1, 12)
                                        .picking(RegionChoice.childrenOfCallerRegion().withUnit(CLUE_UNIT)), opinionOptional)
                                .withHandler(rules::transferWithinCity),
                        holderAction("return", "退回", "Return", PENDING_RECEIPT, HANDLING).leadsTo(HANDLING)
                                .allowedTo(CITY_OFFICER, COUNTY_OFFICER)
                                .withInput(FieldDef.of("opinion", "退回原因", "Reason", FieldType.TEXT).mandatory()
                                        .withLength(2, 500))
                                .withHandler(rules::returnUp),
                        holderAction("approve", "审核通过", "Approve", PENDING_CITY_REVIEW, PENDING_PROVINCE_REVIEW)
                                .allowedTo(CITY_OFFICER, PROVINCE_OFFICER)
                                .allowedToIn(PENDING_CITY_REVIEW, CITY_OFFICER)
                                .allowedToIn(PENDING_PROVINCE_REVIEW, PROVINCE_OFFICER)
                                .mayLeadTo(PENDING_PROVINCE_REVIEW, COMPLETED)
                                .withInput(FieldDef.of("opinion", "审核意见", "Opinion", FieldType.TEXT).withLength(0, 500))
                                .withHandler(rules::approve),
                        holderAction("reject", "驳回", "Reject", PENDING_CITY_REVIEW, PENDING_PROVINCE_REVIEW)
                                .leadsTo(HANDLING)
                                .allowedTo(CITY_OFFICER, PROVINCE_OFFICER)
                                .allowedToIn(PENDING_CITY_REVIEW, CITY_OFFICER)
                                .allowedToIn(PENDING_PROVINCE_REVIEW, PROVINCE_OFFICER)
                                .withInput(FieldDef.of("opinion", "驳回意见", "Reason for rejection", FieldType.TEXT)
                                        .mandatory().withLength(2, 500))
                                .withHandler(rules::reject),
                        ActionDef.of("add_supplementary_note", "补充说明", "Add a supplementary note")
                                .allowedFrom(ALL_STATES).allowedTo(INTAKE).withScope(ScopeRule.CREATOR_UNIT)
                                .withInput(FieldDef.of("complainantAccountId", "小程序账号", "Mini-program account",
                                        FieldType.STRING).mandatory().withLength(1, 64),
                                        FieldDef.of("content", "补充说明内容", "Note", FieldType.TEXT).mandatory()
                                                .withLength(1, 1000),
                                        FieldDef.of("attachments", "附件", "Attachments", FieldType.ATTACHMENTS))
                                .withHandler(rules::addSupplementaryNote),
                        ActionDef.of("merge", "合并线索", "Merge").allowedFrom(COMPLETED).allowedTo(MERGER)
                                .withScope(ScopeRule.REGION)
                                .withInput(FieldDef.of("groupNo", "合并编号", "Group number", FieldType.STRING).mandatory()
                                        .withPattern("^HB\\d{12}$"),
                                        FieldDef.of("masterClueId", "主线索", "Master clue", FieldType.STRING).mandatory()
                                                .withPattern("^\\d+$"),
                                        FieldDef.of("memberClueIds", "合并线索", "Members", FieldType.STRING).mandatory()
                                                .withPattern("^\\d+(,\\d+)+$"),
                                        FieldDef.of("memberClueNos", "合并线索编号", "Member numbers", FieldType.TEXT)
                                                .mandatory(),
                                        opinionOptional)
                                .withHandler(rules::merge),
                        ActionDef.of("cancel_merge", "取消合并", "Cancel merge").allowedFrom(COMPLETED).allowedTo(MERGER)
                                .withScope(ScopeRule.REGION)
                                .withInput(FieldDef.of("groupNo", "合并编号", "Group number", FieldType.STRING).mandatory()
                                        .withPattern("^HB\\d{12}$"),
                                        FieldDef.of("cancelOpinion", "取消原因", "Reason", FieldType.TEXT).mandatory()
                                                .withLength(1, 500))
                                .withHandler(rules::cancelMerge))
                .worklists(
                        WorklistDef.unit("pending_receipt", "待接收线索", "Pending receipt", HOLDING)
                                .withItemStates(PENDING_RECEIPT).sortedBy("updatedAt").forRoles(CITY_OFFICER, COUNTY_OFFICER),
                        WorklistDef.unit("case_management", "案件管理", "Case management", HOLDING)
                                .withItemStates(HANDLING).sortedBy("-updatedAt").forRoles(OFFICERS),
                        WorklistDef.unit("province_transfer", "省内转办", "Transfer within the province", HOLDING)
                                .withItemStates(HANDLING).sortedBy("-updatedAt").forRoles(PROVINCE_OFFICER),
                        WorklistDef.unit("city_transfer", "市内转办", "Transfer within the city", HOLDING)
                                .withItemStates(HANDLING).sortedBy("-updatedAt").forRoles(CITY_OFFICER),
                        WorklistDef.unit("review_pending", "线索办结审核（待审核）", "Completion review", HOLDING)
                                .withItemStates(PENDING_CITY_REVIEW, PENDING_PROVINCE_REVIEW).sortedBy("updatedAt")
                                .forRoles(CITY_OFFICER, PROVINCE_OFFICER))
                .documents(DocumentDef.of("handling_sheet", "线索办理情况表", "Clue handling sheet", Clue.class,
                        "documents/clue-sheet.ftlx").forRoles(OFFICERS).withModel(new ClueDocuments(rules.org())::model))
                .build();
    }

    /** An action of the unit holding the clue (spec S2): OUT_OF_SCOPE for every other unit. */
    private static ActionDef holderAction(String id, String zh, String en, String... from) {
        return ActionDef.of(id, zh, en).allowedFrom(from).onAssignmentIn(HOLDING).withScope(ScopeRule.HOLDER_UNIT);
    }
}
