package io.mendian.ordering.api;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import cn.idev.excel.write.metadata.WriteSheet;
import io.mendian.identity.AccessPolicy;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.ordering.app.OrderCentre;
import io.mendian.ordering.app.OrderCriteria;
import io.mendian.ordering.app.OrderViews;
import io.mendian.ordering.app.StoreOrders;
import io.mendian.ordering.domain.OrderStatus;
import io.mendian.store.FulfilmentMode;
import io.mendian.store.StoreApi;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's order centre (H4): every order of the stores in the caller's scope, filtered, and exported as CSV. */
@Path("/api/hq/orders")
@Tag(name = "HQ: orders")
@Authenticated
public class HqOrderResource {

    /** Orders are a Chinese business's: export dates are written in Shanghai time. */
    private static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter CHINA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);

    private static final List<String> HEADERS =
            List.of("订单号", "门店", "会员ID", "状态", "履约方式", "商品金额(元)", "配送费(元)", "优惠(元)", "实付(元)", "下单时间", "自提时间");

    private final OrderCentre centre;
    private final OrderViews views;
    private final AccessPolicy policy;
    private final CurrentCaller caller;
    private final StoreApi stores;
    private final StoreOrders storeOrders;
    private final io.mendian.web.Idempotency idempotency;

    private final io.mendian.ordering.app.OrderAddresses addresses;

    public HqOrderResource(
            OrderCentre centre,
            OrderViews views,
            AccessPolicy policy,
            CurrentCaller caller,
            StoreApi stores,
            StoreOrders storeOrders,
            io.mendian.web.Idempotency idempotency,
            io.mendian.ordering.app.OrderAddresses addresses) {
        this.addresses = addresses;
        this.storeOrders = storeOrders;
        this.idempotency = idempotency;
        this.centre = centre;
        this.views = views;
        this.policy = policy;
        this.caller = caller;
        this.stores = stores;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Capability.ORDER_OVERVIEW)
    @Operation(
            summary = "The order centre: orders of the stores in scope, newest first",
            description =
                    "Filters: storeId, regionId, status, mode (PICKUP, DELIVERY, EXPRESS), memberId, phone (the "
                            + "delivery phone, exact, matched through a blind index), from and to (dates, Shanghai time, inclusive). Paged; the total is exact up to 10,000 (totalCapped beyond).")
    public OrderCentrePage list(@BeanParam Filters filters, @BeanParam PageRequest page) {
        return centre.page(criteria(filters), page);
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    @Requires(Capability.ORDER_OVERVIEW)
    @Operation(
            summary = "The same orders as CSV (UTF-8 with BOM, amounts in yuan), streamed",
            description = "Takes the list's filters; every matching row, written as it is read.")
    public Response csv(@BeanParam Filters filters) {
        OrderCentre.Export export = centre.export(criteria(filters));
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write('\uFEFF');
            w.write(String.join(",", HEADERS) + "\r\n");
            export.writeTo(o -> {
                w.write(String.join(
                        ",",
                        cell(o.orderNo()),
                        cell(o.store()),
                        String.valueOf(o.memberId()),
                        o.status(),
                        o.fulfilmentMode(),
                        yuan(o.itemsFen()),
                        yuan(o.deliveryFeeFen()),
                        yuan(o.discountFen()),
                        yuan(o.totalFen()),
                        o.createdAt() == null ? "" : CHINA_TIME.format(o.createdAt()),
                        o.pickupAt() == null ? "" : CHINA_TIME.format(o.pickupAt())));
                w.write("\r\n");
            });
            w.flush();
        };
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"orders-" + LocalDate.now(CHINA) + ".csv\"")
                .build();
    }

    @GET
    @Path("/export.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @Requires(Capability.ORDER_OVERVIEW)
    @Operation(
            summary = "The same orders as an Excel workbook, streamed",
            description = "Takes the list's filters; rows are written in batches as they are read (amounts in yuan).")
    public Response xlsx(@BeanParam Filters filters) {
        OrderCentre.Export export = centre.export(criteria(filters));
        StreamingOutput body = out -> {
            List<List<String>> head = new ArrayList<>();
            for (String title : HEADERS) {
                head.add(List.of(title));
            }
            try (ExcelWriter writer =
                    FastExcel.write(out).head(head).autoCloseStream(false).build()) {
                WriteSheet sheet = FastExcel.writerSheet("订单").build();
                List<List<Object>> batch = new ArrayList<>();
                export.writeTo(o -> {
                    batch.add(List.of(
                            o.orderNo(),
                            o.store() == null ? "" : o.store(),
                            o.memberId(),
                            o.status(),
                            o.fulfilmentMode(),
                            BigDecimal.valueOf(o.itemsFen(), 2),
                            BigDecimal.valueOf(o.deliveryFeeFen(), 2),
                            BigDecimal.valueOf(o.discountFen(), 2),
                            BigDecimal.valueOf(o.totalFen(), 2),
                            o.createdAt() == null ? "" : CHINA_TIME.format(o.createdAt()),
                            o.pickupAt() == null ? "" : CHINA_TIME.format(o.pickupAt())));
                    if (batch.size() == 500) {
                        writer.write(batch, sheet);
                        batch.clear();
                    }
                });
                writer.write(batch, sheet);
            }
        };
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"orders-" + LocalDate.now(CHINA) + ".xlsx\"")
                .build();
    }

    @GET
    @Path("/{orderNo}")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Capability.ORDER_OVERVIEW)
    @Operation(summary = "One order with its lines and timeline, when its store is in scope")
    public OrderView get(@PathParam("orderNo") String orderNo) {
        OrderView order = views.find(orderNo).orElseThrow(() -> ProblemException.notFound("order " + orderNo));
        Set<Long> scope = scope();
        if (scope != null && !scope.contains(order.storeId())) {
            throw ProblemException.notFound("order " + orderNo);
        }
        return order;
    }

    @POST
    @Path("/{orderNo}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Capability.ORDER_INTERVENE)
    @Operation(
            summary = "HQ cancels a paid order before it is ready and refunds it in full",
            description = "Recorded in the order's timeline with the staff member and the reason.")
    public OrderView cancel(@PathParam("orderNo") String orderNo, @Valid @NotNull ReasonRequest request) {
        OrderView order = get(orderNo);
        return storeOrders.reject(
                order.storeId(),
                orderNo,
                request.reason(),
                "staff:" + caller.get().subject());
    }

    @POST
    @Path("/{orderNo}/refunds")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Capability.ORDER_INTERVENE)
    @Operation(
            summary = "HQ refunds part or all of a paid order",
            description = "The order keeps its status; the refund (staff member, amount, reason) is in its timeline. "
                    + "409 refund-exceeds-payment names what is left to refund. Send an Idempotency-Key.")
    public OrderView refund(
            @PathParam("orderNo") String orderNo,
            @HeaderParam(io.mendian.web.Idempotency.HEADER) String key,
            @Valid @NotNull RefundRequest request) {
        OrderView order = get(orderNo);
        String actor = "staff:" + caller.get().subject();
        idempotency.run(key, "hq.order-refund", request, Response.Status.OK, () -> {
            storeOrders.refund(order.storeId(), orderNo, request.amountFen(), request.reason(), actor);
            return Map.of("orderNo", orderNo);
        });
        return views.find(orderNo).orElseThrow();
    }

    /** The list's query parameters. */
    public static class Filters {
        @QueryParam("storeId")
        public String storeId;

        @QueryParam("regionId")
        public String regionId;

        @QueryParam("status")
        public String status;

        @QueryParam("mode")
        public String mode;

        @QueryParam("memberId")
        public String memberId;

        @QueryParam("from")
        public String from;

        @QueryParam("to")
        public String to;

        @QueryParam("phone")
        public String phone;
    }

    private OrderCriteria criteria(Filters f) {
        Set<Long> scope = scope();
        Long regionId = QueryParams.positiveLong("regionId", f.regionId);
        if (regionId != null) {
            Set<Long> inRegion = stores.storeIdsIn(new AccessPolicy.StoreFilter(false, Set.of(regionId), Set.of()));
            if (scope != null) {
                inRegion = new HashSet<>(inRegion);
                inRegion.retainAll(scope);
            }
            scope = inRegion;
        }
        OrderStatus status = QueryParams.enumValue("status", f.status, OrderStatus.class);
        FulfilmentMode mode = QueryParams.enumValue("mode", f.mode, FulfilmentMode.class);
        LocalDate from = QueryParams.date("from", f.from);
        LocalDate to = QueryParams.date("to", f.to);
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.badRequest("invalid-range", "to must not be before from");
        }
        return new OrderCriteria(
                scope,
                QueryParams.positiveLong("storeId", f.storeId),
                status == null ? null : status.name(),
                mode == null ? null : mode.name(),
                QueryParams.positiveLong("memberId", f.memberId),
                from,
                to,
                phoneIndex(f.phone));
    }

    /** The blind index of a searched phone (orders keep no phone in the clear); 400 unless it has 5-20 digits. */
    private String phoneIndex(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String digits = io.mendian.privacy.PhoneNumbers.normalize(phone);
        if (digits == null || digits.length() < 5 || digits.length() > 20 || phone.length() > 30) {
            throw ProblemException.badRequest("invalid-phone", "phone: 5-20 digits");
        }
        return addresses.phoneIndex(phone);
    }

    private Set<Long> scope() {
        return stores.storeIdsIn(policy.storeFilter(caller.get(), Capability.ORDER_OVERVIEW));
    }

    private static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** Quotes a text cell and defuses spreadsheet formulas (a cell starting with =, +, - or @ is shown as text). */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
