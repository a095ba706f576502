package org.civic.core.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RememberedLogins;
import org.civic.core.api.org.UserStatus;
import org.civic.core.internal.persistence.AuditLog;
import org.civic.core.internal.persistence.RememberedLoginEntity;
import org.civic.core.internal.persistence.Tx;
import org.civic.core.internal.persistence.UserEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Remembered logins in {@code CIVIC_REMEMBERED_LOGIN} (docs/decisions.md 33). Idle time counts on the
 * platform clock, unlike the 30-minute API sessions: the days it spans are business time that tests and
 * demos move, and a clock set back (the specs' scenarios are dated March 2026) counts as no idle time.
 */
@Component(service = RememberedLogins.class)
public class RememberedLoginsImpl implements RememberedLogins {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tx tx;
    private final PlatformClock clock;

    @Activate
    public RememberedLoginsImpl(@Reference(target = "(osgi.unit.name=civic)") EntityManagerFactory emf,
            @Reference PlatformClock clock) {
        this.tx = new Tx(emf);
        this.clock = clock;
    }

    @Override
    public Remembered remember(Caller user, String channel, String identity, Duration idle) {
        String key = key(channel, identity);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.now().toEpochMilli();
        tx.run(em -> {
            RememberedLoginEntity e = em.find(RememberedLoginEntity.class, key);
            if (e == null) {
                e = new RememberedLoginEntity();
                e.setBindingKey(key);
                e.setChannel(channel);
                e.setIdentity(identity);
                em.persist(e);
            }
            e.setUserId(user.userId());
            e.setLoginName(user.loginName());
            e.setSecretHash(hash(secret));
            e.setCreatedAt(now);
            e.setLastUsedAt(now);
            e.setIdleMillis(idle.toMillis());
            AuditLog.record(em, now, user.loginName(), "remember_login", "user", user.loginName(),
                    java.util.Map.of("channel", channel, "identity", identity));
            return null;
        });
        return new Remembered(secret, Instant.ofEpochMilli(now + idle.toMillis()));
    }

    @Override
    public Resumed resume(String channel, String identity, String secret) {
        if (channel == null || identity == null || secret == null || secret.isEmpty()) {
            throw loginRequired();
        }
        long now = clock.now().toEpochMilli();
        // A refusal that ends the login must commit its delete, so the outcome travels out of the transaction.
        Object outcome = tx.run(em -> {
            RememberedLoginEntity e = em.find(RememberedLoginEntity.class, key(channel, identity));
            if (e == null || !MessageDigest.isEqual(e.getSecretHash().getBytes(StandardCharsets.US_ASCII),
                    hash(secret).getBytes(StandardCharsets.US_ASCII))) {
                return loginRequired();
            }
            UserEntity user = em.find(UserEntity.class, e.getUserId());
            // A password change deletes the user's rows in its own transaction (AuthenticationServiceImpl), so
            // no time comparison is needed here; one would break when the adjustable clock is set back.
            if (user == null || UserStatus.DISABLED.name().equals(user.getStatus())
                    || Math.max(0, now - e.getLastUsedAt()) > e.getIdleMillis()) {
                em.remove(e);
                return loginRequired();
            }
            if (user.getLockedUntil() > now) {
                return new CivicException(401, "ACCOUNT_LOCKED",
                        "The account is locked after repeated failed logins; try again later");
            }
            e.setLastUsedAt(Math.max(now, e.getLastUsedAt()));
            return new Resumed(AuthenticationServiceImpl.toCaller(em, user),
                    Instant.ofEpochMilli(e.getLastUsedAt() + e.getIdleMillis()));
        });
        if (outcome instanceof CivicException refusal) {
            throw refusal;
        }
        return (Resumed) outcome;
    }

    @Override
    public boolean forget(String channel, String identity) {
        return tx.run(em -> {
            RememberedLoginEntity e = em.find(RememberedLoginEntity.class, key(channel, identity));
            if (e != null) {
                em.remove(e);
            }
            return e != null;
        });
    }

    @Override
    public List<Binding> boundIn(String channel, long unitId) {
        long now = clock.now().toEpochMilli();
        return tx.run(em -> {
            List<Binding> out = new ArrayList<>();
            List<Object[]> rows = em.createQuery("SELECT r, u FROM RememberedLoginEntity r, UserEntity u"
                    + " WHERE r.channel = :channel AND u.id = r.userId AND u.unitId = :unit ORDER BY r.createdAt",
                    Object[].class).setParameter("channel", channel).setParameter("unit", unitId).getResultList();
            for (Object[] row : rows) {
                RememberedLoginEntity r = (RememberedLoginEntity) row[0];
                UserEntity u = (UserEntity) row[1];
                if (!UserStatus.DISABLED.name().equals(u.getStatus())
                        && Math.max(0, now - r.getLastUsedAt()) <= r.getIdleMillis()) {
                    out.add(new Binding(r.getIdentity(), AuthenticationServiceImpl.toCaller(em, u)));
                }
            }
            return out;
        });
    }

    /** Ends every remembered login of a user, inside the caller's transaction (a password change). */
    static int endAllOf(EntityManager em, long userId) {
        return em.createQuery("DELETE FROM RememberedLoginEntity r WHERE r.userId = :user")
                .setParameter("user", userId).executeUpdate();
    }

    private static String key(String channel, String identity) {
        return channel + ":" + identity;
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CivicException loginRequired() {
        return new CivicException(401, "LOGIN_REQUIRED", "The remembered login has ended; log in with the password");
    }
}
