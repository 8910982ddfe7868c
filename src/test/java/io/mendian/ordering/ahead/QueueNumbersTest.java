package io.mendian.ordering.ahead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class QueueNumbersTest {

    @Test
    void numbersReadAsALetterAndThreeDigitsAndNeverRepeatInADay() {
        assertEquals("A001", QueueNumbers.label(1));
        assertEquals("A999", QueueNumbers.label(999));
        assertEquals("B001", QueueNumbers.label(1000));
        assertEquals("Z999", QueueNumbers.label(26 * 999));
        assertEquals("Z25975", QueueNumbers.label(26 * 999 + 1));
        Set<String> seen = new HashSet<>();
        for (int seq = 1; seq <= 40_000; seq++) {
            String label = QueueNumbers.label(seq);
            assertEquals(true, seen.add(label), "repeated " + label);
            assertEquals(true, label.length() <= 8, label);
        }
        assertThrows(IllegalArgumentException.class, () -> QueueNumbers.label(0));
    }

    @Test
    void theNthPlaceWaitsForItsRoundOfLanes() {
        // Two lanes, four minutes an order: places 0 and 1 in the first round, 2 and 3 in the second.
        assertEquals(4, Waits.waitMinutes(0, 240, 2));
        assertEquals(4, Waits.waitMinutes(1, 240, 2));
        assertEquals(8, Waits.waitMinutes(2, 240, 2));
        assertEquals(1, Waits.waitMinutes(0, 30, 1));
        assertEquals(24 * 60, Waits.waitMinutes(1_000_000, 600, 1));
    }
}
