package org.civic.plugins.supervision;

import static org.civic.core.api.workflow.ClockDef.DeadlineRule.calendarDays;

import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.DocumentDef;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.FieldDef.FieldType;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.api.workflow.WorklistDef;

/**
 * The supervision line (重点工作督办, spec/supervision.md) declared for the kernel. One work item per
 * supervision item; its registration, lead-feedback and co-feedback flows live in the item's fields
 * (docs/supervision.md explains why) and are moved by {@link SupervisionRules}. Kernel assignments
 * only say which departments may see the item (lead unit, co-units, co-handlers' units) and carry the
 * deadline clock whose cards go against the lead unit.
 */
public final class Supervision {

    public static final String LINE = "supervision";

    public static final String CLERK = "supervision_clerk";
    public static final String HEAD = "dept_head";
    public static final String DEPUTY = "deputy_head";
    public static final String HANDLER = "specific_handler";
    public static final String LEADER = "leader";
    public static final String ADMIN = "supervision_admin";
    /** The line's own time-driven actions; granted to no user. */
    public static final String SYSTEM = Caller.SYSTEM;

    // Item states
    public static final String DRAFT = "DRAFT";
    public static final String IN_REGISTRATION = "IN_REGISTRATION";
    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";
    public static final String DELETED = "DELETED";

    // Flow kinds and node states
    public static final String REGISTRATION = "REGISTRATION";
    public static final String LEAD_FEEDBACK = "LEAD_FEEDBACK";
    public static final String CO_FEEDBACK = "CO_FEEDBACK";
    public static final String AT_HEAD = "AT_HEAD";
    public static final String AT_DEPUTY = "AT_DEPUTY";
    public static final String AT_HANDLER = "AT_HANDLER";
    public static final String PENDING_DEPUTY_APPROVAL = "PENDING_DEPUTY_APPROVAL";
    public static final String PENDING_HEAD_APPROVAL = "PENDING_HEAD_APPROVAL";
    public static final String AT_INITIATOR = "AT_INITIATOR";
    public static final String AT_CO_HANDLER = "AT_CO_HANDLER";
    public static final String ENDED = "ENDED";
    public static final String CANCELLED = "CANCELLED";

    // Outcomes and result status
    public static final String APPLY_COMPLETION = "APPLY_COMPLETION";
    public static final String NOT_COMPLETED = "NOT_COMPLETED";
    public static final String CO_HANDLING = "CO_HANDLING";
    public static final String COMPLETED = "COMPLETED";

    /** The deadline clock on the lead unit's assignment: yellow card when overdue, red 3 working days later. */
    public static final String DEADLINE_CLOCK = "deadline";

    static final String[] SOURCES = {"LEADER_INSTRUCTION", "MEETING_DECISION", "SUPERIOR_ASSIGNMENT", "KEY_WORK",
        "PROPOSAL", "OTHER"};
    static final String[] DEPARTMENT_ROLES = {HEAD, DEPUTY, HANDLER};

    private Supervision() {
    }

    /** The line's roles (spec §2); {@link #SYSTEM} is not among them: no user can be granted it. */
    public static java.util.List<org.civic.core.api.spi.RoleDefinition> roles() {
        return java.util.List.of(new org.civic.core.api.spi.RoleDefinition(CLERK, "督办人（督办科）", "Supervision clerk"),
                new org.civic.core.api.spi.RoleDefinition(HEAD, "部处负责人", "Department head"),
                new org.civic.core.api.spi.RoleDefinition(DEPUTY, "部处分管负责人", "Deputy head in charge"),
                new org.civic.core.api.spi.RoleDefinition(HANDLER, "具体负责人（具体办理人）", "Specific handler"),
                new org.civic.core.api.spi.RoleDefinition(LEADER, "领导层", "Leader"),
                new org.civic.core.api.spi.RoleDefinition(ADMIN, "督办管理员", "Supervision administrator"));
    }

    static FieldDef[] draftFields() {
        return new FieldDef[] {
            FieldDef.of("title", "督办事项", "Title", FieldType.STRING).withLength(2, 200),
            FieldDef.of("source", "督办来源", "Source", FieldType.ENUM).withValues(SOURCES),
            FieldDef.of("leadUnitId", "承办（主办）单位", "Lead unit", FieldType.UNIT),
            FieldDef.of("coUnitIds", "协办单位", "Co-handling units", FieldType.UNIT_LIST).withRange(0, 20),
            FieldDef.of("assignedDate", "交办时间", "Assigned date", FieldType.DATE),
            FieldDef.of("deadline", "办结时间", "Deadline", FieldType.DATE),
            FieldDef.of("content", "督办内容及要求", "Content and requirements", FieldType.TEXT).withLength(2, 4000),
            FieldDef.of("headUserId", "主办单位部处负责人", "Head of the lead unit", FieldType.USER),
            FieldDef.of("linkedItemId", "关联事项", "Linked work item", FieldType.ITEM)};
    }

