package org.civic.plugins.clue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemView;

/**
 * Values of the printable 线索办理情况表 (spec §9, A15), from the clue as the printer sees it: the workplace
 * by name, the level labels, and the progress, completion feedback and reviews in the order they happened.
 * Phone and ID number are masked by the template.
 */
final class ClueDocuments {

    static final Map<String, String> LEVELS = Map.of("PROVINCE", "省级", "CITY", "市级", "COUNTY", "区县级");

    private final ClueOrg org;

    ClueDocuments(ClueOrg org) {
        this.org = org;
    }

    Map<String, Object> model(ItemView item, Caller caller) {
        Map<String, Object> f = item.fields();
        Map<String, Object> out = new LinkedHashMap<>();
        String city = (String) f.get("workplaceCityCode");
        String county = (String) f.get("workplaceCountyCode");
        StringBuilder where = new StringBuilder();
        if (city != null) {
            where.append(org.regionName(city));
        }
        if (county != null) {
            where.append(" ").append(org.regionName(county));
        }
        if (f.get("workplaceAddress") != null) {
            where.append(" ").append(f.get("workplaceAddress"));
        }
        out.put("workplace", where.toString().trim());
        out.put("levels", LEVELS);
        out.put("progress", ClueRules.list(f.get("progress")));
        out.put("feedback", f.get("completionFeedback") == null ? Map.of() : f.get("completionFeedback"));
        out.put("reviews", ClueRules.list(f.get("reviews")));
        out.put("results", Map.of("APPROVED", "审核通过", "REJECTED", "驳回"));
        out.put("channelName", "MINI_PROGRAM".equals(f.get("channel")) ? "小程序" : "门户网站");
        return out;
    }
}
