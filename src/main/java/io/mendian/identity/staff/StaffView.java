package io.mendian.identity.staff;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A staff member of this brand and their grants here (grants in other brands are never shown). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StaffView(
        String userId,
        String username,
        String email,
        String name,
        boolean enabled,
        List<String> grants,
        String initialPassword) {}
