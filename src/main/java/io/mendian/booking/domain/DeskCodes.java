package io.mendian.booking.domain;

import java.security.SecureRandom;

/**
 * The code a member shows at the desk (an appointment's, an enrolment's): eight letters and digits without the ones a
 * person misreads (0/O, 1/I), drawn at random so that one code says nothing about another.
 */
public final class DeskCodes {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeskCodes() {}

    public static String draw() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return code.toString();
    }
}
