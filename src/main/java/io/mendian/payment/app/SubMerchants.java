package io.mendian.payment.app;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.wechat.pay.java.core.cipher.PrivacyEncryptor;
import com.wechat.pay.java.core.http.HttpMethod;

import io.mendian.payment.PaySettings;
import io.mendian.payment.api.SubMerchantApplication;
import io.mendian.payment.api.SubMerchantView;
import io.mendian.tenancy.Shards;
import io.mendian.tenancy.TenantId;
import io.mendian.web.ProblemException;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A brand's sub-merchant account (特约商户) under the platform's service-provider account. HQ submits an applyment;
 * WeChat Pay reviews it; when it is finished the brand has a {@code sub_mchid} and customers can pay. The state is
 * read back from WeChat Pay when someone asks and the last reading is older than {@code mendian.pay.applyment-recheck}.
 */
@ApplicationScoped
public class SubMerchants {

    private static final String PREFIX = "APPLYMENT_STATE_";
    private static final List<String> FINAL = List.of("ACTIVE", "REJECTED", "CANCELED");

    private final EntityManager em;
    private final Shards shards;
    private final WeChatPay pay;
    private final PaySettings settings;
    private final ObjectMapper json;

    // The control plane's unit: sub-merchants live on the default shard, whichever shard the brand is on.
    public SubMerchants(
            @PersistenceUnit("platform") EntityManager em,
            WeChatPay pay,
            PaySettings settings,
            ObjectMapper json,
            Shards shards) {
        this.em = em;
        this.shards = shards;
        this.pay = pay;
        this.settings = settings;
        this.json = json;
    }