    static FieldDef[] resultFields(boolean withNextUser) {
        FieldDef[] result = {
            FieldDef.of("flowId", "督办流程", "Flow", FieldType.INTEGER).withRange(1, null),
            FieldDef.of("outcome", "事务办理", "Handling result", FieldType.ENUM)
                    .withValues(APPLY_COMPLETION, NOT_COMPLETED, CO_HANDLING),
            FieldDef.of("implementationStatus", "落实情况", "Implementation status", FieldType.TEXT).withLength(2, 2000),
            FieldDef.of("notCompletedReason", "未办结原因", "Reason not completed", FieldType.TEXT).withLength(2, 1000),
            FieldDef.of("measures", "解决措施", "Measures", FieldType.TEXT).withLength(2, 1000),
            FieldDef.of("coHandlerUserIds", "协办单位办理人", "Co-handlers", FieldType.USER_LIST).withRange(1, 20),
            FieldDef.of("promisedDate", "承诺办结时间", "Promised completion date", FieldType.DATE),
            FieldDef.of("attachments", "附件", "Attachments", FieldType.ATTACHMENTS).withRange(0, 10),
            opinion(false)};
        if (!withNextUser) {
            return result;
        }
        FieldDef[] more = java.util.Arrays.copyOf(result, result.length + 1);
        more[result.length] = FieldDef.of("nextUserId", "选择向下办理人员", "Next person", FieldType.USER);
        return more;
    }

    static FieldDef flowId() {
        return FieldDef.of("flowId", "督办流程", "Flow", FieldType.INTEGER).withRange(1, null);
    }

    static FieldDef opinion(boolean required) {
        FieldDef f = FieldDef.of("opinion", "意见", "Opinion", FieldType.TEXT).withLength(1, 1000);
        return required ? f.mandatory() : f;
    }

