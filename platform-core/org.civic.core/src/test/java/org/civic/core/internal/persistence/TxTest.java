package org.civic.core.internal.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;

import org.civic.core.api.CivicException;
import org.civic.core.internal.TestSupport;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * What {@link Tx} does when the database refuses a lock: the real refusal of an in-memory Derby whose lock
 * wait is zero, so that a held row lock is refused at once (SQLState 40XL1), as Derby refuses an identity
 * insert under contention.
 */
public class TxTest {

    private EntityManagerFactory emf;
    private Tx tx;
    /** Another transaction, holding the row lock on the setting {@code "held"} until it commits. */
    private EntityManager holder;

    @Before
    public void setUp() {
        emf = TestSupport.database();
        tx = new Tx(emf);
        tx.run(em -> {
            em.createNativeQuery("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.waitTimeout', '0')")
                    .executeUpdate();
            SettingEntity s = new SettingEntity();
            s.setKey("held");
            s.setValue("0");
            em.persist(s);
            return null;
        });
        holder = emf.createEntityManager();
        holder.getTransaction().begin();
        holder.find(SettingEntity.class, "held").setValue("holder");
        holder.flush();
    }

    @After
    public void tearDown() {
        if (holder.getTransaction().isActive()) {
            holder.getTransaction().rollback();
        }
        holder.close();
        emf.close();
    }

    private static void write(EntityManager em, String key, String value) {
        SettingEntity s = new SettingEntity();
        s.setKey(key);
        s.setValue(value);
        em.persist(s);
    }

    private String value(String key) {
        return tx.read(em -> {
            SettingEntity s = em.find(SettingEntity.class, key);
            return s == null ? null : s.getValue();
        });
    }

    @Test
    public void aLockRefusalIsRunAgainAndCommitsOnce() {
        AtomicInteger runs = new AtomicInteger();
        String out = tx.run(em -> {
            if (runs.incrementAndGet() == 2) {
                holder.getTransaction().commit(); // the other transaction ends between the two runs
            }
            write(em, "mine", "run " + runs.get());
            em.find(SettingEntity.class, "held").setValue("mine");
            em.flush(); // refused on the first run: the row is locked
            return "done";
        });
        assertEquals("done", out);
        assertEquals(2, runs.get());
        assertEquals("run 2", value("mine"));
        assertEquals("mine", value("held"));
    }

    @Test
    public void aLockStillRefusedAfterEveryAttemptIsConflictAndWritesNothing() {
        AtomicInteger runs = new AtomicInteger();
        CivicException e = TestSupport.refused("CONFLICT", () -> tx.run(em -> {
            runs.incrementAndGet();
            write(em, "mine", "x");
            em.find(SettingEntity.class, "held").setValue("mine");
            em.flush();
            return null;
        }));
        assertEquals(409, e.status());
        assertEquals(Tx.ATTEMPTS, runs.get());
        assertTrue(Tx.isLockRefusal(e));
        assertNull(value("mine"));
        holder.getTransaction().commit();
        assertEquals("holder", value("held"));
    }

    @Test
    public void aLostVersionRaceIsNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        TestSupport.refused("CONFLICT", () -> tx.run(em -> {
            runs.incrementAndGet();
            throw new OptimisticLockException("the version moved");
        }));
        assertEquals(1, runs.get());
    }

    @Test
    public void aRefusalOfTheWorkItselfIsNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        TestSupport.refused("INVALID_VALUE:title", () -> tx.run(em -> {
            runs.incrementAndGet();
            write(em, "mine", "x");
            throw CivicException.invalidValue("title", "too long");
        }));
        assertEquals(1, runs.get());
        assertNull(value("mine"));
    }
}
