package org.civic.plugins.clue;

import java.util.Set;

import org.civic.core.api.org.Caller;
import org.civic.core.api.spi.FieldMasking;
import org.osgi.service.component.annotations.Component;

/**
 * The complainant's ID number is masked on every read (spec 3.1, A3); only the completion-feedback view shows
 * it, which the line reads as its own system caller after checking that the caller sees the clue. Phones are
 * shown in full in details to officers in scope and masked by the line's own lists.
 */
@Component(service = FieldMasking.class)
public class ClueMasking implements FieldMasking {

    @Override
    public String line() {
        return Clue.LINE;
    }

    @Override
    public Set<String> maskedFor(Caller caller) {
        return caller.hasRole(Clue.SYSTEM) ? Set.of() : Set.of("complainantIdNo");
    }
}
