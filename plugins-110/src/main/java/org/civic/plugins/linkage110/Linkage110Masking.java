package org.civic.plugins.linkage110;

import java.util.Set;

import org.civic.core.api.org.Caller;
import org.civic.core.api.spi.FieldMasking;
import org.osgi.service.component.annotations.Component;

/**
 * Assumption A11: appellant phones are shown in full to dispatchers and handling units (they call back) and
 * masked ({@code 138****0002}) for everyone else who reads appeals — district leaders, partner accounts — in
 * the kernel's item views, audit trail, lists and the line's reports. Platform administrators (and the line's
 * own system caller) read them in full.
 */
@Component(service = FieldMasking.class)
public class Linkage110Masking implements FieldMasking {

    static final Set<String> MASKED = Set.of("appellantPhone");

    @Override
    public String line() {
        return Linkage110Line.LINE;
    }

    @Override
    public Set<String> maskedFor(Caller caller) {
        if (caller.isGlobalAdmin() || caller.hasAnyRole(Linkage110Line.DISPATCHER, Linkage110Line.HANDLER)) {
            return Set.of();
        }
        return MASKED;
    }
}
