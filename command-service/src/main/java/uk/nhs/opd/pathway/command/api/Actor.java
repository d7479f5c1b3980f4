package uk.nhs.opd.pathway.command.api;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is sending the current command: the subject of the caller's bearer token, recorded on every event as {@code actor}. */
@Component
public class Actor {

    public String current() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated()) {
            throw new IllegalStateException("A command reached the aggregates without an authenticated caller");
        }
        return caller.getName();
    }
}
