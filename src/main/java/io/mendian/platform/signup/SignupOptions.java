package io.mendian.platform.signup;

import java.util.List;
import java.util.Map;

/** What the signup page offers: the self-service plans with their prices and limits, and the industry templates. */
public record SignupOptions(List<PlanOption> plans, List<IndustryOption> industries) {

    /** A self-service plan (tenant-provisioning/plans.yaml); prices in fen, limits of -1 unlimited. */
    public record PlanOption(
            String id,
            String name,
            long monthlyFen,
            long perStoreFen,
            int trialDays,
            int platformFeeBps,
            Map<String, Long> limits,
            List<String> features) {}

    /** An industry template (tenant-provisioning/templates); the page names it in the visitor's language by id. */
    public record IndustryOption(String id, String name) {}

    /** Whether a slug can be chosen now; {@code reason} (invalid-slug, slug-reserved, slug-taken) says why not. */
    public record SlugCheck(String slug, boolean available, String reason, String message) {}
}
