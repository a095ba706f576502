package org.civic.plugins.linkage110;

import static org.civic.core.api.workflow.ClockDef.DeadlineRule.minutes;
import static org.civic.core.api.workflow.ClockDef.DeadlineRule.officeMinutes;
import static org.civic.core.api.workflow.ClockDef.DeadlineRule.workingDaysOfficeEnd;
import static org.civic.core.api.workflow.ClockDef.DeadlineRule.workingDaysSameTime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civic.core.api.org.Caller;
import org.civic.core.api.spi.PlatformExtension;
import org.civic.core.api.spi.RoleDefinition;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ActionDef.ScopeRule;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.DocumentDef;
import org.civic.core.api.workflow.Effect;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.FieldDef.FieldType;
import org.civic.core.api.workflow.FieldDef.RegionChoice;
import org.civic.core.api.workflow.FieldDef.UnitChoice;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.LineRegistry;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.api.workflow.WorklistDef;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The 110 linkage line (110联动, spec linkage-110.md): the district's 110 linkage office records phone
 * appeals and dispatches them to street offices and bureaus; each unit's task is signed, disputed,
 * extended, fed back and called back; the district calls the appellant back and archives the appeal
 * or supervises (sends tasks back). The workflow is declared here; the rules data cannot say are in
 * {@link AppealRules}.
 */
@Component(service = PlatformExtension.class, immediate = true, configurationPid = Linkage110Config.PID)
public class Linkage110Line implements PlatformExtension {

    public static final String LINE = "linkage110";
    static final String DISPATCHER = "district_dispatcher";
    static final String HANDLER = "unit_handler";
    static final String LEADER = "district_leader";
    /** The automatic phone callback partner's account (its own credential for posting results). */
    static final String IVR_PARTNER = "ivr_partner";
    /** The 110 alarm system's account that pushes non-police appeals in. */
    static final String ALARM_PARTNER = "alarm_partner";
    /**
     * The WeChat enterprise account's backend (企业号, spec §10): it does WeChat's OAuth and logs unit handlers
     * of its district in to the micro-platform ({@link WeChatLogins}); it reads no appeals itself.
     */
    static final String WECHAT_PARTNER = "wechat_partner";
    /** The line's own actor for results, timeouts and deliveries; no user can be granted it. */
    static final String SYSTEM = Caller.SYSTEM;
    /**
     * The role the intake creates appeals with on behalf of an {@link #ALARM_PARTNER} account, so that the
     * partner cannot bypass the incident-number guard through the generic create; no user can be granted it.
     */
    static final String INTAKE = "alarm_intake";
    /** The unit kind of a partner system's account (the IVR, the 110 alarm system). */
    static final String PARTNER_SYSTEM = "PARTNER_SYSTEM";

    static final String LINKAGE_OFFICE = "LINKAGE_OFFICE";
    static final String BUREAU = "BUREAU";
    static final String STREET_OFFICE = "STREET_OFFICE";
    /** The unit tag that puts a bureau or street office on the district's list of handling units. */
    static final String MEMBER_TAG = "linkageMember";

    static final Set<String> STILL_HANDLING = Set.of("PENDING_SIGN", "HANDLING", "DISPUTED");

    private final AutoCloseable registration;

    @Activate
    public Linkage110Line(@Reference LineRegistry lines, Map<String, Object> properties) {
        registration = lines.register(definition(Limits.from(properties)));
    }

    @Deactivate
    void deactivate() throws Exception {
        registration.close();
    }

    @Override
    public String id() {
        return LINE;
    }

    @Override
    public Collection<RoleDefinition> roles() {
        return List.of(new RoleDefinition(DISPATCHER, "区级管理用户（区110联动办）", "District dispatcher"),
                new RoleDefinition(HANDLER, "街道、委局用户", "Unit handler"),
                new RoleDefinition(LEADER, "区领导", "District leader"),
                new RoleDefinition(IVR_PARTNER, "自动回访系统（合作方）", "Automatic callback partner"),
                new RoleDefinition(ALARM_PARTNER, "110接处警系统（合作方）", "110 alarm system partner"),
                new RoleDefinition(WECHAT_PARTNER, "110微联动平台（企业号）", "WeChat micro-platform backend"));
    }

    @Override
    public Collection<String> unitTypes() {
        return List.of(LINKAGE_OFFICE, BUREAU, STREET_OFFICE, PARTNER_SYSTEM);
    }

