package org.civic.core.rest.internal.soap;

import java.util.concurrent.Callable;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.service.invoker.BeanInvoker;
import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;

/**
 * The caller of the SOAP call a plugin's service is serving ({@link org.civic.core.rest.SoapService#caller()}),
 * held for the duration of the invocation only, and the invoker that sets it and maps refusals to faults.
 */
public final class SoapCallers {

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private SoapCallers() {
    }

    public static Caller current() {
        Caller c = CURRENT.get();
        if (c == null) {
            throw CivicException.unauthenticated("No authenticated SOAP call on this thread");
        }
        return c;
    }

    /** Runs {@code work} as {@code caller}; the previous caller (if any) is restored afterwards. */
    static <T> T as(Caller caller, Callable<T> work) throws Exception {
        Caller before = CURRENT.get();
        CURRENT.set(caller);
        try {
            return work.call();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** The platform's error code as a SOAP fault, wherever the refusal is wrapped. */
    static RuntimeException fault(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CivicException e) {
                return SoapFaults.of(e);
            }
        }
        return t instanceof RuntimeException r ? r : new Fault(t);
    }

    /** Invokes a plugin's service bean as the caller the authentication interceptor put on the exchange. */
    static final class CallerInvoker extends BeanInvoker {

        CallerInvoker(Object bean) {
            super(bean);
        }

        @Override
        public Object invoke(Exchange exchange, Object o) {
            try {
                return as(exchange.get(Caller.class), () -> super.invoke(exchange, o));
            } catch (Exception e) {
                throw fault(e);
            }
        }
    }
}
