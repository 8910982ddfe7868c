package io.mendian.platform.billing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.platform.billing.persistence.InvoiceEntity;
import io.mendian.tenancy.TenantId;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;
import io.mendian.web.Rows;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Reads invoices for HQ (its own) and the operator (all, or the overdue ones). */
@ApplicationScoped
@Transactional
public class Invoices {

    /** Which invoices to list. */
    public enum Filter {
        ALL,
        OPEN,
        PAID,
        OVERDUE
    }

    private final Invoicing invoicing;

    /** The status query parameter: absent means ALL; anything unknown is a 400. */
    public static Filter filter(String raw) {
        Filter filter = QueryParams.enumValue("status", raw, Filter.class);
        return filter == null ? Filter.ALL : filter;
    }

    public Invoices(Invoicing invoicing) {
        this.invoicing = invoicing;
    }

    /** One brand's invoices: what HQ reads, and what the operator reads when filtering by brand. */
    public Page<InvoiceView> forBrand(TenantId tenant, Filter filter, PageRequest page) {
        Parameters params = new Parameters().and("tenant", tenant.value());
        return list("tenantId = :tenant", params, filter, page);
    }

    /** Every brand's invoices: the operator's view only. */
    public Page<InvoiceView> ofEveryBrand(Filter filter, PageRequest page) {
        return list("1 = 1", new Parameters(), filter, page);
    }

    /** One of the brand's invoices; another brand's is simply not found. */
    public InvoiceView getForBrand(TenantId tenant, long id) {
        InvoiceEntity invoice = InvoiceEntity.findById(id);
        if (invoice == null || !tenant.value().equals(invoice.tenantId)) {
            throw ProblemException.notFound("invoice " + id);
        }
        return view(invoice, true);
    }

    /** Any brand's invoice: the operator's view only. */
    public InvoiceView getOfAnyBrand(long id) {
        InvoiceEntity invoice = InvoiceEntity.findById(id);
        if (invoice == null) {
            throw ProblemException.notFound("invoice " + id);
        }
        return view(invoice, true);
    }

    private Page<InvoiceView> list(String scope, Parameters params, Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(scope);
        switch (filter) {
            case OPEN -> where.append(" and status = 'OPEN'");
            case PAID -> where.append(" and status = 'PAID'");
            case OVERDUE -> {
                where.append(" and status = 'OPEN' and dueAt < :now");
                params.and("now", OffsetDateTime.now(ZoneOffset.UTC));
            }
            case ALL -> {}
        }
        var query = InvoiceEntity.<InvoiceEntity>find(
                where.toString(), Sort.descending("issuedAt").and("id", Sort.Direction.Descending), params);
        long total = query.count();
        List<InvoiceView> items = query.page(page.page(), page.size()).list().stream()
                .map(i -> view(i, false))
                .toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    InvoiceView view(InvoiceEntity i, boolean detail) {
        boolean overdue = "OPEN".equals(i.status) && i.dueAt.toInstant().isBefore(Instant.now());
        List<InvoiceView.Step> steps = new ArrayList<>();
        if (detail) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = InvoiceEntity.getEntityManager()
                    .createNativeQuery("select step, taken_at, detail from platform.dunning_step "
                            + "where invoice_id = ?1 order by taken_at")
                    .setParameter(1, i.id)
                    .getResultList();
            rows.forEach(r -> steps.add(new InvoiceView.Step((String) r[0], Rows.offset(r[1]), (String) r[2])));
        }
        return new InvoiceView(
                i.id,
                i.number,
                i.tenantId,
                i.period,
                i.plan,
                i.status,
                i.currency,
                i.totalFen,
                i.paidFen,
                i.totalFen - i.paidFen,
                overdue,
                i.issuedAt,
                i.dueAt,
                i.paidAt,
                detail ? invoicing.lines(i.id) : List.of(),
                steps);
    }
}
