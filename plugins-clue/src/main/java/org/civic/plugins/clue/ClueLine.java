package org.civic.plugins.clue;

import java.util.Collection;
import java.util.List;

import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.spi.PlatformExtension;
import org.civic.core.api.spi.RoleDefinition;
import org.civic.core.api.workflow.LineRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The clue line's component: registers the line with the kernel and declares its roles and unit types (a
 * region's one {@code CLUE_UNIT}, the partners' {@code CLUE_PARTNER}). A configuration change re-creates
 * the component, which registers the line again with the new limits.
 */
@Component(service = PlatformExtension.class, immediate = true, configurationPid = ClueConfig.PID)
@Designate(ocd = ClueConfig.class)
public class ClueLine implements PlatformExtension {

    private final AutoCloseable registration;

    @Activate
    public ClueLine(@Reference LineRegistry lines, @Reference OrganizationService org, ClueConfig config) {
        registration = lines.register(Clue.definition(new ClueRules(new ClueOrg(org), limits(config))));
    }

    static Clue.Limits limits(ClueConfig config) {
        return new Clue.Limits(config.clue_receiptLimitWorkingDays() > 0 ? config.clue_receiptLimitWorkingDays() : null,
                config.clue_handlingLimitWorkingDays() > 0 ? config.clue_handlingLimitWorkingDays() : null);
    }

    @Deactivate
    void deactivate() throws Exception {
        registration.close();
    }

    @Override
    public String id() {
        return Clue.LINE;
    }

    @Override
    public Collection<RoleDefinition> roles() {
        return Clue.roles();
    }

    @Override
    public Collection<String> unitTypes() {
        return List.of(Clue.CLUE_UNIT, Clue.PARTNER);
    }

    @Override
    public Collection<String> singletonUnitTypes() {
        return List.of(Clue.CLUE_UNIT);
    }
}
