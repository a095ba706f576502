package org.civic.core.internal;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.civic.core.api.CivicException;
import org.civic.core.api.EventPublisher;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;

/** Fakes and a real database for the core's unit tests. */
public final class TestSupport {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestSupport() {
    }

    /** The platform's persistence unit on a fresh in-memory Derby database. */
    public static EntityManagerFactory database() {
        Map<String, Object> props = new HashMap<>();
        props.put("javax.persistence.nonJtaDataSource", "");
        props.put("openjpa.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
        props.put("openjpa.ConnectionURL", "jdbc:derby:memory:civic" + DATABASES.incrementAndGet() + ";create=true");
        props.put("openjpa.Log", "slf4j");
        return Persistence.createEntityManagerFactory("civic", props);
    }

    /** Rows of one entity (by its JPQL name, e.g. {@code "RegionEntity"}), counted in a fresh EntityManager. */
    public static long count(EntityManagerFactory emf, String entity) {
        EntityManager em = emf.createEntityManager();
        try {
            return em.createQuery("SELECT COUNT(e) FROM " + entity + " e", Long.class).getSingleResult();
        } finally {
            em.close();
        }
    }

    /** Runs {@code r}, which must be refused with {@code code}; returns the refusal for more checks. */
    public static CivicException refused(String code, Runnable r) {
        try {
            r.run();
        } catch (CivicException e) {
            org.junit.Assert.assertEquals(e.getMessage(), code, e.code());
            return e;
        }
        throw new AssertionError("expected " + code);
    }

    public static Caller globalAdmin() {
        return new Caller(1, "root", "Root", 1, "平台", "620000", Set.of(Caller.GLOBAL_ADMIN));
    }

    public static Caller regionAdmin(String login, String regionCode) {
        return new Caller(2, login, login, 2, "单位", regionCode, Set.of(Caller.REGION_ADMIN));
    }

    public static Caller staff(String regionCode) {
        return new Caller(3, "staff", "Staff", 3, "单位", regionCode, Set.of(Caller.STAFF));
    }

    /** A clock the test moves by hand. */
    public static final class TestClock implements PlatformClock {
        private Instant now = Instant.parse("2026-03-02T02:00:00Z");

        @Override
        public Instant now() {
            return now;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        public void set(Instant instant) {
            now = instant;
        }
    }

    /** Records the topics published. */
    public static final class RecordingEvents implements EventPublisher {
        public final List<String> topics = new ArrayList<>();

        @Override
        public void publish(String topic, Map<String, Object> payload) {
            topics.add(topic);
        }
    }

    public static CoreConfig config(boolean adjustable, boolean production) {
        return config(adjustable, production, true);
    }

    public static CoreConfig config(boolean adjustable, boolean production, boolean demoData) {
        return new CoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CoreConfig.class;
            }

            @Override
            public boolean demoData() {
                return demoData;
            }

            @Override
            public int login_maxFailedAttempts() {
                return 5;
            }

            @Override
            public int login_lockMinutes() {
                return 30;
            }

            @Override
            public boolean clock_adjustable() {
                return adjustable;
            }

            @Override
            public boolean production() {
                return production;
            }

            @Override
            public int cards_scanIntervalSeconds() {
                return 3600;
            }

            @Override
            public long attachments_maxBytes() {
                return 1024 * 1024;
            }

            @Override
            public String[] attachments_types() {
                return new String[] {"application/pdf", "image/png", "text/plain"};
            }

            @Override
            public String attachments_dir() {
                return System.getProperty("java.io.tmpdir") + "/civic-test-attachments";
            }
        };
    }
}
