package org.civic.core.api.org;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Logins that a client remembers instead of the password, such as the 110 line's WeChat micro-platform
 * (linkage-110 A9): a random secret bound to a user and to the client's identity on a channel (the WeChat
 * user id the enterprise account's OAuth gives). Stored in the database, so restarts keep them; only a
 * SHA-256 of the secret is kept. A remembered login ends when it was not used for its idle time (on the
 * platform clock), when the identity logs in again, when it is forgotten, and when the user changes the
 * password.
 */
public interface RememberedLogins {

    /** A new remembered login: the secret to present later (shown once) and when it ends if unused. */
    record Remembered(String secret, Instant endsIfUnused) {
    }

    /** A resumed login: the user and when the login now ends if unused again (the idle time slides). */
    record Resumed(Caller caller, Instant endsIfUnused) {
    }

    /**
     * Binds {@code identity} on {@code channel} to the user and answers a fresh secret. An earlier remembered
     * login of the same identity, of this or another user, ends.
     */
    Remembered remember(Caller user, String channel, String identity, Duration idle);

    /**
     * The user of a live remembered login; its idle time restarts.
     *
     * @throws org.civic.core.api.CivicException 401 {@code LOGIN_REQUIRED} when the login is unknown, ended,
     *         idle too long, or its user is disabled or changed the password (the client asks for the
     *         password again); 401 {@code ACCOUNT_LOCKED} while the account is locked
     */
    Resumed resume(String channel, String identity, String secret);

    /** Ends the remembered login of an identity (the client cleared it); false when there was none. */
    boolean forget(String channel, String identity);

    /** A live remembered login: the client's identity on the channel and the user it logs in. */
    record Binding(String identity, Caller user) {
    }

    /**
     * The live remembered logins on {@code channel} of the enabled users of a unit, oldest first: whom a client
     * such as the WeChat enterprise account can reach (the 110 line's push messages). Reading them uses none:
     * their idle time does not restart.
     */
    List<Binding> boundIn(String channel, long unitId);
}
