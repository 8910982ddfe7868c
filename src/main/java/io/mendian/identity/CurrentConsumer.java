package io.mendian.identity;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.UnauthorizedException;

/** The signed-in member of this shop request, set by {@link AccessFilter} from a consumer token of the path's brand. */
@RequestScoped
public class CurrentConsumer {

    private Long memberId;

    /** The member id; 401 when the request carries no consumer token of this brand. */
    public long memberId() {
        if (memberId == null) {
            throw new UnauthorizedException();
        }
        return memberId;
    }

    void set(long memberId) {
        this.memberId = memberId;
    }
}
