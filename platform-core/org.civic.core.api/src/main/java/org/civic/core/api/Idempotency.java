package org.civic.core.api;

import java.util.function.Supplier;

/**
 * Requests sent with an {@code Idempotency-Key} header: the first successful answer is stored and
 * replayed for every repeat by the same user with the same key, so the work is done once. A repeat
 * with the same key but a different request is refused (409 IDEMPOTENCY_KEY_REUSED). Refused
 * requests are not stored: they wrote nothing, so a repeat simply runs again.
 */
public interface Idempotency {

    /** A stored answer: HTTP status and JSON body. */
    record Answer(int status, String body) {
    }

    /**
     * @param fingerprint identifies the request (method, path, body); a repeat must match it
     */
    Answer once(long userId, String key, String fingerprint, Supplier<Answer> work);
}
