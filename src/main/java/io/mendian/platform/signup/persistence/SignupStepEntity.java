package io.mendian.platform.signup.persistence;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The state of one provisioning step of one signup job. */
@Entity
@Table(name = "signup_step")
@IdClass(SignupStepEntity.Key.class)
public class SignupStepEntity extends PanacheEntityBase {

    public enum State {
        PENDING,
        RUNNING,
        DONE,
        FAILED
    }

    public record Key(UUID jobId, String step) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Id
    public String step;

    public int position;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;

    public int attempts;
    public String detail;
    public String error;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