    public static LineDefinition definition(SupervisionRules rules) {
        String[] open = {IN_REGISTRATION, OPEN};
        return LineDefinition.builder(LINE, "重点工作督办", "Supervision of key work").numberPrefix("DB")
                .states(StateDef.of(DRAFT, "草稿", "Draft"),
                        StateDef.of(IN_REGISTRATION, "登记办理中", "In registration"),
                        StateDef.of(OPEN, "督办中（未结束）", "Open"),
                        StateDef.of(CLOSED, "已结束", "Closed"),
                        StateDef.terminal(DELETED, "已删除", "Deleted draft"))
                .assignmentStates(StateDef.of("LEAD", "主办单位", "Lead unit"),
                        StateDef.of("CO_UNIT", "协办单位", "Co-handling unit"),
                        StateDef.of("CO_HANDLER", "协办单位办理人所在单位", "Co-handler's unit"),
                        StateDef.terminal("ENDED", "已结束", "Ended"))
                .createdBy(CLERK)
                .regionViewRoles(CLERK, LEADER, ADMIN)
                .createFields(draftFields())
                .onCreate(rules::register)
                .documents(DocumentDef.of("supervision_form", "重点工作督办表", "Key work supervision form", Supervision.class,
                        "documents/supervision-form.ftlx").inStates(DRAFT, IN_REGISTRATION, OPEN, CLOSED)
                        .withModel(rules::formValues))
                .clocks(ClockDef.of(DEADLINE_CLOCK, "办结时间", "Completion deadline", calendarDays(0)).forEachAssignment()
                        .redCardAfter(3))
                .actions(
                        ActionDef.of("edit_draft", "修改", "Edit draft").allowedFrom(DRAFT).allowedTo(CLERK)
                                .withInput(withAttachments(draftFields())).withHandler(rules::editDraft),
                        ActionDef.of("delete_draft", "删除", "Delete draft").allowedFrom(DRAFT).leadsTo(DELETED)
                                .allowedTo(CLERK),
                        ActionDef.of("send", "发送", "Send").allowedFrom(DRAFT).leadsTo(IN_REGISTRATION).allowedTo(CLERK)
                                .withInput(draftFields()).withHandler(rules::send),
                        node("self_handle", "自办", "Handle personally", rules::selfHandle, false),
                        node("delegate_down", "向下办理", "Hand down", rules::delegateDown, true),
                        node("submit_result", "填写事务办理结果并提交", "Submit result", rules::submitResult, false),
                        node("approve", "审批（同意）", "Approve", rules::approve, false),
                        node("send_back", "退回", "Send back", rules::sendBack, false),
                        node("resubmit", "重新提交", "Resubmit", rules::resubmit, false),
                        node("submit_co_feedback", "协办反馈（提交）", "Submit co-feedback", rules::submitCoFeedback, false),
                        ActionDef.of("start_lead_feedback", "主办反馈（主动反馈）", "Lead feedback").allowedFrom(OPEN)
                                .allowedTo(DEPARTMENT_ROLES).withInput(resultFields(false))
                                .withHandler(rules::startLeadFeedback),
                        ActionDef.of("start_co_feedback", "协办反馈（主动反馈）", "Co-feedback").allowedFrom(OPEN)
                                .allowedTo(DEPARTMENT_ROLES).withInput(resultFields(false))
                                .withHandler(rules::startCoFeedback),
                        ActionDef.of("close_item", "结束", "End").allowedFrom(OPEN).leadsTo(CLOSED).allowedTo(CLERK)
                                .withInput(opinion(false)).withHandler(rules::closeItem),
                        ActionDef.of("urge", "督办（催办）", "Urge").allowedFrom(open).allowedTo(CLERK)
                                .withInput(FieldDef.of("opinion", "督办意见", "Urging opinion", FieldType.TEXT).mandatory()
                                        .withLength(2, 500))
                                .withHandler(rules::urge),
                        ActionDef.of("change_deadline", "调整办结时间", "Change deadline").allowedFrom(open).allowedTo(CLERK)
                                .withInput(FieldDef.of("deadline", "办结时间", "Deadline", FieldType.DATE).mandatory(),
                                        opinion(true))
                                .withHandler(rules::changeDeadline),
                        ActionDef.of("admin_modify", "修改（督办管理员）", "Modify (administrator)")
                                .allowedFrom(IN_REGISTRATION, OPEN, CLOSED).allowedTo(ADMIN)
                                .withInput(FieldDef.of("headUserId", "主办单位部处负责人", "Head", FieldType.USER),
                                        FieldDef.of("deputyUserId", "主办单位部处分管负责人", "Deputy", FieldType.USER),
                                        FieldDef.of("handlerUserId", "主办单位具体负责人", "Handler", FieldType.USER),
                                        FieldDef.of("clearDeputy", "清除分管负责人", "Clear deputy", FieldType.BOOLEAN),
                                        FieldDef.of("clearHandler", "清除具体负责人", "Clear handler", FieldType.BOOLEAN),
                                        FieldDef.of("coHandlersAdd", "增加协办单位办理人", "Add co-handlers", FieldType.USER_LIST),
                                        FieldDef.of("coHandlersRemove", "移除协办单位办理人", "Remove co-handlers",
                                                FieldType.USER_LIST),
                                        FieldDef.of("resultStatus", "办理结果", "Result status", FieldType.ENUM)
                                                .withValues(NOT_COMPLETED, COMPLETED),
                                        opinion(true))
                                .withHandler(rules::adminModify),
                        ActionDef.of("mark_read", "已阅", "Mark read").allowedFrom(DRAFT, IN_REGISTRATION, OPEN, CLOSED)
                                .allowedTo(CLERK, HEAD, DEPUTY, HANDLER, LEADER, ADMIN)
                                .withInput(FieldDef.of("noticeId", "待阅", "Notice", FieldType.INTEGER).mandatory()
                                        .withRange(1, null))
                                .withHandler(rules::markRead),
                        ActionDef.of("monthly_urge", "每月督办", "Monthly urge").allowedFrom(OPEN).allowedTo(SYSTEM)
                                .withInput(FieldDef.of("month", "月份", "Month", FieldType.STRING).mandatory()
                                        .withPattern("\\d{4}-\\d{2}"))
                                .withHandler(rules::monthlyUrge),
                        ActionDef.of("due_soon_notice", "临期提醒", "Due-soon notice").allowedFrom(open).allowedTo(SYSTEM)
                                .withHandler(rules::dueSoon),
                        ActionDef.of("card_notice", "警示牌通知", "Card notice").allowedFrom(open).allowedTo(SYSTEM)
                                .withInput(FieldDef.of("colour", "警示牌", "Card", FieldType.ENUM).mandatory()
                                        .withValues("YELLOW", "RED"))
                                .withHandler(rules::cardNotice))
                .worklists(WorklistDef.region("drafts", "草稿", "Drafts", DRAFT).sortedBy("-createdAt").forRoles(CLERK),
                        WorklistDef.region("in_registration", "登记办理中", "In registration", IN_REGISTRATION)
                                .sortedBy("-createdAt").forRoles(CLERK),
                        WorklistDef.region("open", "督办中", "Open", OPEN).sortedBy("deadline").forRoles(CLERK),
                        WorklistDef.region("closed", "已结束", "Closed", CLOSED).sortedBy("-updatedAt").forRoles(CLERK))
                .build();
    }

    /**
     * A node action of a flow. Every department role may try it, so that a wrong person hears
     * NOT_ASSIGNEE (spec 5.4), not FORBIDDEN; the flow's assignee is checked by the rules.
     */
    private static ActionDef node(String id, String zh, String en, org.civic.core.api.workflow.ActionHandler h,
            boolean nextUser) {
        return ActionDef.of(id, zh, en).allowedFrom(IN_REGISTRATION, OPEN).mayLeadTo(OPEN).allowedTo(DEPARTMENT_ROLES)
                .withInput(resultFields(nextUser)).withHandler(h);
    }

    private static FieldDef[] withAttachments(FieldDef[] fields) {
        FieldDef[] more = java.util.Arrays.copyOf(fields, fields.length + 1);
        more[fields.length] = FieldDef.of("attachments", "附件", "Attachments", FieldType.ATTACHMENTS).withRange(0, 10);
        return more;
    }
}
