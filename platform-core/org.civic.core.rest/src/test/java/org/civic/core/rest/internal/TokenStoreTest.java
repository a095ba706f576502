package org.civic.core.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.util.Set;

import org.civic.core.api.org.Caller;
import org.civic.core.rest.ApiSessions;
import org.junit.Test;

/** Sessions carry their audit channel; a password change ends every session of the user but the current one. */
public class TokenStoreTest {

    private final Caller baiyun = new Caller(7, "baiyun", "白云", 3, "张掖路街道办事处", "620102001", Set.of("unit_handler"));
    private final Caller tianjing = new Caller(8, "tianjing", "田静", 2, "城关区110联动办", "620102", Set.of());

    @Test
    public void eachSessionKeepsItsChannel() {
        TokenStore tokens = new TokenStore();
        long now = System.currentTimeMillis();
        String login = tokens.issue(baiyun, now);
        String console = tokens.issue(baiyun, now, "WEB");
        ApiSessions.Session wechat = tokens.open(baiyun, "WECHAT");
        assertEquals(TokenStore.IDLE_MILLIS / 1000, wechat.idleTimeoutSeconds());
        assertEquals("REST", tokens.session(login, now).channel());
        assertEquals("WEB", tokens.session(console, now).channel());
        assertEquals("WECHAT", tokens.session(wechat.token(), now).channel());
        assertEquals(baiyun, tokens.session(wechat.token(), now).caller());
        // idle for more than 30 minutes: gone
        assertNull(tokens.session(login, now + TokenStore.IDLE_MILLIS + 1));
    }

    @Test
    public void revokingAUserExceptOneSessionKeepsThatOneAndOtherUsers() {
        TokenStore tokens = new TokenStore();
        long now = System.currentTimeMillis();
        String current = tokens.issue(baiyun, now, "WEB");
        String other = tokens.issue(baiyun, now);
        String wechat = tokens.open(baiyun, "WECHAT").token();
        String someoneElse = tokens.issue(tianjing, now);
        tokens.revokeUserExcept("baiyun", current);
        assertNotNull(tokens.use(current, now));
        assertNull(tokens.use(other, now));
        assertNull(tokens.use(wechat, now));
        assertNotNull(tokens.use(someoneElse, now));
        tokens.revokeUser("baiyun");
        assertNull(tokens.use(current, now));
    }
}
