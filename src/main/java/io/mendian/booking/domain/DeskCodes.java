package io.mendian.booking.domain;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;

/**
 * The code a member shows at the desk (an appointment's, an enrolment's): eight letters and digits without the ones a
 * person misreads (0/O, 1/I), drawn at random so that one code says nothing about another.
 */
public final class DeskCodes {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeskCodes() {}

    /**
     * Inserts a row under a fresh code: {@code insert} tries one code and answers the new row's id, or nothing when
     * the code is taken (an insert with {@code on conflict (code) do nothing returning id}); another code is drawn then.
     */
    public static long insertUnder(String what, Function<String, List<? extends Number>> insert) {
        for (int attempt = 0; attempt < 6; attempt++) {
            List<? extends Number> ids = insert.apply(draw());
            if (!ids.isEmpty()) {
                return ids.get(0).longValue();
            }
        }
        // 32^8 codes: six taken in a row means the table is not what this class assumes.
        throw new IllegalStateException("no free " + what + " code after 6 draws");
    }

    public static String draw() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return code.toString();
    }
}
