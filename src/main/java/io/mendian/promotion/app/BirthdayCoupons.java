package io.mendian.promotion.app;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.membership.MembershipApi;
import io.mendian.tenancy.EveryBrand;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.mendian.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Birthday coupons (H6): each morning, members whose birthday is today get their level's birthday coupon, once per
 * year. The {@code birthday_gift} row (member, year) is written in the same transaction as the coupon, so a rerun, a
 * second instance or a retry gives nothing twice; clustered on Quartz.
 */
@ApplicationScoped
public class BirthdayCoupons {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");
    private static final int BATCH = 200;

    private final EveryBrand brands;
    private final Tenants tenants;
    private final MembershipApi members;
    private final Wallets wallets;
    private final EntityManager em;

    public BirthdayCoupons(
            EveryBrand brands, Tenants tenants, MembershipApi members, Wallets wallets, EntityManager em) {
        this.brands = brands;
        this.tenants = tenants;
        this.members = members;
        this.wallets = wallets;
        this.em = em;
    }

    @Scheduled(
            identity = "promotion-birthday-coupons",
            cron = "${mendian.promotion.birthday-cron:0 10 0,8,12 * * ?}",
            timeZone = "Asia/Shanghai",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        brands.run("birthday coupons", brand -> give(brand, LocalDate.now(CHINA)));
    }

    /**
     * Gives the day's birthday coupons of one brand; answers how many were given. Members born on 29 February celebrate
     * on the 28th in other years.
     */
    public int give(TenantId brand, LocalDate day) {
        List<String> days = day.getMonthValue() == 2 && day.getDayOfMonth() == 28 && !day.isLeapYear()
                ? List.of("02-28", "02-29")
                : List.of(day.format(MONTH_DAY));
        return days.stream()
                .mapToInt(monthDay -> give(brand, monthDay, day.getYear()))
                .sum();
    }

    private int give(TenantId brand, String monthDay, int year) {
        return tenants.runAs(brand, () -> {
            int given = 0;
            long after = 0;
            List<MembershipApi.Birthday> page;
            do {
                long from = after;
                page = QuarkusTransaction.requiringNew().call(() -> members.birthdays(monthDay, from, BATCH));
                for (MembershipApi.Birthday b : page) {
                    if (b.couponTemplateId() > 0 && giveOne(b, year)) {
                        given++;
                    }
                }
                after = page.isEmpty() ? after : page.getLast().memberId();
            } while (page.size() == BATCH);
            return given;
        });
    }

    private boolean giveOne(MembershipApi.Birthday b, int year) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                int first = em.createNativeQuery("insert into birthday_gift (member_id, year, template_id, created_at) "
                                + "values (?1, ?2, ?3, now()) on conflict do nothing")
                        .setParameter(1, b.memberId())
                        .setParameter(2, year)
                        .setParameter(3, b.couponTemplateId())
                        .executeUpdate();
                if (first == 0) {
                    return false;
                }
                long coupon = wallets.grant(b.couponTemplateId(), b.memberId(), "BIRTHDAY", true);
                em.createNativeQuery(
                                "update birthday_gift set member_coupon_id = ?3 where member_id = ?1 and year = ?2")
                        .setParameter(1, b.memberId())
                        .setParameter(2, year)
                        .setParameter(3, coupon)
                        .executeUpdate();
                return true;
            });
        } catch (ProblemException e) {
            // The template ended or ran out: nothing is recorded, and the next run of the day tries again.
            Log.warnf(
                    "birthday coupon %d for member %d not given: %s",
                    b.couponTemplateId(), b.memberId(), e.getMessage());
            return false;
        }
    }
}
