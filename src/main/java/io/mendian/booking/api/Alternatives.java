package io.mendian.booking.api;

import java.util.List;
import java.util.function.Supplier;

import io.mendian.booking.app.Placement;
import io.mendian.web.ProblemException;

/**
 * A refused start answers 409 slot-taken with open starts nearby. They are looked up after the refused write rolled
 * back, so the many callers who lost the last place do not hold its row while the alternatives are computed.
 */
final class Alternatives {

    private Alternatives() {}

    static <T> T onTaken(Supplier<T> work, Supplier<List<SlotView>> alternatives) {
        try {
            return work.get();
        } catch (ProblemException e) {
            if (e.problem().getType().toString().endsWith("/" + Placement.TAKEN)) {
                e.with("alternatives", alternatives.get());
            }
            throw e;
        }
    }
}
