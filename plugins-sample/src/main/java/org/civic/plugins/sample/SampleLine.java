package org.civic.plugins.sample;

import static org.civic.core.api.workflow.ClockDef.DeadlineRule.minutes;
import static org.civic.core.api.workflow.ClockDef.DeadlineRule.officeMinutes;
import static org.civic.core.api.workflow.ClockDef.DeadlineRule.workingDaysOfficeEnd;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.civic.core.api.spi.PlatformExtension;
import org.civic.core.api.spi.RoleDefinition;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ActionDef.ScopeRule;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.DocumentDef;
import org.civic.core.api.workflow.Effect;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.FieldDef.FieldType;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.LineRegistry;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.api.workflow.WorklistDef;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The sample line (示例任务), declared in this one class: a district dispatcher creates a task and
 * dispatches it to one or more units; each unit signs (2 office hours, urgent 30 minutes), handles it
 * (3 working days, or the dispatcher's deadline) with dispute, extension and feedback; the dispatcher
 * reviews, closes or sends a unit's part back. Clocks, cards, worklists, queries, statistics,
 * exports and the audit trail come from the kernel.
 */
@Component(service = PlatformExtension.class, immediate = true)
public class SampleLine implements PlatformExtension {

    public static final String LINE = "sample";
    static final String DISPATCHER = "sample_dispatcher";
    static final String HANDLER = "sample_handler";

    private final AutoCloseable registration;

    @Activate
    public SampleLine(@Reference LineRegistry lines) {
        registration = lines.register(definition());
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
        return List.of(new RoleDefinition(DISPATCHER, "示例派单员", "Sample dispatcher"),
                new RoleDefinition(HANDLER, "示例承办人", "Sample handler"));
    }

    public static LineDefinition definition() {
        FieldDef unitId = FieldDef.of("unitId", "承办单位", "Handling unit", FieldType.UNIT).mandatory();
        FieldDef handlingDeadline = FieldDef.of("handlingDeadline", "办理期限", "Handling deadline", FieldType.DATETIME)
                .inFuture();
        return LineDefinition.builder(LINE, "示例任务", "Sample task").numberPrefix("SP")
                .states(StateDef.of("DRAFT", "待派发", "Draft"),
                        StateDef.of("DISPATCHED", "办理中", "Dispatched"),
                        StateDef.of("AWAITING_REVIEW", "待审核", "Awaiting review"),
                        StateDef.terminal("CLOSED", "已办结", "Closed"),
                        StateDef.terminal("CANCELLED", "已撤销", "Cancelled"))
                .assignmentStates(StateDef.of("PENDING_SIGN", "待签收", "Pending sign"),
                        StateDef.of("HANDLING", "办理中", "Handling"),
                        StateDef.of("DISPUTED", "争议中", "Disputed"),
                        StateDef.of("DONE", "已反馈", "Fed back"))
                .createdBy(DISPATCHER)
                .regionViewRoles(DISPATCHER)
                .createFields(
                        FieldDef.of("title", "标题", "Title", FieldType.STRING).mandatory().withLength(2, 100),
                        FieldDef.of("content", "内容", "Content", FieldType.TEXT).withLength(1, 2000),
                        FieldDef.of("phone", "联系电话", "Phone", FieldType.STRING).withPattern("^1[3-9]\\d{9}$"),
                        FieldDef.of("category", "类别", "Category", FieldType.ENUM)
                                .withValues("ENVIRONMENT", "TRAFFIC", "MARKET", "OTHER"),
                        FieldDef.of("urgent", "紧急", "Urgent", FieldType.BOOLEAN),
                        FieldDef.of("occurredAt", "发生时间", "Occurred at", FieldType.DATETIME).notInFuture())
                .clocks(ClockDef.of("sign", "签收时限", "Sign-in limit", officeMinutes(120)).forEachAssignment()
                                .whenUrgent("urgent", minutes(30)).withYellowCard(),
                        ClockDef.of("handling", "办理时限", "Handling limit", workingDaysOfficeEnd(3)).forEachAssignment()
                                .whenUrgent("urgent", minutes(24 * 60)).deadlineFrom("handlingDeadline").redCardAfter(3))
                .actions(
                        ActionDef.of("edit_draft", "修改", "Edit").allowedFrom("DRAFT").allowedTo(DISPATCHER)
                                .withScope(ScopeRule.CREATOR_UNIT)
                                .withInput(FieldDef.of("title", "标题", "Title", FieldType.STRING).withLength(2, 100),
                                        FieldDef.of("content", "内容", "Content", FieldType.TEXT).withLength(1, 2000))
                                .withEffects(Effect.setFields("title", "content")),
                        ActionDef.of("cancel", "撤销", "Cancel").allowedFrom("DRAFT").leadsTo("CANCELLED")
                                .allowedTo(DISPATCHER).withScope(ScopeRule.CREATOR_UNIT).withInput(FieldDef.opinion()),
                        ActionDef.of("dispatch", "派发", "Dispatch").allowedFrom("DRAFT").leadsTo("DISPATCHED")
                                .allowedTo(DISPATCHER)
                                .withInput(FieldDef.of("handlingUnitIds", "承办单位", "Handling units", FieldType.UNIT_LIST)
                                        .mandatory().withRange(1, 10), handlingDeadline)
                                .withEffects(Effect.dispatch("handlingUnitIds", "LEAD", "PENDING_SIGN"),
                                        Effect.startClock("sign"), Effect.startClock("handling")),
                        ActionDef.of("sign", "签收", "Sign").allowedFrom("DISPATCHED").onAssignmentIn("PENDING_SIGN")
                                .assignmentTo("HANDLING").allowedTo(HANDLER).withScope(ScopeRule.HOLDER_UNIT)
                                .withEffects(Effect.stopClock("sign")),
                        ActionDef.of("dispute", "争议", "Dispute").allowedFrom("DISPATCHED").onAssignmentIn("HANDLING")
                                .assignmentTo("DISPUTED").allowedTo(HANDLER).withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.of("description", "争议描述", "Description", FieldType.TEXT).mandatory()
                                        .withLength(2, 500))
                                .withEffects(Effect.pauseClock("handling")),
                        ActionDef.of("reject_dispute", "争议不成立", "Reject dispute").allowedFrom("DISPATCHED")
                                .onAssignmentIn("DISPUTED").selectingAssignmentBy("unitId").assignmentTo("HANDLING")
                                .allowedTo(DISPATCHER).withInput(unitId, FieldDef.opinion())
                                .withEffects(Effect.resumeClock("handling")),
                        ActionDef.of("request_extension", "申请延期", "Request extension").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").allowedTo(HANDLER).withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.of("newDeadline", "新的办理期限", "New deadline", FieldType.DATETIME)
                                        .mandatory().inFuture(),
                                        FieldDef.of("reason", "申请原因", "Reason", FieldType.TEXT).mandatory().withLength(2, 500))
                                .withEffects(Effect.requestExtension("handling", "newDeadline")),
                        ActionDef.of("approve_extension", "同意延期", "Approve extension").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").selectingAssignmentBy("unitId").allowedTo(DISPATCHER)
                                .withInput(unitId).withEffects(Effect.grantExtension("handling")),
                        ActionDef.of("reject_extension", "不同意延期", "Reject extension").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").selectingAssignmentBy("unitId").allowedTo(DISPATCHER)
                                .withInput(unitId, FieldDef.opinion()).withEffects(Effect.denyExtension("handling")),
                        ActionDef.of("feedback", "反馈", "Feed back").allowedFrom("DISPATCHED").onAssignmentIn("HANDLING")
                                .assignmentTo("DONE").mayLeadTo("AWAITING_REVIEW").allowedTo(HANDLER)
                                .withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.of("content", "处理结果", "Result", FieldType.TEXT).mandatory()
                                        .withLength(2, 2000),
                                        FieldDef.of("attachments", "附件", "Attachments", FieldType.ATTACHMENTS).withRange(0, 9))
                                .withEffects(Effect.stopClock("handling"),
                                        Effect.whenAllAssignments(Set.of("DONE"), Set.of(), "AWAITING_REVIEW")),
                        ActionDef.of("urge", "督办", "Urge").allowedFrom("DISPATCHED").allowedTo(DISPATCHER)
                                .withInput(FieldDef.opinion()),
                        ActionDef.of("send_back", "退回重办", "Send back").allowedFrom("AWAITING_REVIEW")
                                .onAssignmentIn("DONE").selectingAssignmentBy("unitId").assignmentTo("HANDLING")
                                .leadsTo("DISPATCHED").allowedTo(DISPATCHER)
                                .withInput(unitId, FieldDef.opinion(), FieldDef.of("handlingDeadline", "办理期限",
                                        "Handling deadline", FieldType.DATETIME).mandatory().inFuture())
                                .withEffects(Effect.startClock("handling")),
                        ActionDef.of("approve", "审核通过", "Approve").allowedFrom("AWAITING_REVIEW").leadsTo("CLOSED")
                                .allowedTo(DISPATCHER)
                                .withInput(FieldDef.of("opinion", "意见", "Opinion", FieldType.TEXT).withLength(1, 1000)))
                .documents(DocumentDef.of("handling_sheet", "办理单", "Handling sheet", SampleLine.class,
                        "documents/handling-sheet.ftlx").inStates("DISPATCHED", "AWAITING_REVIEW", "CLOSED"))
                .worklists(WorklistDef.region("drafts", "待派发", "Drafts", "DRAFT").forRoles(DISPATCHER),
                        WorklistDef.region("in_progress", "办理中", "In progress", "DISPATCHED").sortedBy("deadline")
                                .forRoles(DISPATCHER),
                        WorklistDef.region("to_review", "待审核", "To review", "AWAITING_REVIEW").forRoles(DISPATCHER),
                        WorklistDef.region("closed", "已办结", "Closed", "CLOSED").sortedBy("-updatedAt")
                                .forRoles(DISPATCHER),
                        WorklistDef.unit("to_sign", "待签收", "To sign", "PENDING_SIGN").sortedBy("deadline")
                                .forRoles(HANDLER),
                        WorklistDef.unit("handling", "办理中", "Handling", "HANDLING", "DISPUTED").sortedBy("deadline")
                                .forRoles(HANDLER),
                        WorklistDef.unit("fed_back", "已反馈", "Fed back", "DONE").sortedBy("-updatedAt")
                                .forRoles(HANDLER))
                .build();
    }
}
