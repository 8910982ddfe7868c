package io.mendian.promotion.groupbuy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.promotion.groupbuy.GroupRows.Buy;
import io.mendian.web.ProblemException;

/**
 * Teams of a group buy (C7). The team row is the lock: a member takes a seat under it (so a full team takes nobody
 * more), and it goes from OPEN to FORMED (the last member paid) or FAILED (its deadline passed) exactly once, in a
 * conditional UPDATE that only one transaction can win. Seats belong to orders: an order that ends gives its seat
 * back. Whoever holds an order's row lock takes the team's after it (payment, the failing job), never before.
 */
@ApplicationScoped
public class GroupTeams {

    /** An admitted seat: the buy's terms for pricing and the team it is in. */
    public record Seat(long groupBuyId, long teamId, String label, long skuId, long priceFen, boolean exclusive) {}

    private final EntityManager em;
    private final GroupRows rows;

    public GroupTeams(EntityManager em, GroupRows rows) {
        this.em = em;
        this.rows = rows;
    }

    /**
     * Opens a team ({@code teamId} null) or takes a seat in one, in the caller's transaction. 404 for an unknown buy or
     * team; 409 group-buy-over, group-buy-not-started, team-full, team-closed, team-expired, already-in-team; 422
     * group-buy-not-at-this-store or team-at-another-store.
     */
    public Seat admit(long groupBuyId, Long teamId, long memberId, long storeId) {
        Buy buy = rows.find(groupBuyId).orElseThrow(() -> ProblemException.notFound("group buy " + groupBuyId));
        Instant now = Instant.now();
        if ("ENDED".equals(buy.status()) || !now.isBefore(buy.endsAt())) {
            throw ProblemException.conflict("group-buy-over", "group buy " + groupBuyId + " is over");
        }
        if (now.isBefore(buy.startsAt())) {
            throw ProblemException.conflict(
                    "group-buy-not-started", "group buy " + groupBuyId + " starts at " + buy.startsAt());
        }
        if (!buy.runsAt(storeId)) {
            throw ProblemException.unprocessable(
                    "group-buy-not-at-this-store", "group buy " + groupBuyId + " does not run at store " + storeId);
        }
        long team = teamId == null ? open(buy, memberId, storeId, now) : join(buy, teamId, storeId);
        @SuppressWarnings("unchecked")
        List<Number> seated = em.createNativeQuery("select m.team_id from group_buy_member m join group_buy_team t on "
                        + "t.id = m.team_id where m.group_buy_id = ?1 and m.member_id = ?2 and m.status <> 'LEFT' and "
                        + "t.status = 'OPEN' limit 1")
                .setParameter(1, groupBuyId)
                .setParameter(2, memberId)
                .getResultList();
        if (!seated.isEmpty()) {
            throw ProblemException.conflict(
                            "already-in-team",
                            "you already hold a seat in team " + seated.getFirst() + " of this group buy")
                    .with("teamId", seated.getFirst().longValue());
        }
        return new Seat(buy.id(), team, buy.name(), buy.skuId(), buy.priceFen(), buy.exclusive());
    }

    private long open(Buy buy, long memberId, long storeId, Instant now) {
        Instant deadline = now.plusSeconds(buy.hours() * 3600L);
        if (deadline.isAfter(buy.endsAt())) {
            deadline = buy.endsAt();
        }
        return ((Number) em.createNativeQuery("insert into group_buy_team (group_buy_id, store_id, leader_id, "
                                + "group_size, status, expires_at, created_at) values (?1, ?2, ?3, ?4, 'OPEN', ?5, "
                                + "now()) returning id")
                        .setParameter(1, buy.id())
                        .setParameter(2, storeId)
                        .setParameter(3, memberId)
                        .setParameter(4, buy.groupSize())
                        .setParameter(5, deadline.atOffset(ZoneOffset.UTC))
                        .getSingleResult())
                .longValue();
    }

    private long join(Buy buy, long teamId, long storeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> locked = em.createNativeQuery("select store_id, status, expires_at > now(), group_size from "
                        + "group_buy_team where id = ?1 and group_buy_id = ?2 for update")
                .setParameter(1, teamId)
                .setParameter(2, buy.id())
                .getResultList();
        if (locked.isEmpty()) {
            throw ProblemException.notFound("team " + teamId + " of group buy " + buy.id());
        }
        Object[] t = locked.getFirst();
        long teamStore = ((Number) t[0]).longValue();
        if ("FORMED".equals(t[1])) {
            throw ProblemException.conflict("team-closed", "team " + teamId + " has already formed; open a new one");
        }
        if (!"OPEN".equals(t[1]) || !(Boolean) t[2]) {
            throw ProblemException.conflict("team-expired", "team " + teamId + " ran out of time; open a new one");
        }
        if (teamStore != storeId) {
            throw ProblemException.unprocessable(
                            "team-at-another-store", "team " + teamId + " buys at store " + teamStore)
                    .with("storeId", teamStore);
        }
        long taken = ((Number) em.createNativeQuery(
                                "select count(*) from group_buy_member where team_id = ?1 and status <> 'LEFT'")
                        .setParameter(1, teamId)
                        .getSingleResult())
                .longValue();
        if (taken >= ((Number) t[3]).intValue()) {
            throw ProblemException.conflict("team-full", "team " + teamId + " is full; open a new one");
        }
        return teamId;
    }

