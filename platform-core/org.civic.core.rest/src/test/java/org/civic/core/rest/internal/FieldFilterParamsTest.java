package org.civic.core.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.UriInfo;

import org.civic.core.api.CivicException;
import org.junit.Test;

/** The query's {@code field.<id>=<value>} parameters as WorkResource hands them to the kernel. */
public class FieldFilterParamsTest {

    private static UriInfo uri(Map<String, List<String>> params) {
        MultivaluedMap<String, String> m = new MultivaluedHashMap<>();
        params.forEach(m::put);
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getQueryParameters")) {
                        return m;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void fieldParametersBecomeFiltersAndOthersAreLeftAlone() {
        assertEquals(Map.of("category", "城市管理", "urgent", "true"), WorkResource.fieldFilters(uri(Map.of(
                "field.category", List.of("城市管理"), "field.urgent", List.of(" true "), "state", List.of("DRAFT"),
                "field.channel", List.of("")))));
        assertEquals(Map.of(), WorkResource.fieldFilters(uri(Map.of("q", List.of("x")))));
    }

    @Test
    public void aFieldNamedTwiceOrWithoutIdIsRefused() {
        refused("INVALID_VALUE:field.category", Map.of("field.category", List.of("A", "B")));
        refused("INVALID_VALUE:field.", Map.of("field.", List.of("A")));
    }

    private static void refused(String code, Map<String, List<String>> params) {
        try {
            WorkResource.fieldFilters(uri(params));
            fail("expected " + code);
        } catch (CivicException e) {
            assertEquals(code, e.code());
            assertEquals(400, e.status());
        }
    }
}
