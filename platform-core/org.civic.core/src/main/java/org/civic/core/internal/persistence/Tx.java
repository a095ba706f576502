package org.civic.core.internal.persistence;

import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import javax.persistence.RollbackException;

import org.civic.core.api.CivicException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in one resource-local transaction: all of it commits or none of it does. A lost
 * optimistic-lock race becomes CONFLICT.
 *
 * <p>A transaction the database refused quickly for a lock (Derby's SQLState {@code 40XL1}, a lock
 * not granted in time, or {@code 40001}, chosen as a deadlock victim) is run again after a short random
 * pause, up to {@link #ATTEMPTS} times in all: nothing of it was written, and Derby refuses an insert this way
 * when several transactions at once need a new range of an identity column's values. The work must
 * therefore touch nothing but its EntityManager that cannot be repeated. A refusal after a long
 * wait (a real lock timeout, {@link #QUICK} or more) is not retried: the caller has waited enough.
 */
public final class Tx {

    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);

    /** Runs of one unit of work at most, the first included. */
    static final int ATTEMPTS = 5;

    /** A lock refusal that came sooner than this is retried. */
    static final long QUICK = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final EntityManagerFactory emf;

    public Tx(EntityManagerFactory emf) {
        this.emf = emf;
    }

    public <T> T run(Function<EntityManager, T> work) {
        for (int attempt = 1;; attempt++) {
            long start = System.nanoTime();
            try {
                return once(work);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isLockRefusal(e) || System.nanoTime() - start >= QUICK) {
                    throw e;
                }
                LOG.debug("Transaction refused a lock (attempt {} of {}); running it again", attempt, ATTEMPTS, e);
                // The transactions that collided would collide again if all ran again at once: each waits a
                // few random milliseconds, longer after each refusal.
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(2, 20) * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private <T> T once(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (RollbackException | OptimisticLockException e) {
            if (isOptimisticLock(e)) {
                throw conflict(e);
            }
            throw e;
        } catch (PersistenceException e) {
            if (isOptimisticLock(e)) {
                throw conflict(e);
            }
            throw e;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static CivicException conflict(Exception cause) {
        // The caller gets CONFLICT; the cause (a lost version race, or a lock timeout or deadlock that
        // the database reports the same way) is worth a look when conflicts appear where none are expected.
        if (!isLockRefusal(cause)) {
            LOG.debug("Transaction lost a race and answers CONFLICT", cause);
        }
        CivicException c = CivicException.conflict("The record was changed by someone else; reload and try again");
        c.initCause(cause);
        return c;
    }

    /** The database refused a lock: Derby's 40XL1 (not granted in time) or 40001 (deadlock victim). */
    static boolean isLockRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                String state = ((java.sql.SQLException) t).getSQLState();
                if ("40XL1".equals(state) || "40001".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Read-only work without a transaction. */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    static boolean isOptimisticLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t.getClass().getName().endsWith("OptimisticException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
