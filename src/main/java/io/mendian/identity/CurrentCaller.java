package io.mendian.identity;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.UnauthorizedException;

/** The staff caller of this request, set once by {@link AccessFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new UnauthorizedException();
        }
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
