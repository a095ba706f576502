package org.civic.simulator.ivr;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the IVR simulator, PID {@value #PID}. A simulator: never install it in production. */
@ObjectClassDefinition(name = "Civic Platform IVR SIMULATOR", description = "Simulated automatic phone callback partner")
public @interface IvrSimulatorConfig {

    String PID = "org.civic.simulator.ivr";

    @AttributeDefinition(name = "outcome", description = "SATISFIED, UNSATISFIED, UNREACHABLE or NONE (never answers)")
    String outcome() default "SATISFIED";

    @AttributeDefinition(name = "resultDelayMillis", description = "Delay between a call request and its result")
    long resultDelayMillis() default 500;

    @AttributeDefinition(name = "platformUrl", description = "Where results are posted; empty: the server the call"
            + " request came to (the simulator runs beside the platform)")
    String platformUrl() default "";

    @AttributeDefinition(name = "username", description = "The partner's platform account (role ivr_partner)")
    String username() default "ivr_cg";

    @AttributeDefinition(name = "password", description = "Its password",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "Linkage2026";
}
