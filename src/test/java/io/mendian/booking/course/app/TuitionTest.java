package io.mendian.booking.course.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a late learner pays: the sessions ahead in proportion, rounded down, never nothing for a priced course. */
class TuitionTest {

    @Test
    void theWholePriceUntilTheFirstSessionThenTheSessionsAheadInProportion() {
        assertEquals(10_000, CourseRows.tuition(10_000, 4, 4));
        assertEquals(7_500, CourseRows.tuition(10_000, 3, 4));
        assertEquals(3_333, CourseRows.tuition(10_000, 1, 3));
    }

    @Test
    void aPricedCourseNeverRoundsDownToFreeAndAFreeOneStaysFree() {
        assertEquals(1, CourseRows.tuition(5, 1, 10));
        assertEquals(0, CourseRows.tuition(0, 1, 4));
    }
}