    private static FieldDef callbackId() {
        return FieldDef.of("callbackId", "回访编号", "Callback id", FieldType.STRING).mandatory().withLength(1, 100);
    }

    private static FieldDef results(FieldDef f) {
        return f.withValues(AppealRules.SATISFIED, AppealRules.UNSATISFIED, AppealRules.UNREACHABLE)
                .withValueLabel(AppealRules.SATISFIED, "满意", "Satisfied")
                .withValueLabel(AppealRules.UNSATISFIED, "不满意", "Unsatisfied")
                .withValueLabel(AppealRules.UNREACHABLE, "无法联系", "Unreachable");
    }

    /** The category dictionary (A2): the values are the Chinese names; English labels for the switch. */
    private static FieldDef categories() {
        String[] en = {"City management", "Market supervision", "Environment", "Labour", "Neighbours", "Other"};
        FieldDef f = FieldDef.of("category", "诉求类别", "Category", FieldType.ENUM).withValues(AppealRules.CATEGORIES);
        for (int i = 0; i < AppealRules.CATEGORIES.length; i++) {
            f = f.withValueLabel(AppealRules.CATEGORIES[i], AppealRules.CATEGORIES[i], en[i]);
        }
        return f;
    }

    public static LineDefinition definition() {
        return definition(Limits.defaults());
    }

