package io.mendian.web;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Paging parameters shared by every list endpoint. Out-of-range values are rejected (not clamped) so that a client
 * asking for 10,000 rows learns the limit instead of silently getting 100.
 */
public class PageRequest {

    public static final int MAX_SIZE = 100;

    @QueryParam("page")
    @DefaultValue("0")
    @Parameter(description = "Zero-based page index")
    String page;

    @QueryParam("size")
    @DefaultValue("20")
    @Parameter(description = "Page size, 1 to " + MAX_SIZE)
    String size;

    public int page() {
        int value = parse("page", page);
        if (value < 0 || value > 1_000_000) {
            throw ProblemException.badRequest("invalid-page", "page must be between 0 and 1000000");
        }
        return value;
    }

    public int size() {
        int value = parse("size", size);
        if (value < 1 || value > MAX_SIZE) {
            throw ProblemException.badRequest("invalid-page-size", "size must be between 1 and " + MAX_SIZE)
                    .with("maxSize", MAX_SIZE);
        }
        return value;
    }

    public int offset() {
        return page() * size();
    }

    private static int parse(String name, String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("invalid-" + name, name + " must be an integer");
        }
    }

    public static PageRequest of(int page, int size) {
        var request = new PageRequest();
        request.page = String.valueOf(page);
        request.size = String.valueOf(size);
        return request;
    }
}
