package org.civic.core.rest.internal.soap;

import java.util.ArrayList;
import java.util.List;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.civic.core.api.CivicException;
import org.civic.core.api.Page;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.org.Region;
import org.civic.core.api.org.Unit;

/**
 * {@code /soap/OrganizationService}: read the organisation from a partner platform. Authenticated like
 * REST; answers only what the partner account's scope allows.
 */
@WebService(name = "OrganizationService", serviceName = "OrganizationService",
        portName = "OrganizationServicePort", targetNamespace = OrganizationSoapService.NS)
public class OrganizationSoapService {

    public static final String NS = "http://civic.org/soap/organization/v1";

    private final OrganizationService organization;

    public OrganizationSoapService(OrganizationService organization) {
        this.organization = organization;
    }

    @WebMethod
    @WebResult(name = "region")
    public RegionInfo getRegion(@WebParam(name = "code") String code) {
        try {
            return RegionInfo.of(organization.getRegion(caller(), code));
        } catch (CivicException e) {
            throw SoapFaults.of(e);
        }
    }

    @WebMethod
    @WebResult(name = "unit")
    public List<UnitInfo> listUnits(@WebParam(name = "regionCode") String regionCode) {
        try {
            Caller caller = caller();
            organization.getRegion(caller, regionCode);
            List<UnitInfo> units = new ArrayList<>();
            int offset = 0;
            Page<Unit> page;
            do {
                page = organization.listUnits(caller, regionCode, offset, Page.MAX_LIMIT);
                page.items().forEach(u -> units.add(UnitInfo.of(u)));
                offset += Page.MAX_LIMIT;
            } while (offset < page.total());
            return units;
        } catch (CivicException e) {
            throw SoapFaults.of(e);
        }
    }

    private static Caller caller() {
        Caller caller = PhaseInterceptorChain.getCurrentMessage().getExchange().get(Caller.class);
        if (caller == null) {
            throw new Fault(new SecurityException("UNAUTHENTICATED"));
        }
        return caller;
    }

    /** A region as SOAP partners see it. */
    public static class RegionInfo {
        public String code;
        public String name;
        public String level;
        public String parentCode;
        public String status;

        static RegionInfo of(Region r) {
            RegionInfo info = new RegionInfo();
            info.code = r.regionCode();
            info.name = r.name();
            info.level = r.level().name();
            info.parentCode = r.parentCode();
            info.status = r.status().name();
            return info;
        }
    }

    /** A unit as SOAP partners see it. */
    public static class UnitInfo {
        public long id;
        public String name;
        public String unitType;
        public String regionCode;
        public Long parentUnitId;
        public String status;

        static UnitInfo of(Unit u) {
            UnitInfo info = new UnitInfo();
            info.id = u.id();
            info.name = u.name();
            info.unitType = u.unitType();
            info.regionCode = u.regionCode();
            info.parentUnitId = u.parentUnitId();
            info.status = u.status().name();
            return info;
        }
    }
}
