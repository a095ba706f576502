package org.civic.plugins.linkage110;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.civic.core.api.org.Caller;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.UnitInput;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The WeChat push messages and the duty-phone SMS of spec §10 on the real kernel, against a real HTTP peer on
 * loopback standing in for the enterprise account's backend and the SMS gateway: who is told what, that a burst
 * sends the latest state once, and that nothing is lost while the partner is down or the platform restarts.
 */
public class PushMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Linkage110Fixture f;
    private HttpServer partner;
    private final List<JsonNode> pushed = new CopyOnWriteArrayList<>();
    private final List<JsonNode> texted = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @Before
    public void setUp() throws IOException {
        f = new Linkage110Fixture();
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : List.of("/push", "/sms")) {
            partner.createContext(path, exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = answer.get();
                if (status == 200) {
                    JsonNode json = JSON.readTree(new String(body, StandardCharsets.UTF_8));
                    (path.equals("/push") ? pushed : texted).add(json);
                    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
        }
        partner.start();
        base = "http://127.0.0.1:" + partner.getAddress().getPort();
        bind(f.baiyun, "wx-baiyun");
        bind(f.baixue, "wx-baixue");
        bind(f.kongming, "wx-kongming");
    }

    @After
    public void tearDown() throws Exception {
        partner.stop(0);
        f.close();
    }

    private void bind(Caller handler, String wechatUserId) {
        f.remembered.remember(handler, WeChatLogins.CHANNEL, wechatUserId, WeChatLogins.REMEMBERED_FOR);
    }

    /** The line's configuration: these values, the metatype defaults for the rest. */
    static Linkage110Config config(Map<String, Object> values) {
        return (Linkage110Config) java.lang.reflect.Proxy.newProxyInstance(Linkage110Config.class.getClassLoader(),
                new Class<?>[] {Linkage110Config.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if ("annotationType".equals(method.getName())) {
                        return Linkage110Config.class;
                    }
                    return method.getDefaultValue();
                });
    }

    private Linkage110Config pushOnly() {
        return config(Map.of("push_url", base + "/push", "push_username", "civic", "push_password", "s3cret"));
    }

    private Linkage110Config pushAndSms() {
        return config(Map.of("push_url", base + "/push", "sms_url", base + "/sms"));
    }

    private PushOutbox outbox(Linkage110Config config) {
        return PushRoutes.outbox(f.kernel, f.remembered, config);
    }

    /** What the route does for each owed message: POST it, and record it accepted when the partner took it. */
    private int deliverAll(PushOutbox outbox, Linkage110Config config) {
        int failures = 0;
        for (PushOutbox.Notice n : outbox.due()) {
            try {
                PushRoutes.deliver(http, config, n);
                outbox.accepted(n);
            } catch (IOException | InterruptedException e) {
                failures++;
            }
        }
        return failures;
    }

    private List<JsonNode> pushedTo(Unit unit) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : pushed) {
            if (n.path("unitId").asLong() == unit.id()) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<String> ids(JsonNode users) {
        List<String> out = new ArrayList<>();
        users.forEach(u -> out.add(u.asText()));
        return out;
    }

    /** An appeal dispatched to 张掖路 on Mon 2026-03-02 10:00 and signed by 白云 at once. */
    private long signedByZhangyeRoad() {
        long id = f.draft().id();
        f.at("2026-03-02 10:00");
        f.act(f.tianjing, id, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        f.act(f.baiyun, id, "sign");
        return id;
    }

    @Test
    public void aDispatchTellsTheUnitsHandlersBoundToWeChat() {
        Linkage110Config config = pushOnly();
        PushOutbox outbox = outbox(config);
        long id = f.draft().id();
        assertTrue("a draft tells nobody", outbox.due().isEmpty());
        f.act(f.tianjing, id, "dispatch", "handlingUnitIds", List.of(f.zyl.id(), f.gll.id()));
        assertEquals(0, deliverAll(outbox, config));
        // 皋兰路's handler has no WeChat binding: nothing to send there
        assertEquals(1, pushed.size());
        JsonNode m = pushed.get(0);
        assertEquals("linkage110.push", m.path("type").asText());
        assertEquals(id, m.path("appealId").asLong());
        assertEquals(f.get(id).fields().get("districtNo"), m.path("districtNo").asText());
        assertEquals(f.zyl.id(), m.path("unitId").asLong());
        assertEquals("dispatch", m.path("event").asText());
        assertEquals(List.of("wx-baixue", "wx-baiyun"), ids(m.path("wechatUserIds")));
        assertEquals("您有新的110联动事件待签收：" + f.get(id).fields().get("districtNo") + " 小区门口餐馆油烟扰民",
                m.path("text").asText());
        assertEquals(1, m.path("seq").asLong());
        assertTrue(authorizations.get(0).startsWith("Basic "));
        assertTrue(outbox.due().isEmpty());
        // binding later does not bring the old message back
        bind(f.gaofeng, "wx-gaofeng");
        assertTrue(outbox(config).due().isEmpty());
        // a handler whose remembered login ended is not addressed
        f.remembered.forget(WeChatLogins.CHANNEL, "wx-baixue");
        long urgent = f.draft().id();
        f.act(f.tianjing, urgent, "dispatch", "handlingUnitIds", List.of(f.zyl.id()), "urgent", true);
        assertEquals(0, deliverAll(outbox, config));
        JsonNode second = pushed.get(1);
        assertEquals(List.of("wx-baiyun"), ids(second.path("wechatUserIds")));
        assertTrue(second.path("text").asText().startsWith("【紧急】您有新的110联动事件待签收："));
        assertTrue("no SMS while sms.url is empty", texted.isEmpty());
        // remembered logins idle longer than 30 days have ended: nobody left to tell
        f.clock.now = f.clock.now.plus(WeChatLogins.REMEMBERED_FOR).plusSeconds(1);
        long later = f.draft("appealTime", "2026-04-01T09:00:00+08:00").id();
        f.act(f.tianjing, later, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        assertTrue(outbox.due().isEmpty());
        assertEquals(2, pushed.size());
    }

    @Test
    public void disputeExtensionAndSendBackDecisionsAreTold() {
        Linkage110Config config = pushOnly();
        PushOutbox outbox = outbox(config);
        long id = f.draft().id();
        f.act(f.tianjing, id, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        f.act(f.baiyun, id, "sign");
        f.act(f.baiyun, id, "dispute", "description", "该油烟问题属市场监管职责");
        f.act(f.tianjing, id, "reject_dispute", "unitId", f.zyl.id(), "opinion", "属街道属地管理职责");
        // a burst: the latest state once, with the latest sequence
        assertEquals(0, deliverAll(outbox, config));
        assertEquals(1, pushed.size());
        assertEquals("dispute_rejected", pushed.get(0).path("event").asText());
        assertEquals(2, pushed.get(0).path("seq").asLong());
        assertTrue(pushed.get(0).path("text").asText().startsWith("您单位提出的争议不成立，请继续办理："));

        f.act(f.baiyun, id, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason", "需协调市场监管部门联合检查");
        assertTrue("a request is the unit's own doing", outbox.due().isEmpty());
        f.act(f.tianjing, id, "approve_extension", "unitId", f.zyl.id());
        assertEquals(0, deliverAll(outbox, config));
        assertEquals("extension_approved", pushed.get(1).path("event").asText());
        assertEquals(3, pushed.get(1).path("seq").asLong());

        f.act(f.baiyun, id, "feedback", "content", "已约谈餐馆经营者，责令整改");
        f.act(f.tianjing, id, "supervise", "unitIds", List.of(f.zyl.id()), "opinion", "反馈内容与现场不符，请重新核查",
                "handlingDeadline", "2026-03-12T17:00:00+08:00");
        assertEquals(0, deliverAll(outbox, config));
        assertEquals(3, pushed.size());
        assertEquals("supervise", pushed.get(2).path("event").asText());
        assertTrue(pushed.get(2).path("text").asText().startsWith("110联动事件已督办发回，请重新办理："));

        // an accepted dispute: the disputing unit hears it, the new unit gets a dispatch
        long other = f.draft().id();
        f.act(f.tianjing, other, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        f.act(f.baiyun, other, "sign");
        f.act(f.baiyun, other, "dispute", "description", "该油烟问题属市场监管职责");
        f.act(f.tianjing, other, "accept_dispute", "unitId", f.zyl.id(), "newUnitIds", List.of(f.sj.id()));
        pushed.clear();
        assertEquals(0, deliverAll(outbox, config));
        assertEquals("dispute_accepted", pushedTo(f.zyl).get(0).path("event").asText());
        assertEquals(1, pushedTo(f.zyl).size());
        assertEquals("dispatch", pushedTo(f.sj).get(0).path("event").asText());
        assertEquals(List.of("wx-kongming"), ids(pushedTo(f.sj).get(0).path("wechatUserIds")));
    }

    @Test
    public void anOverdueDepartmentCallbackIsToldToTheUnitOnce() {
        Linkage110Config config = pushOnly();
        PushOutbox outbox = outbox(config);
        long id = signedByZhangyeRoad();
        f.at("2026-03-02 15:00");
        f.act(f.baiyun, id, "feedback", "content", "已约谈餐馆经营者，责令整改");
        assertEquals(0, deliverAll(outbox, config));
        pushed.clear();
        f.at("2026-03-03 14:59");
        f.kernel.raiseDueCards();
        assertTrue("not overdue yet", outbox.due().isEmpty());
        f.at("2026-03-03 15:01");
        f.kernel.raiseDueCards();
        assertEquals(0, deliverAll(outbox, config));
        assertEquals(1, pushed.size());
        assertEquals("callback_overdue", pushed.get(0).path("event").asText());
        assertEquals(f.zyl.id(), pushed.get(0).path("unitId").asLong());
        assertTrue(pushed.get(0).path("text").asText().startsWith("您单位反馈的110联动事件已超过回访时限"));
        f.at("2026-03-05 10:00");
        f.kernel.raiseDueCards();
        assertTrue("told once", outbox.due().isEmpty());
    }

    @Test
    public void eachCardOfATaskIsToldToTheCardedUnit() {
        Linkage110Config config = pushOnly();
        PushOutbox outbox = outbox(config);
        long id = f.draft().id();
        f.at("2026-03-02 10:00");
        f.act(f.tianjing, id, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        assertEquals(0, deliverAll(outbox, config));
        pushed.clear();
        f.at("2026-03-02 12:05");                               // sign-in limit passed at 12:00 (scenario 26)
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(0, deliverAll(outbox, config));
        assertEquals(1, pushed.size());
        assertEquals("sign_yellow_card", pushed.get(0).path("event").asText());
        assertEquals(f.zyl.id(), pushed.get(0).path("unitId").asLong());
        assertTrue(pushed.get(0).path("text").asText().startsWith("您单位的110联动事件超时未签收，已亮黄牌"));
        f.act(f.baiyun, id, "sign");
        f.at("2026-03-05 17:01");                               // handling limit Thu 17:00 (scenario 27)
        assertEquals(1, f.kernel.raiseDueCards());
        f.at("2026-03-10 17:01");                               // red card 3 working days later
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(0, deliverAll(outbox, config));
        // both cards raised before the outbox ran: the latest one is told, with its sequence
        assertEquals(2, pushed.size());
        assertEquals("handling_red_card", pushed.get(1).path("event").asText());
        assertEquals(4, pushed.get(1).path("seq").asLong());
        var trail = f.get(id).auditTrail().stream().map(e -> e.action()).toList();
        assertEquals(List.of("red_card", "card_notice"), trail.subList(trail.size() - 2, trail.size()));
        assertEquals("no card no notice", 0, f.kernel.raiseDueCards());
        assertTrue(outbox.due().isEmpty());
    }

    @Test
    public void aHandlingYellowCardIsToldOnItsOwn() {
        Linkage110Config config = pushOnly();
        PushOutbox outbox = outbox(config);
        long id = signedByZhangyeRoad();
        assertEquals(0, deliverAll(outbox, config));
        pushed.clear();
        f.at("2026-03-05 17:00");
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(0, deliverAll(outbox, config));
        assertEquals(1, pushed.size());
        assertEquals("handling_yellow_card", pushed.get(0).path("event").asText());
        assertTrue(pushed.get(0).path("text").asText().startsWith("您单位的110联动事件已超过办理期限，已亮黄牌"));
    }

    @Test
    public void nothingIsLostWhileThePartnerIsDownOrThePlatformRestarts() {
        Linkage110Config config = pushOnly();
        PushOutbox outbox = outbox(config);
        long id = f.draft().id();
        f.act(f.tianjing, id, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        answer.set(503);
        assertEquals(1, deliverAll(outbox, config));
        f.at("2026-03-02 10:30");
        assertEquals("still owed at the next scan", 1, deliverAll(outbox, config));
        assertTrue(pushed.isEmpty());
        f.act(f.baiyun, id, "sign");
        f.act(f.baiyun, id, "dispute", "description", "该油烟问题属市场监管职责");
        f.act(f.tianjing, id, "reject_dispute", "unitId", f.zyl.id(), "opinion", "属街道属地管理职责");
        // a restart: a new outbox reads what is owed from the database
        PushOutbox restarted = outbox(config);
        answer.set(200);
        assertEquals(0, deliverAll(restarted, config));
        assertEquals(1, pushed.size());
        assertEquals("dispute_rejected", pushed.get(0).path("event").asText());
        assertTrue(restarted.due().isEmpty());
        assertTrue(outbox(config).due().isEmpty());
    }

    @Test
    public void anAppealNoLongerBeingHandledOwesNothing() {
        Linkage110Config config = pushOnly();
        f.awaitingArchive();   // dispatched, signed, fed back and called back while the push was off
        assertTrue("turning the push on later does not replay the history", outbox(config).due().isEmpty());
    }

    @Test
    public void aPartnerThatRefusesIsAFailure() throws Exception {
        Linkage110Config config = pushOnly();
        long id = f.draft().id();
        f.act(f.tianjing, id, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        answer.set(401);
        PushOutbox outbox = outbox(config);
        PushOutbox.Notice n = outbox.due().get(0);
        assertEquals(id, n.appealId());
        try {
            PushRoutes.deliver(http, config, n);
            fail("a 401 must not count as delivered");
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("401"));
        }
        assertEquals("still owed", 1, outbox.due().size());
    }

    @Test
    public void anUrgentDispatchTextsTheDutyPhoneWhenTheGatewayIsOn() throws Exception {
        Caller root = new Caller(1, "root", "root", 0, "", "", Set.of(Caller.GLOBAL_ADMIN));
        Unit zyl = f.org.updateUnit(root, f.zyl.id(), new UnitInput(f.zyl.name(), null, f.zyl.unitType(),
                f.zyl.regionCode(), null, List.of(Linkage110Line.MEMBER_TAG, "dutyPhone:13900001111"), null, null, null));
        assertTrue(zyl.tags().contains("dutyPhone:13900001111"));
        Map<String, Object> values = new HashMap<>(Map.of("push_url", base + "/push"));
        Linkage110Config pushOnly = config(values);
        Linkage110Config both = pushAndSms();

        long normal = f.draft().id();
        f.act(f.tianjing, normal, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        long urgent = f.draft().id();
        f.act(f.tianjing, urgent, "dispatch", "handlingUnitIds", List.of(f.zyl.id(), f.gll.id()), "urgent", true);
        assertTrue("off by default", outbox(pushOnly).due().stream().noneMatch(n -> PushOutbox.SMS.equals(n.kind())));

        PushOutbox outbox = outbox(both);
        answer.set(502);
        assertEquals(3, deliverAll(outbox, both));   // two push messages and the SMS
        answer.set(200);
        assertEquals(0, deliverAll(outbox(both), both));
        // one SMS: the urgent appeal, the unit with a duty phone (皋兰路 has none)
        assertEquals(1, texted.size());
        JsonNode sms = texted.get(0);
        assertEquals("13900001111", sms.path("phone").asText());
        assertEquals(urgent, sms.path("appealId").asLong());
        assertEquals(f.zyl.id(), sms.path("unitId").asLong());
        assertEquals(1, sms.path("seq").asLong());
        assertTrue(sms.path("text").asText().startsWith("【110联动】紧急事件已派发至您单位"));
        assertEquals(2, pushed.size());
        assertTrue(outbox(both).due().isEmpty());
    }
}
