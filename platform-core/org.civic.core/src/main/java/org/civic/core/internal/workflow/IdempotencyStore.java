package org.civic.core.internal.workflow;

import java.util.function.Supplier;

import javax.persistence.EntityManagerFactory;

import org.civic.core.api.CivicException;
import org.civic.core.api.Idempotency;
import org.civic.core.api.PlatformClock;
import org.civic.core.internal.persistence.IdempotencyEntity;
import org.civic.core.internal.persistence.Tx;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Stores first answers of keyed requests in the database (so replays survive a restart). Repeats of
 * one key are serialised in this JVM by a striped lock, so two concurrent repeats run the work once.
 */
@Component(service = Idempotency.class)
public class IdempotencyStore implements Idempotency {

    private static final int MAX_KEY = 100;

    private final Tx tx;
    private final PlatformClock clock;
    private final Object[] stripes = new Object[64];

    @Activate
    public IdempotencyStore(@Reference(target = "(osgi.unit.name=civic)") EntityManagerFactory emf,
            @Reference PlatformClock clock) {
        this.tx = new Tx(emf);
        this.clock = clock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public Answer once(long userId, String key, String fingerprint, Supplier<Answer> work) {
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw CivicException.invalidValue("Idempotency-Key", "The Idempotency-Key must have 1 to " + MAX_KEY + " characters");
        }
        String id = userId + ":" + key;
        synchronized (stripes[Math.floorMod(id.hashCode(), stripes.length)]) {
            IdempotencyEntity seen = tx.read(em -> em.find(IdempotencyEntity.class, id));
            if (seen != null) {
                if (!seen.getRequestHash().equals(fingerprint)) {
                    throw new CivicException(409, "IDEMPOTENCY_KEY_REUSED",
                            "This Idempotency-Key was used for a different request");
                }
                return new Answer(seen.getStatus(), seen.getBody());
            }
            Answer answer = work.get();
            tx.run(em -> {
                IdempotencyEntity e = new IdempotencyEntity();
                e.setRequestKey(id);
                e.setRequestHash(fingerprint);
                e.setStatus(answer.status());
                e.setBody(answer.body());
                e.setAt(clock.now().toEpochMilli());
                em.persist(e);
                return null;
            });
            return answer;
        }
    }
}
