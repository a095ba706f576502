package org.civic.core.internal.persistence;

import javax.persistence.EntityManagerFactory;

import org.civic.core.api.HealthIndicator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** UP while the platform database answers a query. */
@Component(service = HealthIndicator.class)
public class DatabaseHealth implements HealthIndicator {

    private final Tx tx;

    @Activate
    public DatabaseHealth(@Reference(target = "(osgi.unit.name=civic)") EntityManagerFactory emf) {
        this.tx = new Tx(emf);
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean isUp() {
        try {
            return tx.read(em -> em.createQuery("SELECT COUNT(s) FROM SettingEntity s", Long.class)
                    .getSingleResult()) >= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
