package org.nrm.app.shelters;

import java.util.Set;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.shelters.ShelterView;
import org.nrm.projections.shelters.Shelters;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.ChangeShelter;
import org.nrm.referral.api.ChangeShelterCapacity;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.RegisterShelter;
import org.nrm.referral.api.RetireShelter;
import org.nrm.referral.api.ShelterGroup;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.workflow.CommandSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shelters as a managed resource: registered, changed and retired by an administrator, or registered from the
 * jurisdiction's configuration. Each request is one transaction: a change of name and capacity commits whole or not
 * at all.
 */
@Service
public class ShelterAdministration {

    private final CommandSender commands;
    private final Shelters shelters;

    public ShelterAdministration(CommandSender commands, Shelters shelters) {
        this.commands = commands;
        this.shelters = shelters;
    }

    @Transactional
    public void register(ShelterRequests.Registration request, Actor actor) {
        if (shelters.find(request.shelterId()).isPresent()) {
            throw new CaseRuleViolation("shelter-already-registered",
                    "A shelter '" + request.shelterId() + "' is already registered; change it instead.");
        }
        commands.send(new RegisterShelter(request.shelterId(), request.name(), request.type(), request.capacity(),
                request.groups(), text(request.address())), actor);
    }

    @Transactional
    public void replace(String shelterId, ShelterRequests.Replacement request, NrmUser user) {
        change(shelterId, request.name(), request.capacity(), request.groups(), request.address(), user.actor());
    }

    @Transactional
    public void change(String shelterId, ShelterRequests.Change request, NrmUser user) {
        change(shelterId, request.name(), request.capacity(), request.groups(), request.address(), user.actor());
    }

    @Transactional
    public void retire(String shelterId, ShelterRequests.Retirement request, NrmUser user) {
        commands.send(new RetireShelter(shelterId, text(request == null ? null : request.reason())), user.actor());
    }

    private void change(String shelterId, String name, Integer capacity, Set<ShelterGroup> groups, String address,
                        Actor actor) {
        ShelterView current = shelters.find(shelterId).orElseThrow();
        boolean details = (name != null && !name.strip().equals(current.name()))
                || (groups != null && !groups.equals(current.groups())) || address != null;
        if (details) {
            commands.send(new ChangeShelter(shelterId, name == null || name.strip().equals(current.name()) ? null : name,
                    groups == null || groups.equals(current.groups()) ? null : groups, text(address)), actor);
        }
        if (capacity != null) {
            commands.send(new ChangeShelterCapacity(shelterId, capacity), actor);
        }
    }

    private static PersonalText text(String text) {
        return text == null || text.isBlank() ? null : new PersonalText(text.strip());
    }
}