    /** Submits (or, after a rejection, resubmits) the brand's applyment. */
    public SubMerchantView apply(TenantId tenant, SubMerchantApplication form, String actor) {
        Optional<SubMerchantView> current = read(tenant);
        if (current.isPresent() && !"REJECTED".equals(current.get().state())) {
            throw ProblemException.conflict(
                    "applyment-exists",
                    "the brand's applyment is " + current.get().state() + "; a new one can be submitted after a "
                            + "rejection");
        }
        int attempt = current.map(v -> Integer.parseInt(
                                v.businessCode().substring(v.businessCode().lastIndexOf('-') + 1))
                        + 1)
                .orElse(1);
        String businessCode = tenant.value() + "-" + attempt;
        JsonObject answer;
        try {
            answer = pay.call(HttpMethod.POST, "/v3/applyment4sub/applyment/", body(businessCode, form));
        } catch (RuntimeException e) {
            ProblemException problem = PayFailures.translate(e);
            throw problem == null ? e : problem;
        }
        long applymentId = answer.get("applyment_id").getAsLong();
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "insert into platform.sub_merchant (tenant_id, business_code, applyment_id, state, "
                                        + "state_message, submitted_by, submitted_at) values (?1, ?2, ?3, 'AUDITING', ?4, ?5, now()) "
                                        + "on conflict (tenant_id) do update set business_code = excluded.business_code, "
                                        + "applyment_id = excluded.applyment_id, state = 'AUDITING', state_message = "
                                        + "excluded.state_message, submitted_by = excluded.submitted_by, submitted_at = now(), "
                                        + "checked_at = null, sub_mchid = null")
                        .setParameter(1, tenant.value())
                        .setParameter(2, businessCode)
                        .setParameter(3, applymentId)
                        .setParameter(4, "submitted; WeChat Pay is reviewing it")
                        .setParameter(5, actor)
                        .executeUpdate());
        return view(tenant);
    }

    /** The brand's account, re-read from WeChat Pay when under review and not read recently. */
    public SubMerchantView view(TenantId tenant) {
        Optional<SubMerchantView> current = read(tenant);
        if (current.isEmpty()) {
            return SubMerchantView.notApplied(tenant.value());
        }
        if (!FINAL.contains(current.get().state()) && due(tenant)) {
            refresh(tenant, current.get().businessCode());
            return read(tenant).orElseThrow();
        }
        return current.get();
    }

    /** The brand's sub_mchid once it can take payments. */
    public Optional<String> active(TenantId tenant) {
        SubMerchantView view = view(tenant);
        return view.canTakePayments() ? Optional.of(view.subMchid()) : Optional.empty();
    }

    /** Every brand's account (for the operator), without asking WeChat Pay. */
    @SuppressWarnings("unchecked")
    public List<SubMerchantView> all() {
        return ((List<Object[]>) em.createNativeQuery(SELECT + " order by submitted_at desc")
                        .getResultList())
                .stream().map(SubMerchants::toView).toList();
    }

    private void refresh(TenantId tenant, String businessCode) {
        JsonObject answer;
        try {
            answer = pay.call(HttpMethod.GET, "/v3/applyment4sub/applyment/business_code/" + businessCode, null);
        } catch (RuntimeException e) {
            if (PayFailures.transientFailure(e)) {
                return; // shown as it was; asked again next time
            }
            ProblemException problem = PayFailures.translate(e);
            throw problem == null ? e : problem;
        }
        String raw = answer.get("applyment_state").getAsString();
        String state = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : raw;
        if ("FINISHED".equals(state)) {
            state = "ACTIVE";
        }
        String message = answer.has("applyment_state_msg")
                ? answer.get("applyment_state_msg").getAsString()
                : null;
        String subMchid = answer.has("sub_mchid") ? answer.get("sub_mchid").getAsString() : null;
        String next = state;
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "update platform.sub_merchant set state = ?2, state_message = ?3, sub_mchid = coalesce(?4, "
                                        + "sub_mchid), checked_at = now(), activated_at = case when ?2 = 'ACTIVE' then "
                                        + "coalesce(activated_at, now()) end where tenant_id = ?1 and business_code = ?5")
                        .setParameter(1, tenant.value())
                        .setParameter(2, next)
                        .setParameter(3, message)
                        .setParameter(4, subMchid)
                        .setParameter(5, businessCode)
                        .executeUpdate());
    }

    private boolean due(TenantId tenant) {
        // The caller's transaction may hold the brand's shard: see Shards.controlPlane (docs/adr/0022).
        @SuppressWarnings("unchecked")
        List<Object> rows = shards.controlPlane(
                tenant,
                () -> em.createNativeQuery("select checked_at from platform.sub_merchant where tenant_id = ?1")
                        .setParameter(1, tenant.value())
                        .getResultList());
        if (rows.isEmpty() || rows.get(0) == null) {
            return true;
        }
        Instant checked = (Instant) rows.get(0);
        return checked.plus(settings.applymentRecheck()).isBefore(Instant.now());
    }

    private static final String SELECT = "select tenant_id, state, state_message, sub_mchid, business_code, "
            + "applyment_id, submitted_at, activated_at from platform.sub_merchant";

    private Optional<SubMerchantView> read(TenantId tenant) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = shards.controlPlane(
                tenant,
                () -> em.createNativeQuery(SELECT + " where tenant_id = ?1")
                        .setParameter(1, tenant.value())
                        .getResultList());
        return rows.stream().findFirst().map(SubMerchants::toView);
    }

    private static SubMerchantView toView(Object[] r) {
        String state = (String) r[1];
        return new SubMerchantView(
                (String) r[0],
                state,
                (String) r[2],
                (String) r[3],
                (String) r[4],
                r[5] == null ? null : ((Number) r[5]).longValue(),
                time(r[6]),
                time(r[7]),
                "ACTIVE".equals(state) && r[3] != null);
    }

    private static OffsetDateTime time(Object value) {
        return value == null ? null : ((Instant) value).atOffset(ZoneOffset.UTC);
    }

    /** The applyment body; personal and bank details encrypted with WeChat Pay's public key, as the API requires. */
    private String body(String businessCode, SubMerchantApplication form) {
        PrivacyEncryptor encryptor = pay.encryptor();
        Map<String, Object> body = Map.of(
                "business_code", businessCode,
                "contact_info",
                        Map.of(
                                "contact_type", "LEGAL",
                                "contact_name", encryptor.encrypt(form.contactName()),
                                "mobile_phone", encryptor.encrypt(form.contactPhone())),
                "subject_info",
                        Map.of(
                                "subject_type",
                                "SUBJECT_TYPE_ENTERPRISE",
                                "business_license_info",
                                Map.of("license_number", form.licenseNumber(), "merchant_name", form.companyName())),
                "business_info", Map.of("merchant_shortname", form.merchantShortname()),
                "settlement_info", Map.of("settlement_id", "716", "qualification_type", "餐饮"),
                "bank_account_info",
                        Map.of(
                                "bank_account_type", "BANK_ACCOUNT_TYPE_CORPORATE",
                                "account_name", encryptor.encrypt(form.accountName()),
                                "account_bank", form.accountBank(),
                                "account_number", encryptor.encrypt(form.accountNumber())));
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
