package org.nrm.app.referral;

import java.util.List;
import java.util.Set;
import org.nrm.workflow.tasks.WorkflowException;
import org.springframework.stereotype.Component;

/** Checks a referral's screening against the jurisdiction's indicator lists: an unknown code is a 400 naming its field. */
@Component
public class ScreeningCodes {

    private final ScreeningProperties lists;

    public ScreeningCodes(ScreeningProperties lists) {
        this.lists = lists;
    }

    public ScreeningProperties lists() {
        return lists;
    }

    void check(ReferralRequest.ScreeningRequest screening) {
        check("screening.acts", screening.acts(), lists.acts());
        check("screening.means", screening.means(), lists.means());
        check("screening.purposes", screening.purposes(), lists.purposes());
        check("screening.smuggling", screening.smuggling(), lists.smuggling());
    }

    private static void check(String field, Set<String> given, List<String> known) {
        if (given == null) {
            return;
        }
        for (String code : given) {
            if (!known.contains(code)) {
                throw WorkflowException.invalid(field, "'" + field + "' must be codes of the jurisdiction's list "
                        + known + ".");
            }
        }
    }
}
