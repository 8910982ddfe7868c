package io.mendian.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

/** Which failures are a rush, answered 503 busy for the client to retry (ProblemMappers.overloaded). */
class OverloadTest {

    @Test
    void aFullPoolOrAConnectionOpenedTooSlowlyIsARushThoughThePoolGivesNoSqlState() {
        assertTrue(ProblemMappers.overloaded(new PersistenceException(
                "Unable to acquire JDBC Connection", new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(ProblemMappers.overloaded(new PersistenceException(
                "Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException()))));
    }

    @Test
    void aTransactionTheReaperEndedIsARush() {
        assertTrue(
                ProblemMappers.overloaded(new IllegalStateException("ARJUNA016102: The transaction is not active!")));
    }

    @Test
    void aDeadlockOrAStatementTimeoutIsARush() {
        assertTrue(ProblemMappers.overloaded(new PersistenceException(new SQLException("deadlock detected", "40P01"))));
        assertTrue(
                ProblemMappers.overloaded(new SQLException("canceling statement due to statement timeout", "57014")));
    }

    @Test
    void anOtherSqlFailureWithoutStateIsNoRushAndAsksNothingOfTheState() {
        assertFalse(ProblemMappers.overloaded(new PersistenceException(new SQLException("no state at all"))));
        assertFalse(ProblemMappers.overloaded(new SQLException("unique violation", "23505")));
    }
}