    /** The seat belongs to the order just written (still under the team's lock when joining). */
    public void claim(Seat seat, long memberId, String orderNo) {
        em.createNativeQuery("insert into group_buy_member (team_id, group_buy_id, member_id, order_no, status, "
                        + "joined_at) values (?1, ?2, ?3, ?4, 'PENDING', now())")
                .setParameter(1, seat.teamId())
                .setParameter(2, seat.groupBuyId())
                .setParameter(3, memberId)
                .setParameter(4, orderNo)
                .executeUpdate();
    }

    /**
     * The order holding a seat was paid (the caller holds its row lock). When that was the last seat, the team forms
     * before its deadline: answers every paid order of the team, which go to their store; otherwise nothing.
     */
    public List<String> paid(String orderNo) {
        @SuppressWarnings("unchecked")
        List<Number> team = em.createNativeQuery("update group_buy_member set status = 'PAID', paid_at = now() where "
                        + "order_no = ?1 and status = 'PENDING' returning team_id")
                .setParameter(1, orderNo)
                .getResultList();
        if (team.isEmpty()) {
            return List.of();
        }
        long teamId = team.getFirst().longValue();
        // Lock the team first, then count in a new statement: two last payments racing each see the other's seat
        // once they hold the lock (a single UPDATE with a counting subquery would let both miss it).
        em.createNativeQuery("select id from group_buy_team where id = ?1 for update")
                .setParameter(1, teamId)
                .getResultList();
        List<String> paid = orders("team_id = ?1 and status = 'PAID'", teamId);
        int formed = em.createNativeQuery(
                        "update group_buy_team set status = 'FORMED', settled_at = now() where id = ?1 "
                                + "and status = 'OPEN' and expires_at > now() and group_size <= ?2")
                .setParameter(1, teamId)
                .setParameter(2, paid.size())
                .executeUpdate();
        return formed == 1 ? paid : List.of();
    }

    /** The order ended (unpaid, cancelled or refunded): its seat is free again. */
    public void release(String orderNo) {
        em.createNativeQuery("update group_buy_member set status = 'LEFT', left_at = now() where order_no = ?1 and "
                        + "status <> 'LEFT'")
                .setParameter(1, orderNo)
                .executeUpdate();
    }

    /** Open teams past their deadline, oldest first. */
    @Transactional
    public List<Long> due(int batch, Collection<Long> skipping) {
        @SuppressWarnings("unchecked")
        List<Number> due = em.createNativeQuery("select id from group_buy_team where status = 'OPEN' and expires_at "
                        + "<= now() and id <> all(cast(?1 as bigint[])) order by expires_at limit ?2")
                .setParameter(1, skipping.toArray(Long[]::new))
                .setParameter(2, batch)
                .getResultList();
        return due.stream().map(Number::longValue).toList();
    }

    /** The orders holding the team's seats. */
    @Transactional
    public List<String> seatedOrders(long teamId) {
        return orders("team_id = ?1 and status <> 'LEFT'", teamId);
    }

    /**
     * Fails an open team past its deadline, in the caller's transaction; true for the one transaction that does (its
     * caller then cancels and refunds the seated orders), false when it formed, failed already or is not due.
     */
    public boolean fail(long teamId) {
        return em.createNativeQuery("update group_buy_team set status = 'FAILED', settled_at = now() where id = ?1 and "
                                + "status = 'OPEN' and expires_at <= now()")
                        .setParameter(1, teamId)
                        .executeUpdate()
                == 1;
    }

    /** A team as its link shows it. */
    @Transactional
    public TeamView team(long teamId) {
        GroupRows.Team team = rows.team(teamId).orElseThrow(() -> ProblemException.notFound("team " + teamId));
        Buy buy = rows.find(team.groupBuyId()).orElseThrow();
        return rows.view(team, buy, Instant.now());
    }

    /** The member's seats, newest first (at most 50). */
    @Transactional
    public List<MyTeamView> mine(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> seats = em.createNativeQuery("select m.team_id, m.order_no, m.status, t.leader_id = m.member_id "
                        + "from group_buy_member m join group_buy_team t on t.id = m.team_id where m.member_id = ?1 "
                        + "order by m.id desc limit 50")
                .setParameter(1, memberId)
                .getResultList();
        Instant now = Instant.now();
        return seats.stream()
                .map(s -> {
                    GroupRows.Team team = rows.team(((Number) s[0]).longValue()).orElseThrow();
                    Buy buy = rows.find(team.groupBuyId()).orElseThrow();
                    return new MyTeamView(rows.view(team, buy, now), (String) s[1], (String) s[2], (Boolean) s[3]);
                })
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> orders(String where, long teamId) {
        return em.createNativeQuery("select order_no from group_buy_member where " + where + " order by id")
                .setParameter(1, teamId)
                .getResultList();
    }
}
