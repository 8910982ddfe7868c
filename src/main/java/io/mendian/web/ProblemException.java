package io.mendian.web;

/**
 * Thrown by application code for any expected failure; mapped to its problem body unchanged. Prefer the factory
 * methods so that the same situation always gets the same type.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.getDetail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(Problem.of(400, slug, "Bad request", detail));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " was not found"));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(409, slug, "Conflict", detail));
    }

    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(Problem.of(403, slug, "Forbidden", detail));
    }

    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(Problem.of(422, slug, "Unprocessable request", detail));
    }

    public ProblemException with(String key, Object value) {
        problem.with(key, value);
        return this;
    }
}