    /** The line with the configured default limits (spec 6.5); districts' own values are applied by the handlers. */
    static LineDefinition definition(Limits limits) {
        FieldDef unitId = FieldDef.of("unitId", "承办单位", "Handling unit", FieldType.UNIT).mandatory();
        FieldDef disputedUnit = unitId.offering(UnitChoice.holding("DISPUTED"));
        FieldDef handlingUnit = unitId.offering(UnitChoice.holding("HANDLING"));
        FieldDef opinionRequired = FieldDef.of("opinion", "意见", "Opinion", FieldType.TEXT).mandatory()
                .withLength(2, 500);
        FieldDef handlingDeadline = FieldDef.of("handlingDeadline", "办理期限", "Handling deadline", FieldType.DATETIME)
                .inFuture();
        FieldDef callbackResult = results(FieldDef.of("result", "回访结果", "Callback result", FieldType.ENUM).mandatory());
        // Pickers offer what the line accepts: the district's linkage members at dispatch and reassignment,
        // the units whose task the decision is about for the district's decisions (spec S3, 5.2).
        UnitChoice members = UnitChoice.ofTypes(BUREAU, STREET_OFFICE).tagged(MEMBER_TAG);
        FieldDef callbackContent = FieldDef.of("content", "回访内容", "Callback content", FieldType.TEXT).mandatory()
                .withLength(2, 500);
        return LineDefinition.builder(LINE, "110联动", "110 linkage").numberPrefix("110")
                .states(StateDef.of("DRAFT", "待处理", "Pending"),
                        StateDef.of("DISPATCHED", "已派发", "Dispatched"),
                        StateDef.of("AWAITING_ARCHIVE", "待归档", "Awaiting archive"),
                        StateDef.terminal("ARCHIVED", "已归档", "Archived"),
                        StateDef.terminal("DELETED", "已删除", "Deleted"))
                .assignmentStates(StateDef.of("PENDING_SIGN", "待签收", "Pending sign"),
                        StateDef.of("HANDLING", "办理中", "Handling"),
                        StateDef.of("DISPUTED", "争议中", "Disputed"),
                        StateDef.of("PENDING_CALLBACK", "待回访", "Pending callback"),
                        StateDef.of("DONE", "已回访", "Done"),
                        StateDef.terminal("CANCELLED", "已撤回", "Cancelled"))
                .createdBy(DISPATCHER, INTAKE)
                .regionViewRoles(DISPATCHER, LEADER)
                .createFields(
                        FieldDef.of("title", "诉求标题", "Title", FieldType.STRING).mandatory().withLength(2, 100),
                        FieldDef.of("content", "诉求内容", "Content", FieldType.TEXT).mandatory().withLength(5, 2000),
                        FieldDef.of("appellantPhone", "联系电话", "Appellant phone", FieldType.STRING).mandatory()
                                .withPattern(AppealRules.PHONE),
                        FieldDef.of("appealTime", "诉求时间", "Appeal time", FieldType.DATETIME).mandatory().notInFuture(),
                        FieldDef.of("appellantName", "诉求人", "Appellant", FieldType.STRING).withLength(0, 50),
                        FieldDef.of("policeIncidentNo", "110接警编号", "Police incident no.", FieldType.STRING)
                                .withLength(0, 32),
                        FieldDef.of("address", "事发地址", "Address", FieldType.STRING).withLength(0, 200),
                        FieldDef.of("streetRegionCode", "所属街道", "Street", FieldType.STRING).withPattern("^\\d{9}$")
                                .picking(RegionChoice.childrenOfCallerRegion()),
                        categories(),
                        FieldDef.of("urgent", "紧急", "Urgent", FieldType.BOOLEAN))
                .viewFields(FieldDef.of("districtNo", "区级编号", "District no.", FieldType.STRING),
                        FieldDef.of("channel", "诉求渠道", "Channel", FieldType.ENUM).withValues("PHONE")
                                .withValueLabel("PHONE", "电话诉求", "Phone"),
                        FieldDef.of("dispatchedAt", "派发时间", "Dispatched at", FieldType.DATETIME),
                        FieldDef.of("multiUnit", "多承办单位", "Several units", FieldType.BOOLEAN),
                        FieldDef.of("pendingExtensions", "待审批延期申请", "Pending extension requests", FieldType.TEXT),
                        FieldDef.of("sendBacks", "督办次数", "Send-backs", FieldType.INTEGER),
                        FieldDef.of("autoCallbackPending", "自动回访中", "Automatic callback running", FieldType.TEXT),
                        FieldDef.of("districtCallbacks", "区级回访记录", "District callbacks", FieldType.TEXT),
                        FieldDef.of("method", "回访方式", "Method", FieldType.ENUM).withValues("MANUAL", "AUTO_PHONE")
                                .withValueLabel("MANUAL", "确认回访", "Manual").withValueLabel("AUTO_PHONE", "自动电话回访",
                                        "Automatic phone"),
                        FieldDef.of("unreachableCount", "无法联系次数", "Unreachable attempts", FieldType.INTEGER),
                        results(FieldDef.of("finalCallbackResult", "回访结果", "Callback result", FieldType.ENUM)),
                        FieldDef.of("archivedAt", "归档时间", "Archived at", FieldType.DATETIME))
                .onCreate(AppealRules::created)
                .clocks(ClockDef.of("sign", "签收时限", "Sign-in limit", officeMinutes(limits.global(Limits.SIGN_OFFICE_MINUTES)))
                                .forEachAssignment().whenUrgent("urgent", minutes(limits.global(Limits.SIGN_URGENT_MINUTES))).withYellowCard()
                                .onCard("card_notice"),
                        ClockDef.of("handling", "办理时限", "Handling limit", workingDaysOfficeEnd(
                                limits.global(Limits.HANDLING_WORKING_DAYS))).forEachAssignment()
                                .whenUrgent("urgent", minutes(limits.global(Limits.HANDLING_URGENT_HOURS) * 60)).deadlineFrom("handlingDeadline")
                                .withYellowCard().redCardAfter(limits.global(Limits.RED_WORKING_DAYS)).onCard("card_notice"),
                        ClockDef.of("callback", "部门回访时限", "Department callback limit", workingDaysSameTime(
                                limits.global(Limits.CALLBACK_WORKING_DAYS)))
                                .forEachAssignment().atDeadline("callback_overdue"))
                .actions(
                        ActionDef.of("edit_draft", "修改", "Edit").allowedFrom("DRAFT").allowedTo(DISPATCHER)
                                .withInput(
                                        FieldDef.of("title", "诉求标题", "Title", FieldType.STRING).withLength(2, 100),
                                        FieldDef.of("content", "诉求内容", "Content", FieldType.TEXT).withLength(5, 2000),
                                        FieldDef.of("appellantPhone", "联系电话", "Appellant phone", FieldType.STRING)
                                                .withPattern(AppealRules.PHONE),
                                        FieldDef.of("appealTime", "诉求时间", "Appeal time", FieldType.DATETIME)
                                                .notInFuture(),
                                        FieldDef.of("appellantName", "诉求人", "Appellant", FieldType.STRING)
                                                .withLength(0, 50),
                                        FieldDef.of("address", "事发地址", "Address", FieldType.STRING).withLength(0, 200),
                                        FieldDef.of("streetRegionCode", "所属街道", "Street", FieldType.STRING)
                                                .withPattern("^\\d{9}$").picking(RegionChoice.childrenOfItemRegion()),
                                        categories(),
                                        FieldDef.of("urgent", "紧急", "Urgent", FieldType.BOOLEAN))
                                .withEffects(Effect.setFields("title", "content", "appellantPhone", "appealTime",
                                        "appellantName", "address", "streetRegionCode", "category", "urgent"))
                                .withHandler(AppealRules::edited),
                        ActionDef.of("delete_draft", "删除", "Delete").allowedFrom("DRAFT").leadsTo("DELETED")
                                .allowedTo(DISPATCHER),
                        ActionDef.of("dispatch", "派发", "Dispatch").allowedFrom("DRAFT").leadsTo("DISPATCHED")
                                .allowedTo(DISPATCHER)
                                .withInput(FieldDef.of("handlingUnitIds", "承办单位", "Handling units", FieldType.UNIT_LIST)
                                                .mandatory().withRange(1, 10).offering(members), handlingDeadline,
                                        FieldDef.of("urgent", "紧急", "Urgent", FieldType.BOOLEAN))
                                .withEffects(Effect.setFields("urgent"),
                                        Effect.dispatch("handlingUnitIds", "HANDLER", "PENDING_SIGN"),
                                        Effect.startClock("sign"), Effect.startClock("handling"))
                                .withHandler(ctx -> AppealRules.dispatched(ctx, "handlingUnitIds", limits)),
                        ActionDef.of("sign", "签收", "Sign").allowedFrom("DISPATCHED").onAssignmentIn("PENDING_SIGN")
                                .assignmentTo("HANDLING").allowedTo(HANDLER).withScope(ScopeRule.HOLDER_UNIT)
                                .withEffects(Effect.stopClock("sign")),
                        ActionDef.of("dispute", "争议", "Dispute").allowedFrom("DISPATCHED").onAssignmentIn("HANDLING")
                                .assignmentTo("DISPUTED").allowedTo(HANDLER).withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.of("description", "争议描述", "Description", FieldType.TEXT)
                                        .mandatory().withLength(5, 500))
                                .withEffects(Effect.pauseClock("handling"))
                                .withHandler(AppealRules::singleUnitOnly),
                        ActionDef.of("accept_dispute", "争议成立（改派）", "Accept dispute").allowedFrom("DISPATCHED")
                                .onAssignmentIn("DISPUTED").selectingAssignmentBy("unitId").assignmentTo("CANCELLED")
                                .allowedTo(DISPATCHER)
                                .withInput(disputedUnit, FieldDef.of("newUnitIds", "改派单位", "New units", FieldType.UNIT_LIST)
                                                .mandatory().withRange(1, 10).offering(members), handlingDeadline,
                                        FieldDef.of("opinion", "意见", "Opinion", FieldType.TEXT).withLength(0, 500))
                                .withEffects(Effect.stopClock("handling"),
                                        Effect.dispatch("newUnitIds", "HANDLER", "PENDING_SIGN"),
                                        Effect.startClock("sign"), Effect.startClock("handling"))
                                .withHandler(ctx -> AppealRules.reassigned(ctx, limits)),
                        ActionDef.of("reject_dispute", "争议不成立", "Reject dispute").allowedFrom("DISPATCHED")
                                .onAssignmentIn("DISPUTED").selectingAssignmentBy("unitId").assignmentTo("HANDLING")
                                .allowedTo(DISPATCHER).withInput(disputedUnit, opinionRequired)
                                .withEffects(Effect.resumeClock("handling"))
                                .withHandler(AppealRules::disputeRejected),
                        ActionDef.of("request_extension", "申请延期", "Request extension").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").allowedTo(HANDLER).withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.of("newDeadline", "新的办理期限", "New deadline", FieldType.DATETIME)
                                                .mandatory().inFuture(),
                                        FieldDef.of("reason", "申请原因", "Reason", FieldType.TEXT).mandatory()
                                                .withLength(5, 500))
                                .withEffects(Effect.requestExtension("handling", "newDeadline"))
                                .withHandler(AppealRules::extensionRequested),
                        ActionDef.of("approve_extension", "同意延期", "Approve extension").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").selectingAssignmentBy("unitId").allowedTo(DISPATCHER)
                                .withInput(handlingUnit, FieldDef.of("opinion", "意见", "Opinion", FieldType.TEXT)
                                        .withLength(0, 500))
                                .withEffects(Effect.grantExtension("handling"))
                                .withHandler(AppealRules::extensionDecided),
                        ActionDef.of("reject_extension", "不同意延期", "Reject extension").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").selectingAssignmentBy("unitId").allowedTo(DISPATCHER)
                                .withInput(handlingUnit, opinionRequired).withEffects(Effect.denyExtension("handling"))
                                .withHandler(AppealRules::extensionDecided),
                        ActionDef.of("feedback", "反馈", "Feed back").allowedFrom("DISPATCHED").onAssignmentIn("HANDLING")
                                .assignmentTo("PENDING_CALLBACK").allowedTo(HANDLER).withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.of("content", "处理结果", "Result", FieldType.TEXT).mandatory()
                                                .withLength(5, 2000),
                                        FieldDef.of("photos", "现场图片", "Site photos", FieldType.ATTACHMENTS)
                                                .withRange(0, 9),
                                        FieldDef.of("attachments", "相关文档", "Documents", FieldType.ATTACHMENTS)
                                                .withRange(0, 5))
                                .withEffects(Effect.stopClock("handling"), Effect.startClock("callback"))
                                .withHandler(ctx -> AppealRules.fedBack(ctx, limits)),
                        ActionDef.of("dept_callback", "回访", "Department callback").allowedFrom("DISPATCHED")
                                .onAssignmentIn("PENDING_CALLBACK").assignmentTo("DONE").mayLeadTo("AWAITING_ARCHIVE")
                                .allowedTo(HANDLER).withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(callbackResult, callbackContent)
                                .withEffects(Effect.stopClock("callback"),
                                        Effect.whenAllAssignments(Set.of("DONE"), Set.of("CANCELLED"), "AWAITING_ARCHIVE")),
                        ActionDef.of("confirm_callback", "确认回访", "Confirm callback").allowedFrom("AWAITING_ARCHIVE")
                                .mayLeadTo("ARCHIVED").allowedTo(DISPATCHER).withInput(callbackResult, callbackContent)
                                .withHandler(AppealRules::calledBack),
                        ActionDef.of("auto_phone_callback", "自动电话回访", "Automatic phone callback")
                                .allowedFrom("AWAITING_ARCHIVE").allowedTo(DISPATCHER)
                                .withHandler(AppealRules::autoCallbackStarted),
                        ActionDef.of("auto_callback_result", "自动回访结果", "Automatic callback result")
                                .allowedFrom("AWAITING_ARCHIVE").mayLeadTo("ARCHIVED").allowedTo(SYSTEM)
                                .withInput(callbackId(), callbackResult,
                                        FieldDef.of("content", "回访内容", "Call status", FieldType.TEXT).withLength(0, 500),
                                        FieldDef.of("callTime", "呼叫时间", "Call time", FieldType.DATETIME),
                                        FieldDef.of("recordingRef", "录音编号", "Recording", FieldType.STRING)
                                                .withLength(0, 200),
                                        FieldDef.of("timedOutAt", "超时时间", "Timed out at", FieldType.DATETIME),
                                        FieldDef.of("reportedBy", "回传账号", "Reported by", FieldType.STRING)
                                                .withLength(0, 100))
                                .withHandler(AppealRules::autoCallbackResult),
                        ActionDef.of("auto_callback_delivered", "回访请求已送达", "Callback request delivered")
                                .allowedFrom("AWAITING_ARCHIVE").allowedTo(SYSTEM).withInput(callbackId())
                                .withHandler(AppealRules::autoCallbackDelivered),
                        ActionDef.of("auto_callback_dead_letter", "回访请求投递失败", "Callback request dead-lettered")
                                .allowedFrom("AWAITING_ARCHIVE").allowedTo(SYSTEM)
                                .withInput(callbackId(), FieldDef.of("error", "错误", "Error", FieldType.TEXT)
                                        .withLength(0, 500))
                                .withHandler(AppealRules::autoCallbackDeadLettered),
                        ActionDef.of("supervise", "督办（发回重新办理）", "Supervise (send back)")
                                .allowedFrom("DISPATCHED", "AWAITING_ARCHIVE").leadsTo("DISPATCHED").allowedTo(DISPATCHER)
                                .withInput(FieldDef.of("unitIds", "发回单位", "Units sent back", FieldType.UNIT_LIST)
                                                .mandatory().withRange(1, 10)
                                                .offering(UnitChoice.holding("PENDING_CALLBACK", "DONE")),
                                        FieldDef.of("opinion", "督办意见", "Supervision opinion", FieldType.TEXT)
                                                .mandatory().withLength(2, 500),
                                        FieldDef.of("handlingDeadline", "办理期限", "Handling deadline",
                                                FieldType.DATETIME).mandatory().inFuture())
                                .withHandler(ctx -> AppealRules.sentBack(ctx, limits)),
                        ActionDef.of("callback_overdue", "超时未回访", "Department callback overdue")
                                .allowedFrom("DISPATCHED").onAssignmentIn("PENDING_CALLBACK")
                                .selectingAssignmentBy("unitId").allowedTo(SYSTEM)
                                .withInput(FieldDef.of("unitId", "承办单位", "Handling unit", FieldType.UNIT).mandatory())
                                .withHandler(AppealRules::callbackOverdue),
                        ActionDef.of("card_notice", "亮牌通知", "Card notice")
                                .allowedFrom("DISPATCHED").onAssignmentIn("PENDING_SIGN", "HANDLING")
                                .selectingAssignmentBy("unitId").allowedTo(SYSTEM)
                                .withInput(FieldDef.of("unitId", "承办单位", "Handling unit", FieldType.UNIT).mandatory(),
                                        FieldDef.of(ClockDef.CARD_FIELD, "牌色", "Card", FieldType.ENUM).mandatory()
                                                .withValues("YELLOW", "RED"))
                                .withHandler(AppealRules::carded))
                .documents(DocumentDef.of("dispatch_sheet", "110联动事件派发单", "Dispatch sheet", Linkage110Line.class,
                                "documents/dispatch-sheet.ftlx").inStates("DISPATCHED", "AWAITING_ARCHIVE", "ARCHIVED")
                                .withModel(AppealDocuments::values),
                        DocumentDef.of("archive_record", "事件档案", "Archive record", Linkage110Line.class,
                                "documents/archive-record.ftlx").inStates("ARCHIVED").withModel(AppealDocuments::values))
                .worklists(
                        WorklistDef.region("pending", "待处理", "Pending", "DRAFT").forRoles(DISPATCHER, LEADER)
                                .showing("appellantName", "appellantPhone", "appealTime", "category", "urgent"),
                        WorklistDef.region("awaiting_feedback", "待反馈", "Awaiting feedback", "DISPATCHED")
                                .withAnyAssignmentIn("PENDING_SIGN", "HANDLING", "DISPUTED").sortedBy("deadline")
                                .forRoles(DISPATCHER, LEADER).remindedAtLogin(),
                        WorklistDef.region("awaiting_callback", "待回访", "Awaiting unit callback", "DISPATCHED")
                                .withNoAssignmentIn("PENDING_SIGN", "HANDLING", "DISPUTED").sortedBy("updatedAt")
                                .forRoles(DISPATCHER, LEADER).remindedAtLogin(),
                        WorklistDef.region("awaiting_archive", "待归档", "Awaiting archive", "AWAITING_ARCHIVE")
                                .sortedBy("updatedAt").forRoles(DISPATCHER, LEADER).remindedAtLogin()
                                .showing("unreachableCount"),
                        WorklistDef.region("archived", "已归档", "Archived", "ARCHIVED").sortedBy("-updatedAt")
                                .forRoles(DISPATCHER, LEADER).showing("finalCallbackResult", "archivedAt"),
                        WorklistDef.region("disputes", "争议处理", "Disputes", "DISPATCHED").withAnyAssignmentIn("DISPUTED")
                                .sortedBy("updatedAt").forRoles(DISPATCHER),
                        WorklistDef.unit("to_process", "待处理", "To process", "PENDING_SIGN", "HANDLING", "DISPUTED")
                                .sortedBy("deadline").forRoles(HANDLER).remindedAtLogin()
                                .showing("appealTime", "address", "urgent"),
                        WorklistDef.unit("to_call_back", "待回访", "To call back", "PENDING_CALLBACK")
                                .sortedBy("updatedAt").forRoles(HANDLER).remindedAtLogin(),
                        WorklistDef.unit("unit_awaiting_archive", "待归档", "Awaiting archive", "DONE")
                                .withItemStates("DISPATCHED", "AWAITING_ARCHIVE").forRoles(HANDLER).remindedAtLogin(),
                        WorklistDef.unit("unit_archived", "已归档", "Archived", "DONE").withItemStates("ARCHIVED")
                                .sortedBy("-updatedAt").forRoles(HANDLER),
                        WorklistDef.unit("withdrawn", "已撤回", "Withdrawn", "CANCELLED").sortedBy("-updatedAt")
                                .forRoles(HANDLER))
                .build();
    }
}
