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
 */
public final class Tx {

    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);

    private final EntityManagerFactory emf;

    public Tx(EntityManagerFactory emf) {
        this.emf = emf;
    }

    public <T> T run(Function<EntityManager, T> work) {
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
        LOG.debug("Transaction lost a race and answers CONFLICT", cause);
        return CivicException.conflict("The record was changed by someone else; reload and try again");
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
