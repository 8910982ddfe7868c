package io.mendian.privacy;

/** Phone numbers as they are indexed: digits only, without China's +86 / 0086 prefix. */
public final class PhoneNumbers {

    private PhoneNumbers() {}

    public static String normalize(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits.isEmpty() ? null : digits;
    }
}
